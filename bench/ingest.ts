// Shop event ingestion against `next start` (real HTTP), on PostgreSQL and on PGlite: signed
// order.paid events at concurrency 50 with 10 % re-deliveries mixed in, in two mixes: nearly all
// from returning customers, and 60 % from customers Treue does not know yet (issue 32: a first
// order must cost no more than a returning one). After each, a check that nothing was lost or
// applied twice; then GET customer at concurrency 100; and pgbench's TPS on the same PostgreSQL
// server for comparison. A no-op route (GET /api/health) at the same concurrency, measured just
// before and after each mix on a server warmed up by both routes, shows the ceiling of one
// `next start` process on this machine at that moment, whatever the route does (the machine is
// shared, so its load moves the ceiling too). Run `npm run build` first.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Client } from "pg";
import { signRequest } from "../lib/shop-api/signature";
import { cpuPerOperation, sampleCpu } from "./cpu-time";
import { httpClient, type HttpClient } from "./http-client";
import { startNextServer } from "./next-server";

const secret = "bench-shop-secret";
const EVENTS = Number(process.env.BENCH_EVENTS ?? 3_000);
const CUSTOMERS = 300;
const READS = Number(process.env.BENCH_READS ?? 3_000);
/** The PostgreSQL run's server listens here, the PGlite run's on the next port. */
const PORT = Number(process.env.BENCH_PORT ?? 3400);
const adminUrl = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
/** `BENCH_ONLY=postgres` measures PostgreSQL alone (to compare two builds quickly, one after the other). */
const ONLY_POSTGRES = process.env.BENCH_ONLY === "postgres";

/** `database`: the PostgreSQL database the server uses, whose backends' CPU is counted; null for PGlite (it runs inside the server). */
type Target = { label: string; env: Record<string, string>; database: string | null; cleanup: () => Promise<void> };
type Delivery = { body: string; id: string; customer: string };
/** Orders delivered untimed first (so their customers are known), then the timed ones. */
type Mix = { label: string; before: Delivery[]; events: Delivery[] };

/** Runs work over items with a fixed number in flight; throughput and latency percentiles. */
async function timed<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>) {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const item = items[next++]!;
        const t0 = performance.now();
        await work(item);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    perSecond: items.length / seconds,
    p: (percent: number) => latencies[Math.min(latencies.length - 1, Math.floor((percent / 100) * latencies.length))]!.toFixed(1),
  };
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

function orderEvent(id: string, customer: string, i: number): Delivery {
  const subtotal = 1_000 + ((i * 7_919) % 50_000);
  return {
    body: JSON.stringify({
      id,
      type: "order.paid",
      occurred_at: new Date().toISOString(),
      data: {
        order_id: `${id}-order`,
        customer: { id: customer, email: `${customer}@example.com` },
        currency: "EUR",
        subtotal_cents: subtotal,
        items: [{ sku: "B-1", name: "Bench", quantity: 1, unit_price_cents: subtotal }],
      },
    }),
    id,
    customer,
  };
}

/** 300 customers over all events: only each customer's first order (10 % of them) is a new customer's. */
function returningMix(): Mix {
  const events = Array.from({ length: EVENTS }, (_, i) => orderEvent(`bench_evt_${i}`, `bench-c${i % CUSTOMERS}`, i));
  return { label: "10 % from new customers", before: [], events };
}

/**
 * Three orders in five from a customer never seen before, two from 300 customers whose first
 * orders went in beforehand, untimed: 60 % of the timed orders are new customers' first.
 */
function newCustomerMix(): Mix {
  const known = (i: number) => `bench-k${i % CUSTOMERS}`;
  const before = Array.from({ length: CUSTOMERS }, (_, i) => orderEvent(`bench_known_${i}`, known(i), i));
  const events = Array.from({ length: EVENTS }, (_, i) => orderEvent(`bench_mix_${i}`, i % 5 < 3 ? `bench-n${i}` : known(i), i));
  return { label: "60 % from new customers", before, events };
}

/** Where the CPU of a run goes: the server's process and, on PostgreSQL, the bench database's backends. */
type Probe = { client: HttpClient; serverPid: number | undefined; admin: Client | null; database: string | null };

/** Runs `work` over `items` (timed) and reads the CPU it cost per item. */
async function measured<T>(probe: Probe, items: T[], concurrency: number, work: (item: T) => Promise<void>) {
  const before = await sampleCpu(probe.serverPid, probe.admin, probe.database);
  const rate = await timed(items, concurrency, work);
  return { ...rate, cpu: cpuPerOperation(before, await sampleCpu(probe.serverPid, probe.admin, probe.database), items.length) };
}

const ceilingOf = (probe: Probe) =>
  measured(probe, Array.from({ length: 2_000 }), 50, async () => {
    await probe.client.request("GET", "/api/health");
  });

const getCustomer = (client: HttpClient, customer: string) =>
  client.request("GET", `/api/v1/customers/${customer}`, signRequest(secret, { method: "GET", url: `/api/v1/customers/${customer}` }));

/** Delivers signed events and keeps what the answers said: status counts, applications per event, points per customer. */
function deliverer(client: HttpClient) {
  const answers = { statuses: new Map<string, number>(), appliedTimes: new Map<string, number>(), appliedPoints: new Map<string, number>() };
  const deliver = async (event: Delivery) => {
    const response = await client.request("POST", "/api/v1/events", { "content-type": "application/json", ...signRequest(secret, { method: "POST", url: "/api/v1/events", body: event.body }) }, event.body);
    const result = JSON.parse(response.body) as { status?: string; points_delta?: number };
    const key = `${response.status}:${result.status ?? "problem"}`;
    answers.statuses.set(key, (answers.statuses.get(key) ?? 0) + 1);
    if (result.status === "applied") {
      answers.appliedTimes.set(event.id, (answers.appliedTimes.get(event.id) ?? 0) + 1);
      answers.appliedPoints.set(event.customer, (answers.appliedPoints.get(event.customer) ?? 0) + (result.points_delta ?? 0));
    }
  };
  return { deliver, answers };
}

/**
 * Lost: an event never applied, or a balance below what its applied events paid (tier
 * multipliers make the amounts depend on arrival order, so the answers are the reference).
 * Doubled: an event applied twice, or a balance above that.
 */
async function lostAndDoubled(client: HttpClient, events: Delivery[], answers: ReturnType<typeof deliverer>["answers"]) {
  let lost = events.filter((e) => !answers.appliedTimes.has(e.id)).length;
  let doubled = [...answers.appliedTimes.values()].filter((n) => n > 1).length;
  const customers = [...new Set(events.map((e) => e.customer))];
  await timed(customers, 20, async (c) => {
    const response = await getCustomer(client, c);
    const balance = response.status === 200 ? (JSON.parse(response.body) as { balance: number }).balance : 0;
    const diff = balance - (answers.appliedPoints.get(c) ?? 0);
    if (diff < 0) lost += 1;
    if (diff > 0) doubled += 1;
  });
  return { lost, doubled, customers };
}

const ms = (value: number | null) => (value === null ? "n/a" : `${value.toFixed(2)} ms`);
const times = (health: number | null, event: number | null) => (health === null || event === null ? "n/a" : `${(health / event).toFixed(2)}x`);

/**
 * Delivers a mix, every tenth event twice (interleaved, as a retrying shop would), between two
 * measurements of the ceiling, and checks the outcome.
 */
async function ingestMix(probe: Probe, mix: Mix, report = true) {
  const { deliver, answers } = deliverer(probe.client);
  await timed(mix.before, 50, deliver);
  answers.statuses.clear();
  const ceiling = await ceilingOf(probe);
  const deliveries = mix.events.flatMap((e, i) => (i % 10 === 0 ? [e, e] : [e]));
  const ingest = await measured(probe, deliveries, 50, deliver);
  // The ceiling drifts while the machine's other load comes and goes: the mean of before and after.
  const after = await ceilingOf(probe);
  const ceilingPerSecond = (ceiling.perSecond + after.perSecond) / 2;
  const { lost, doubled, customers } = await lostAndDoubled(probe.client, [...mix.before, ...mix.events], answers);
  if (!report) return { ceilingPerSecond, customers };

  console.log(`  ceiling  GET /api/health at concurrency 50: ${ceilingPerSecond.toFixed(0)} req/s (${ceiling.perSecond.toFixed(0)} before the mix, ${after.perSecond.toFixed(0)} after), p50 ${ceiling.p(50)} ms`);
  console.log(
    `  ingest   ${deliveries.length} deliveries (${mix.events.length} events, ${mix.label}) at concurrency 50: ${ingest.perSecond.toFixed(0)} events/s = ${(ingest.perSecond / ceilingPerSecond).toFixed(2)}x the ceiling (goal >= 0.5x on PostgreSQL)`,
  );
  console.log(`           latency p50 ${ingest.p(50)} ms, p99 ${ingest.p(99)} ms`);
  console.log(`           responses ${[...answers.statuses].map(([k, v]) => `${k}=${v}`).join(" ")}`);
  console.log(`           events or balances lost ${lost}, applied twice ${doubled}`);
  // The server's one JavaScript thread is what a request waits for; the database has the other core.
  console.log(
    `  CPU      per delivery: server ${ms(ingest.cpu.server)}, database ${ms(ingest.cpu.database)}; per GET /api/health: server ${ms(ceiling.cpu.server)} = ${times(ceiling.cpu.server, ingest.cpu.server)} the delivery's server CPU`,
  );
  return { ceilingPerSecond, customers };
}

/**
 * A fresh server compiles each route's code on its first requests (and the JIT warms up over the
 * first thousands): the ceiling measured first would be a cold one, and so would the first mix.
 * So both routes run untimed first: orders of customers no mix uses, and the ceiling's requests.
 */
async function warmUp(probe: Probe) {
  const orders = Array.from({ length: CUSTOMERS }, (_, i) => orderEvent(`bench_warm_${i}`, `bench-w${i % 30}`, i));
  await ingestMix(probe, { label: "warm-up", before: orders, events: [] }, false);
}

async function run(target: Target, port: number) {
  try {
    await runServer(target, port);
  } finally {
    await target.cleanup();
  }
}

async function runServer(target: Target, port: number) {
  const server = await startNextServer(port, { TREUE_SHOP_SECRET: secret, ...target.env });
  const client = httpClient(server.base, 100);
  const admin = target.database ? new Client({ connectionString: adminUrl }) : null;
  await admin?.connect();
  const probe: Probe = { client, serverPid: server.pid, admin, database: target.database };
  try {
    console.log(`\n${target.label}`);
    await warmUp(probe);
    const { ceilingPerSecond, customers } = await ingestMix(probe, returningMix());
    await ingestMix(probe, newCustomerMix());
    const reads = await timed(
      Array.from({ length: READS }, (_, i) => customers[i % customers.length]!),
      100,
      async (c) => {
        await getCustomer(client, c);
      },
    );
    console.log(`  GET customer ×${READS} at concurrency 100: ${reads.perSecond.toFixed(0)} req/s = ${(reads.perSecond / ceilingPerSecond).toFixed(2)}x the first ceiling (goal >= 0.9x on PostgreSQL), p50 ${reads.p(50)} ms, p95 ${reads.p(95)} ms`);
  } finally {
    client.close();
    await admin?.end();
    await server.stop();
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
      database: dbName,
      cleanup: () => withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)).then(() => undefined),
    },
    PORT,
  );
  if (ONLY_POSTGRES) return;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "treue-bench-"));
  await run({ label: "PGlite (embedded)", env: { DATABASE_URL: "", TREUE_DATA_DIR: dataDir }, database: null, cleanup: async () => rmSync(dataDir, { recursive: true, force: true }) }, PORT + 1);
  console.log(`\npgbench (TPC-B, 50 clients, 15 s, same server): ${pgbenchTps()} TPS`);
}

main().catch((error: unknown) => {
  console.error(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
