// How many statements one order.paid costs on PostgreSQL, by kind of customer: every query the
// app's driver sends is counted (node-postgres' Client.query, which pools and transactions both
// go through), and PostgreSQL's own counters tell the rows and blocks it touched. The program's
// config is read once before (it is cached per process), so only the event's own work counts.
// Makes and drops its own database at TEST_DATABASE_URL.
import { randomBytes } from "node:crypto";
import { Client } from "pg";
import { admin, adminUrl } from "./admin-db";
import { connect } from "../lib/db/connect";
import { getProgramConfig } from "../lib/db/queries/program";
import { seedDemo } from "../lib/db/seed-demo";
import { applyShopEvent } from "../lib/server/orders/apply-shop-event";
import { bodyHash } from "../lib/shop-api/canonical-json";
import { shopEventSchema, type ShopEvent } from "../lib/validations/shop-events";

let sent: string[] = [];
const query = Client.prototype.query as (...args: unknown[]) => unknown;
Client.prototype.query = function counted(this: Client, ...args: unknown[]) {
  const first = args[0] as string | { name?: string; text?: string };
  sent.push(typeof first === "string" ? first : (first.name ?? first.text ?? "?"));
  return query.apply(this, args);
} as typeof Client.prototype.query;

let seq = 0;
function orderPaid(customer: string, subtotalCents: number): ShopEvent {
  const id = `rt_${++seq}`;
  return shopEventSchema.parse({
    id,
    type: "order.paid",
    occurred_at: new Date().toISOString(),
    data: { order_id: `${id}-order`, customer: { id: customer, email: `${customer}@example.com` }, currency: "EUR", subtotal_cents: subtotalCents, items: [] },
  });
}

const short = (statement: string) => statement.replace(/\s+/g, " ").slice(0, 70);

async function main() {
  const name = `treue_bench_rt_${randomBytes(4).toString("hex")}`;
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const connection = await connect({ kind: "postgres", url: url.toString(), poolSize: 2 });
  try {
    const { db } = connection;
    await seedDemo(db);
    await getProgramConfig(db);
    const apply = async (label: string, event: ShopEvent) => {
      sent = [];
      const outcome = await applyShopEvent(db, event, bodyHash(event));
      console.log(`${label}: ${sent.length} statements (${outcome.status}): ${sent.map(short).join(" | ")}`);
      return sent.length;
    };
    // Warm the prepared statements' plans on this connection first (as a running server has them).
    for (let i = 0; i < 8; i++) {
      await applyShopEvent(db, orderPaid(`rt-warm-${i}`, 1_000), "warm");
      const again = orderPaid(`rt-warm-${i}`, 1_000);
      await applyShopEvent(db, again, bodyHash(again));
    }
    await apply("new customer, first order", orderPaid("rt-new", 4_000));
    await apply("returning customer", orderPaid("rt-new", 4_000));
    const redelivered = orderPaid("rt-new", 4_000);
    await apply("returning customer", redelivered);
    await apply("re-delivery", redelivered);
    await apply("tier change (Silber)", orderPaid("rt-new", 30_000));
  } finally {
    await connection.close();
    const c = new Client({ connectionString: adminUrl });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).finally(() => c.end());
  }
}

main().catch((error: unknown) => {
  console.error(`bench failed: ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(1);
});
