// Which runner carries the background work in this process, and the one way to ask for a push
// delivery soon: the job queue on PostgreSQL, timers on the embedded database.
import { env } from "../env";
import { errorField, log } from "../log";
import { JOBS } from "./definitions";
import { staleLoops } from "./heartbeat";
import { runInProcess, startInProcessJobs } from "./in-process";
import { startJobQueue, type JobQueue } from "./queue";

const state = ((globalThis as typeof globalThis & { treueJobs?: { queue: JobQueue | null; startedAt: number } }).treueJobs ??= { queue: null, startedAt: Date.now() });

export async function startJobs(databaseKind: "pglite" | "postgres"): Promise<void> {
  state.startedAt = Date.now();
  const config = env();
  if (databaseKind === "postgres" && config.databaseUrl) state.queue = await startJobQueue(config.databaseUrl, { timeZone: config.timezone });
  else startInProcessJobs();
}

export function jobQueue(): JobQueue | null {
  return state.queue;
}

const NUDGE_MS = 250;
let nudge: NodeJS.Timeout | null = null;

/** Asks for a push delivery soon (coalesced): call after a transaction that may have queued pushes. */
export function nudgePushDelivery(): void {
  if (nudge) return;
  nudge = setTimeout(() => {
    nudge = null;
    if (state.queue) void state.queue.boss.send(JOBS.push.name, {}).catch((error: unknown) => log.warn({ err: errorField(error) }, "push nudge not queued"));
    else void runInProcess(JOBS.push);
  }, NUDGE_MS);
  nudge.unref();
}

/** Whether background work is carried out: the in-process loops turn, or the queue is started. */
export function jobsAlive(): { ok: boolean; detail: string } {
  if (state.queue) return { ok: true, detail: "job queue (PostgreSQL)" };
  const stale = staleLoops([JOBS.push.name, JOBS.scheduledChanges.name], 3 * 60_000, state.startedAt);
  return stale.length === 0 ? { ok: true, detail: "in-process" } : { ok: false, detail: `not turning: ${stale.join(", ")}` };
}
