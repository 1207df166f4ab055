// History import at scale on PostgreSQL: a CSV of 1,000,000 past orders of 200,000 customers over
// two years, dry run then import, each timed from reading the file to commit. Goal: <= 2 minutes.
// Makes and drops its own database at TEST_DATABASE_URL.
import { createReadStream, createWriteStream } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { admin, adminUrl } from "./admin-db";
import { connect } from "../lib/db/connect";
import { seedDemo } from "../lib/db/seed-demo";
import { importOrdersCsv } from "../lib/import/orders-csv";

const ORDERS = Number(process.env.BENCH_ORDERS ?? 1_000_000);
const CUSTOMERS = Math.max(1, Math.round(ORDERS / 5));
async function writeCsv(file: string) {
  const out = createWriteStream(file);
  out.write("order_id;date;customer_id;email;subtotal;currency;category\n");
  const categories = ["zelte", "schuhe", "jacken", "", "rucksaecke"];
  const start = Date.UTC(2024, 10, 1);
  for (let i = 1; i <= ORDERS; i++) {
    const customer = 1 + ((i * 7919) % CUSTOMERS);
    const date = new Date(start + ((i * 104_729) % (730 * 86_400)) * 1000).toISOString().slice(0, 19);
    const cents = 990 + ((i * 31) % 30_000);
    const line = `H-${i};${date};C${customer};kunde${customer}@example.de;${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")};EUR;${categories[i % 5]}\n`;
    if (!out.write(line)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
  }
  await new Promise<void>((resolve) => out.end(() => resolve()));
}

async function main() {
  const name = `treue_bench_import_${randomBytes(4).toString("hex")}`;
  const file = path.join(tmpdir(), `${name}.csv`);
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const connection = await connect({ kind: "postgres", url: url.toString(), poolSize: 4 });
  try {
    await seedDemo(connection.db); // the demo program: earn rule, tiers
    await writeCsv(file);
    const actor = { id: null, email: "bench" };
    let t0 = performance.now();
    const dry = await importOrdersCsv(connection, createReadStream(file), { mode: "points", dryRun: true, actor });
    const dryMs = performance.now() - t0;
    t0 = performance.now();
    const done = await importOrdersCsv(connection, createReadStream(file), { mode: "points", dryRun: false, actor });
    const importMs = performance.now() - t0;
    t0 = performance.now();
    const again = await importOrdersCsv(connection, createReadStream(file), { mode: "points", dryRun: false, actor });
    const againMs = performance.now() - t0;
    const dryMatches = dry.newOrders === done.newOrders && dry.newMembers === done.newMembers && dry.points === done.points;
    if (dry.errorCount > 0 || !dryMatches || done.newOrders !== ORDERS || again.newOrders !== 0) throw new Error(`unexpected outcome: ${JSON.stringify({ dry, done, again })}`);
    console.log(
      `import on PostgreSQL: ${ORDERS.toLocaleString("en")} orders of ${CUSTOMERS.toLocaleString("en")} customers: dry run ${(dryMs / 1000).toFixed(1)} s, import ${(importMs / 1000).toFixed(1)} s (${done.newMembers.toLocaleString("en")} members, ${done.points.toLocaleString("en")} points; goal <= 120 s), the same file again ${(againMs / 1000).toFixed(1)} s (0 new)`,
    );
  } finally {
    await connection.close();
    await rm(file, { force: true });
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

void main();
