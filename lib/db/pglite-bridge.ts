// The app's side of the embedded database's worker (pglite-worker.mjs): a node-postgres pool
// whose connections are MessagePorts instead of sockets. The app then uses PGlite exactly as
// it uses a PostgreSQL server (the same driver, prepared statements, transactions), and PGlite's
// work runs on its own thread.
//
// PGlite has one session, which a checked-out connection has to itself until it is back in the
// pool (then it is reset for the next). So a client held from pool.connect() must do all its
// work through that client until release(): a pool.query() meanwhile waits for it.
import { Pool, type PoolClient, type QueryConfig, type QueryResult } from "pg";
import { PortStream } from "./pglite-port";
import { PgliteThread } from "./pglite-thread";

const PGLITE_CONNECTIONS = 4;

export type PgliteBridge = { pool: Pool; thread: PgliteThread; close: () => Promise<void> };

/** Starts PGlite in a worker (in memory without dataDir, perhaps from a snapshot) and a pool of connections to it. */
export async function startPgliteWorker(dataDir: string | undefined, snapshot?: string): Promise<PgliteBridge> {
  const thread = await PgliteThread.start(dataDir, snapshot);
  const pool = new Pool({
    // Several connections, so the worker has the next statement at hand while the server's
    // thread handles the answer to the last.
    max: PGLITE_CONNECTIONS,
    // As with sockets to a server: idle connections (and the worker) do not keep the process alive.
    allowExitOnIdle: true,
    user: "postgres",
    database: "template1",
    stream: () => new PortStream((port) => thread.connect(port)),
  });
  pool.on("error", () => {});
  // A client back in the pool: the worker may hand the session on (pool.query said so already).
  pool.on("release", (_error: Error | undefined, client: PoolClient) => portOf(client)?.release());
  pool.query = oneShotQuery(pool);
  return {
    pool,
    thread,
    close: async () => {
      await pool.end();
      await thread.close();
    },
  };
}

function portOf(client: PoolClient): PortStream | undefined {
  const stream = (client as unknown as { connection?: { stream?: unknown } }).connection?.stream;
  return stream instanceof PortStream ? stream : undefined;
}

/**
 * pool.query() checks a connection out for one query, so it says so along with the query: the
 * worker hands the session on as soon as it has answered, instead of idling until the answer has
 * crossed to this thread and the client is back in the pool.
 */
function oneShotQuery(pool: Pool): Pool["query"] {
  const query = pool.query.bind(pool) as (...args: unknown[]) => unknown;
  return ((config: string | QueryConfig, values?: unknown, callback?: unknown) => {
    // Callbacks and streaming queries take node-postgres's own way (the app uses neither here).
    const submittable = typeof config === "object" && typeof (config as { submit?: unknown }).submit === "function";
    if (typeof values === "function" || typeof callback === "function" || submittable) return query(config, values, callback);
    return (async (): Promise<QueryResult> => {
      const client = await pool.connect();
      let answer: Promise<QueryResult>;
      try {
        answer = client.query(config, values as unknown[] | undefined);
      } finally {
        portOf(client)?.release();
      }
      try {
        const result = await answer;
        client.release();
        return result;
      } catch (error) {
        client.release(error as Error); // as node-postgres's own pool.query: the connection is replaced
        throw error;
      }
    })();
  }) as Pool["query"];
}
