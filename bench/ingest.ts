// Shop event ingestion against `next start` (real HTTP), on PostgreSQL and on PGlite:
// signed order.paid events at concurrency 50 with 10 % re-deliveries mixed in, then a check
// that nothing was lost or applied twice, then GET customer at concurrency 100; and pgbench's
// TPS on the same PostgreSQL server for comparison. Run `npm run build` first.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Client } from "pg";
import { signRequest } from "../lib/shop-api/signature";
import { startNextServer } from "./next-server";

const secret = "bench-shop-secret";
const EVENTS = Number(process.env.BENCH_EVENTS ?? 3_000);
const CUSTOMERS = 300;
const READS = Number(process.env.BENCH_READS ?? 3_000);
const adminUrl = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

type Target = { label: string; env: Record<string, string>; cleanup: () => Promise<void> };

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function pool<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

async function withAdmin<T>(fn: (c: Client) => Promise<T>) {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

function orderEvent(i: number) {
  const customer = i % CUSTOMERS;
  const subtotal = 1_000 + ((i * 7_919) % 50_000);
  return {
    body: JSON.stringify({
      id: `bench_evt_${i}`,
      type: "order.paid",
      occurred_at: new Date().toISOString(),
      data: {
        order_id: `bench-${i}`,
        customer: { id: `bench-c${customer}`, email: `bench-c${customer}@example.com` },
        currency: "EUR",
        subtotal_cents: subtotal,
        items: [{ sku: "B-1", name: "Bench", quantity: 1, unit_price_cents: subtotal }],
      },
    }),
    customer,
    points: Math.floor(subtotal / 100),
  };
}

async function run(target: Target, port: number) {
  const server = await startNextServer(port, { TREUE_SHOP_SECRET: secret, ...target.env });
  const { base } = server;
  try {
    const events = Array.from({ length: EVENTS }, (_, i) => orderEvent(i));
    // Every tenth event is delivered a second time, interleaved, as a retrying shop would.
    const deliveries = events.flatMap((e, i) => (i % 10 === 0 ? [e, e] : [e]));
    const latencies: number[] = [];
    const statuses = new Map<string, number>();
    const started = performance.now();
    await pool(deliveries, 50, async (event) => {
      const t0 = performance.now();
      const response = await fetch(`${base}/api/v1/events`, {
        method: "POST",
        headers: { "content-type": "application/json", ...signRequest(secret, event.body) },
        body: event.body,
      });
      const result = (await response.json()) as { status?: string };
      latencies.push(performance.now() - t0);
      const key = `${response.status}:${result.status ?? "problem"}`;
      statuses.set(key, (statuses.get(key) ?? 0) + 1);
    });
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);

    // Lost or double-applied: compare each customer's balance with what its events should give.
    const expected = new Map<number, number>();
    for (const e of events) expected.set(e.customer, (expected.get(e.customer) ?? 0) + e.points);
    const ids = [...expected.keys()];
    const readLatencies: number[] = [];
    let lost = 0;
    let duplicated = 0;
    for (const c of ids) {
      const response = await fetch(`${base}/api/v1/customers/bench-c${c}`, { headers: signRequest(secret, "") });
      const balance = response.ok ? ((await response.json()) as { balance: number }).balance : 0;
      const diff = balance - expected.get(c)!;
      if (diff < 0) lost += 1;
      if (diff > 0) duplicated += 1;
    }
    const reads = Array.from({ length: READS }, (_, i) => ids[i % ids.length]!);
    await pool(reads, 100, async (c) => {
      const t0 = performance.now();
      const response = await fetch(`${base}/api/v1/customers/bench-c${c}`, { headers: signRequest(secret, "") });
      await response.arrayBuffer();
      readLatencies.push(performance.now() - t0);
    });
    readLatencies.sort((a, b) => a - b);

    console.log(`\n${target.label}`);
    console.log(`  ingest   ${deliveries.length} deliveries (${EVENTS} events) at concurrency 50: ${(deliveries.length / seconds).toFixed(0)} events/s`);
    console.log(`           latency p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms`);
    console.log(`           responses ${[...statuses].map(([k, v]) => `${k}=${v}`).join(" ")}`);
    console.log(`           customers with lost points ${lost}, with double-applied points ${duplicated}`);
    console.log(`  GET customer ×${READS} at concurrency 100: p50 ${percentile(readLatencies, 50).toFixed(1)} ms, p95 ${percentile(readLatencies, 95).toFixed(1)} ms`);
  } finally {
    await server.stop();
    await target.cleanup();
  }
}

function pgbenchTps(): string {
  if (spawnSync("pgbench", ["--version"]).status !== 0) return "pgbench not installed";
  const url = new URL(adminUrl);
  url.pathname = "/treue_bench_pgbench";
  spawnSync("psql", [adminUrl, "-qc", "DROP DATABASE IF EXISTS treue_bench_pgbench", "-c", "CREATE DATABASE treue_bench_pgbench"]);
  spawnSync("pgbench", ["-i", "-q", "-s", "10", url.toString()], { stdio: "ignore" });
  const out = spawnSync("pgbench", ["-c", "50", "-j", "2", "-T", "15", url.toString()], { encoding: "utf8" }).stdout;
  spawnSync("psql", [adminUrl, "-qc", "DROP DATABASE IF EXISTS treue_bench_pgbench WITH (FORCE)"]);
  return out.match(/tps = ([\d.]+)/)?.[1] ?? "n/a";
}

async function main() {
  const dbName = `treue_bench_${process.pid}`;
  await withAdmin((c) => c.query(`CREATE DATABASE ${dbName}`));
  const pgUrl = new URL(adminUrl);
  pgUrl.pathname = `/${dbName}`;
  await run(
    {
      label: "PostgreSQL",
      env: { DATABASE_URL: pgUrl.toString() },
      cleanup: () => withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)).then(() => undefined),
    },
    3400,
  );
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "treue-bench-"));
  await run({ label: "PGlite (embedded)", env: { DATABASE_URL: "", TREUE_DATA_DIR: dataDir }, cleanup: async () => rmSync(dataDir, { recursive: true, force: true }) }, 3401);
  console.log(`\npgbench (TPC-B, 50 clients, 15 s, same server): ${pgbenchTps()} TPS`);
}

main().catch((error: unknown) => {
  console.error(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
