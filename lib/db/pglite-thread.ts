// Keeps the embedded database's worker thread (lib/db/pglite-worker.mjs) running. When PGlite
// fails, the worker ends and its connections close (their queries fail, as a server's would in a
// crash); the next connection finds a new worker, started from the data directory, so one failure
// costs the queries in flight and not every query until the server is restarted. In memory
// there is nothing to start from: the failure stays.
import path from "node:path";
import { Worker, type MessagePort } from "node:worker_threads";
import { errorField, log } from "../log";

export const pgliteWorkerFile = path.join(process.cwd(), "lib/db/pglite-worker.mjs");

type WorkerMessage = { type: "ready" } | { type: "failed"; message: string } | { type: "closed" };

export class PgliteThread {
  private current: Promise<Worker>;
  /** The last start failed: the next connection tries again (not a loop on a broken directory). */
  private startFailed = false;
  private closing = false;
  /** Workers started again after a failure. */
  restarts = 0;

  private constructor(
    private readonly dataDir: string | null,
    private readonly snapshot: string | null,
  ) {
    this.current = this.spawn();
  }

  /**
   * Starts PGlite in a worker (in memory without dataDir); rejects if it cannot open. An in-memory
   * database may start from `snapshot`, a file of PGlite's dumpDataDir (the tests' migrated database).
   */
  static async start(dataDir: string | undefined, snapshot?: string): Promise<PgliteThread> {
    if (dataDir !== undefined && snapshot !== undefined) throw new Error("a snapshot is for a database in memory only");
    const thread = new PgliteThread(dataDir ?? null, snapshot ?? null);
    await thread.current;
    return thread;
  }

  /** The worker that now serves connections (tests stop it to play a crash). */
  running(): Promise<Worker> {
    if (this.startFailed && this.dataDir !== null && !this.closing) {
      this.startFailed = false;
      this.current = this.spawn();
    }
    return this.current;
  }

  /** Gives `port` to the running worker; closed if there is none, which fails its client. */
  connect(port: MessagePort): void {
    this.running().then(
      (worker) => worker.postMessage({ type: "connect", port }, [port]),
      () => port.close(),
    );
  }

  async close(): Promise<void> {
    this.closing = true;
    const worker = await this.current.catch(() => null);
    if (!worker) return;
    const closed = new Promise<void>((resolve) => {
      worker.on("message", (message: WorkerMessage) => message.type === "closed" && resolve());
      worker.once("exit", () => resolve());
    });
    worker.postMessage({ type: "close" });
    await closed;
    await worker.terminate();
  }

  private spawn(): Promise<Worker> {
    const worker = new Worker(pgliteWorkerFile, { workerData: { dataDir: this.dataDir, snapshot: this.snapshot } });
    let failure: string | undefined;
    let ready = false;
    const started = new Promise<Worker>((resolve, reject) => {
      worker.on("message", (message: WorkerMessage) => {
        if (message.type === "ready") {
          ready = true;
          resolve(worker);
        }
        if (message.type === "failed") failure = message.message;
      });
      // Listened to for good: an error in the worker must not end the server's process.
      worker.on("error", (error) => {
        failure ??= error.message;
      });
      worker.once("exit", (code) => {
        const reason = failure ?? `its thread ended with code ${code}`;
        reject(new Error(reason));
        if (ready) this.stopped(reason);
        else this.startFailed = true;
      });
    });
    // As with sockets to a server: the worker does not keep the process alive.
    started.then(() => worker.unref(), () => {});
    return started;
  }

  private stopped(reason: string): void {
    if (this.closing) return;
    log.error({ err: errorField(reason) }, "the embedded database stopped");
    if (this.dataDir === null) {
      this.current = Promise.reject(new Error(`the embedded database (in memory) stopped and cannot start again: ${reason}`));
      this.current.catch(() => {});
      return;
    }
    this.restarts++;
    this.current = this.spawn();
    this.current.catch((error: unknown) => log.error({ err: errorField(error) }, "the embedded database did not start again"));
  }
}
