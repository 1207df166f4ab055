// The floor under `npm run bench:ingest`: how fast one `next start` process takes a POST that does
// the least an ingestion can (read the JSON body, one INSERT on PostgreSQL, answer JSON), next to a
// no-op GET on the same server, at concurrency 50. A bare Next.js app (same Next, same node-postgres,
// pool of 10 as the app's), so whatever separates Treue's ratio from this one is Treue's own work;
// what separates this one from 1x is Next's and the driver's per-request cost.
// Makes and drops its own database at TEST_DATABASE_URL.
import { Client } from "pg";
import { admin, adminUrl } from "./admin-db";
import { startBareNext } from "./bare-next";
import { cpuPerOperation, sampleCpu } from "./cpu-time";
import { httpClient } from "./http-client";

const PORT = Number(process.env.BENCH_PORT ?? 3400) + 2;
const REQUESTS = Number(process.env.BENCH_EVENTS ?? 3_000);

const routes = {
  "lib/pool.js": `import pg from "pg";
export const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
`,
  "app/api/health/route.js": `export const dynamic = "force-dynamic";
export async function GET() {
  return Response.json({ ok: true });
}
`,
  "app/api/insert/route.js": `import { pool } from "../../../lib/pool";
export const dynamic = "force-dynamic";
export async function POST(request) {
  const event = JSON.parse(await request.text());
  await pool.query({ name: "insert_event", text: "insert into events (id, body) values ($1, $2) on conflict do nothing", values: [event.id, event] });
  return Response.json({ status: "applied", event_id: event.id });
}
`,
};

async function main() {
  const name = `treue_bench_bare_${process.pid}`;
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const setup = new Client({ connectionString: url.toString() });
  await setup.connect();
  await setup.query("create table events (id text primary key, body jsonb not null, created_at timestamptz not null default now())");
  await setup.end();
  const server = await startBareNext(PORT, { files: routes, env: { DATABASE_URL: url.toString() } });
  const client = httpClient(server.base, 100);
  const probe = new Client({ connectionString: adminUrl });
  await probe.connect();
  try {
    const body = (i: number) => JSON.stringify({ id: `bare_${i}`, type: "order.paid", occurred_at: new Date().toISOString(), data: { order_id: `bare_${i}-order`, customer: { id: `c${i}`, email: `c${i}@example.com` }, currency: "EUR", subtotal_cents: 1_000 + i, items: [] } });
    const health = () => client.request("GET", "/api/health");
    let n = 0;
    const insert = () => client.request("POST", "/api/insert", { "content-type": "application/json" }, body(n++));
    // Warm both routes (first requests compile them, the JIT warms over the first thousands).
    await run(2_000, 50, health);
    await run(2_000, 50, insert);
    const measure = async (count: number, work: () => Promise<unknown>) => {
      const before = await sampleCpu(server.pid, probe, name);
      const perSecond = await run(count, 50, work);
      return { perSecond, cpu: cpuPerOperation(before, await sampleCpu(server.pid, probe, name), count) };
    };
    const ceiling = await measure(2_000, health);
    const inserts = await measure(REQUESTS, insert);
    const after = await measure(2_000, health);
    const ceilingPerSecond = (ceiling.perSecond + after.perSecond) / 2;
    const ms = (value: number | null) => (value === null ? "n/a" : `${value.toFixed(2)} ms`);
    console.log(`bare Next.js ${server.base}`);
    console.log(`  ceiling  GET /api/health at concurrency 50: ${ceilingPerSecond.toFixed(0)} req/s (${ceiling.perSecond.toFixed(0)} before, ${after.perSecond.toFixed(0)} after), server CPU ${ms(ceiling.cpu.server)}`);
    console.log(`  insert   POST /api/insert ×${REQUESTS} (JSON body, one INSERT) at concurrency 50: ${inserts.perSecond.toFixed(0)} req/s = ${(inserts.perSecond / ceilingPerSecond).toFixed(2)}x the ceiling`);
    console.log(`  CPU      per insert: server ${ms(inserts.cpu.server)}, database ${ms(inserts.cpu.database)}`);
  } finally {
    client.close();
    await probe.end();
    await server.stop();
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

/** `count` calls of `work`, `concurrency` at a time; calls per second. */
async function run(count: number, concurrency: number, work: () => Promise<unknown>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < count) await work();
    }),
  );
  return count / ((performance.now() - started) / 1000);
}

main().catch((error: unknown) => {
  console.error(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
