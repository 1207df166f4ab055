// The embedded database through node-postgres, as the app reaches it: round-trip latency of one
// query at a time; throughput of simple (unnamed, seven texts) and of named (prepared) queries 16
// at a time and of a transaction mix 8 at a time (lock a row, update it, insert a row, commit),
// each with the CPU time it took (both threads) and a count of wrong answers and errors. Run on
// the app's worker (lib/db/pglite-bridge.ts) and, for comparison, on
// @electric-sql/pglite-socket's server in a worker thread (with 1 connection, its default, and
// with 4, the pool's size). That is not a dependency of the app (docs/embedded-database.md says
// why): unpack it anywhere (`npm pack @electric-sql/pglite-socket`) and name its directory:
//   PGLITE_SOCKET=/path/to/package npx tsx bench/pglite-pool.ts
// BENCH_SECONDS (default 3) is how long each throughput run lasts.
import { createRequire } from "node:module";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { Pool } from "pg";
import { startPgliteWorker } from "../lib/db/pglite-bridge";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const require = createRequire(path.join(process.cwd(), "package.json"));

type Target = { label: string; pool: Pool; close: () => Promise<void> };

async function appWorker(): Promise<Target> {
  const bridge = await startPgliteWorker(undefined);
  return { label: "app's worker, 4 connections", pool: bridge.pool, close: bridge.close };
}

// PGlite and the socket server in a worker thread, so PGlite runs beside the pool as in the app.
const socketServer = `
const { parentPort, workerData } = require("node:worker_threads");
(async () => {
  const { PGlite } = require(workerData.pglite);
  const { PGLiteSocketServer } = require(workerData.socket);
  const db = await PGlite.create();
  const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port: 0, maxConnections: workerData.connections });
  await server.start();
  parentPort.postMessage(Number(server.getServerConn().split(":").at(-1)));
})();
`;

async function pgliteSocket(socket: string, connections: number): Promise<Target> {
  const worker = new Worker(socketServer, { eval: true, workerData: { pglite: require.resolve("@electric-sql/pglite"), socket, connections } });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", reject);
  });
  // Time limits: a stuck queue would otherwise hang the bench instead of showing up in it.
  const pool = new Pool({ host: "127.0.0.1", port, user: "postgres", database: "template1", max: connections, query_timeout: 10_000, connectionTimeoutMillis: 10_000 });
  pool.on("error", () => {});
  return {
    label: `pglite-socket, ${connections} connection${connections === 1 ? "" : "s"}`,
    pool,
    close: async () => {
      await pool.end();
      await worker.terminate();
    },
  };
}

function socketModule(): string | null {
  if (process.env.PGLITE_SOCKET) return path.join(path.resolve(process.env.PGLITE_SOCKET), "dist/index.cjs");
  try {
    return require.resolve("@electric-sql/pglite-socket");
  } catch {
    return null;
  }
}

type Outcome = { done: number; wrong: number; failed: number; errors: Set<string> };

/** `loops` loops of `work` for SECONDS: done per second, and what went wrong. */
async function run(loops: number, work: (i: number, outcome: Outcome) => Promise<void>) {
  const outcome: Outcome = { done: 0, wrong: 0, failed: 0, errors: new Set() };
  const end = performance.now() + SECONDS * 1000;
  const cpu = process.cpuUsage();
  let i = 0;
  await Promise.all(
    Array.from({ length: loops }, async () => {
      while (performance.now() < end) {
        try {
          await work(i++, outcome);
          outcome.done++;
        } catch (error) {
          outcome.errors.add((error as Error).message.slice(0, 80));
          outcome.failed++;
        }
      }
    }),
  );
  const used = process.cpuUsage(cpu);
  // CPU time of both threads per unit of work: what contention on a busy machine leaves alone.
  return { perSecond: Math.round(outcome.done / SECONDS), cpu: Math.round((used.user + used.system) / Math.max(1, outcome.done)), outcome };
}

async function measure(target: Target) {
  const { pool } = target;
  await pool.query("create table counters (id int primary key, n int not null); create table moves (id serial primary key, counter int not null)");
  await pool.query("insert into counters select g, 0 from generate_series(1, 100) g");

  const latencies: number[] = [];
  for (let i = 0; i < 2200; i++) {
    const t0 = performance.now();
    await pool.query("select $1::int as v", [i]);
    if (i >= 200) latencies.push((performance.now() - t0) * 1000);
  }
  latencies.sort((a, b) => a - b);
  const at = (percent: number) => Math.round(latencies[Math.floor((percent / 100) * latencies.length)]!);

  const check = (v: number, i: number, outcome: Outcome) => {
    if (v !== i) outcome.wrong++;
  };
  // Seven texts, so a connection whose Bind met another's Parse would answer with a wrong factor.
  const simple = await run(16, async (i, o) => check((await pool.query(`select $1::int * ${i % 7} as v`, [i])).rows[0].v, i * (i % 7), o));
  const named = await run(16, async (i, o) => check((await pool.query({ name: "bench_v", text: "select $1::int as v", values: [i] })).rows[0].v, i, o));
  const transactions = await run(8, async (i) => {
    const client = await pool.connect();
    try {
      const id = 1 + (i % 100);
      await client.query("begin");
      await client.query("select n from counters where id = $1 for update", [id]);
      await client.query("update counters set n = n + 1 where id = $1", [id]);
      await client.query("insert into moves (counter) values ($1)", [id]);
      await client.query("commit");
      client.release();
    } catch (error) {
      client.release(true);
      throw error;
    }
  });
  const [sums] = (await pool.query<{ n: number; moves: number }>("select (select sum(n)::int from counters) as n, (select count(*)::int from moves) as moves")).rows;
  const consistent = sums!.n === sums!.moves && sums!.moves === transactions.outcome.done;
  return { p50: at(50), p95: at(95), simple, named, transactions, consistent };
}

const rate = (r: { perSecond: number; cpu: number }, width: number) => `${r.perSecond} (${r.cpu})`.padStart(width);

async function main() {
  const socket = socketModule();
  const targets: Array<() => Promise<Target>> = [appWorker];
  if (socket) targets.push(() => pgliteSocket(socket, 1), () => pgliteSocket(socket, 4));
  else console.log("pglite-socket: not measured (PGLITE_SOCKET unset and not installed)\n");
  console.log(`${SECONDS} s per throughput run, in memory, ${process.version}\n`);
  console.log("target                          p50 µs  p95 µs  simple q/s (CPU µs)  named q/s (CPU µs)  tx/s (CPU µs)  wrong/failed (simple named tx)  consistent");
  for (const start of targets) {
    const target = await start();
    try {
      const r = await measure(target);
      const faults = [r.simple, r.named, r.transactions].map((x) => `${x.outcome.wrong}/${x.outcome.failed}`).join(" ");
      console.log(
        `${target.label.padEnd(32)}${String(r.p50).padStart(6)}  ${String(r.p95).padStart(6)}  ${rate(r.simple, 19)}  ${rate(r.named, 18)}  ${rate(r.transactions, 13)}  ${faults.padStart(30)}  ${r.consistent}`,
      );
      for (const error of [r.simple, r.named, r.transactions].flatMap((x) => [...x.outcome.errors])) console.log(`    ${error}`);
    } catch (error) {
      console.log(`${target.label.padEnd(32)}failed: ${(error as Error).message}`);
    } finally {
      await Promise.race([target.close(), new Promise((resolve) => setTimeout(resolve, 5_000))]);
    }
  }
}

main().catch((error: unknown) => {
  console.error(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
