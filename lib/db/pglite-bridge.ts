// The app's side of the embedded database's worker (pglite-worker.mjs): a node-postgres pool
// whose connections are MessagePorts instead of sockets. The app then uses PGlite exactly as
// it uses a PostgreSQL server (the same driver, prepared statements, transactions), and PGlite's
// work runs on its own thread.
import { Duplex } from "node:stream";
import path from "node:path";
import { MessageChannel, Worker, type MessagePort } from "node:worker_threads";
import { Pool } from "pg";

export const pgliteWorkerFile = path.join(process.cwd(), "lib/db/pglite-worker.mjs");

const PGLITE_CONNECTIONS = 4;

type WorkerMessage = { type: "ready" } | { type: "failed"; message: string } | { type: "closed" };

/** A connection to the worker, shaped as the socket node-postgres expects. */
class PortStream extends Duplex {
  private readonly port: MessagePort;
  private outgoing: Buffer[] = [];

  constructor(worker: Worker) {
    super();
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    port1.on("message", (message: Uint8Array | { type: "failed"; message: string }) => {
      if (message instanceof Uint8Array) this.push(Buffer.from(message.buffer, message.byteOffset, message.byteLength));
      else this.destroy(new Error(`the embedded database failed: ${message.message}`));
    });
    worker.postMessage({ type: "connect", port: port2 }, [port2]);
  }

  connect(): this {
    queueMicrotask(() => this.emit("connect"));
    return this;
  }
  setNoDelay(): this {
    return this;
  }
  setKeepAlive(): this {
    return this;
  }
  ref(): this {
    this.port.ref();
    return this;
  }
  unref(): this {
    this.port.unref();
    return this;
  }
  override _read(): void {}
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    // node-postgres writes a query as several messages in one go: they cross as one.
    if (this.outgoing.length === 0) queueMicrotask(() => this.flush());
    this.outgoing.push(chunk);
    done();
  }
  private flush(): void {
    const parts = this.outgoing;
    this.outgoing = [];
    if (parts.length === 0) return;
    // A buffer of their own: a pooled Buffer's view would be copied with its whole pool.
    const bytes = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
    let offset = 0;
    for (const part of parts) {
      bytes.set(part, offset);
      offset += part.length;
    }
    this.port.postMessage(bytes);
  }
  override _final(done: () => void): void {
    this.flush();
    this.port.close();
    done();
  }
  override _destroy(error: Error | null, done: (error?: Error | null) => void): void {
    this.port.close();
    done(error);
  }
}

export type PgliteBridge = { pool: Pool; close: () => Promise<void> };

/** Starts PGlite in a worker (in memory without dataDir) and a pool of connections to it. */
export async function startPgliteWorker(dataDir: string | undefined): Promise<PgliteBridge> {
  const worker = new Worker(pgliteWorkerFile, { workerData: { dataDir: dataDir ?? null } });
  const first = await new Promise<WorkerMessage>((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", reject);
  });
  if (first.type !== "ready") {
    await worker.terminate();
    throw new Error(first.type === "failed" ? first.message : "the embedded database did not start");
  }
  const pool = new Pool({
    // Several connections share PGlite's one session (the worker keeps them apart), so the worker
    // has the next statement at hand while the server's thread handles the answer to the last.
    max: PGLITE_CONNECTIONS,
    // As with sockets to a server: idle connections (and the worker) do not keep the process alive.
    allowExitOnIdle: true,
    user: "postgres",
    database: "template1",
    stream: () => new PortStream(worker),
  });
  pool.on("error", () => {});
  worker.unref();
  return {
    pool,
    close: async () => {
      await pool.end();
      const closed = new Promise<void>((resolve) => worker.on("message", (message: WorkerMessage) => message.type === "closed" && resolve()));
      worker.postMessage({ type: "close" });
      await closed;
      await worker.terminate();
    },
  };
}
