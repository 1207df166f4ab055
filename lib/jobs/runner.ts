// What the rest of the app may ask of the background work, without loading it: whether it runs,
// the job queue (console retries), and "deliver soon". The work itself is started from
// instrumentation (lib/jobs/start.ts), which registers itself in this shared state; the state
// lives on globalThis because instrumentation and the routes are bundled apart.
import type PgBoss from "pg-boss";
import { errorField, log } from "../log";
import { staleLoops } from "./heartbeat";
import { JOB_SCHEDULES } from "./job-names";

export type JobQueue = { boss: PgBoss; stop: () => Promise<void> };

type JobsState = {
  queue: JobQueue | null;
  startedAt: number;
  /** Runs a job of this process now (the embedded database's runner). */
  runHere: ((name: string) => void) | null;
};

export const jobsState: JobsState = ((globalThis as typeof globalThis & { treueJobs?: JobsState }).treueJobs ??= { queue: null, startedAt: Date.now(), runHere: null });

export function jobQueue(): JobQueue | null {
  return jobsState.queue;
}

const NUDGE_MS = 250;
let nudge: NodeJS.Timeout | null = null;

/** Asks for push, mail, the shop's discounts and wallet cards soon (coalesced): call after a transaction that may have queued messages or changed a balance. */
export function nudgeDelivery(): void {
  if (nudge) return;
  nudge = setTimeout(() => {
    nudge = null;
    runSoon(JOB_SCHEDULES.push.name);
    runSoon(JOB_SCHEDULES.mail.name);
    runSoon(JOB_SCHEDULES.sms.name);
    runSoon(JOB_SCHEDULES.whatsapp.name);
    runSoon(JOB_SCHEDULES.shopDiscounts.name);
    runSoon(JOB_SCHEDULES.wallet.name);
  }, NUDGE_MS);
  nudge.unref();
}

/** Asks for a job to run soon (a campaign scheduled for now): a queue job, or a run in this process. */
export function runSoon(name: string): void {
  if (jobsState.queue) void jobsState.queue.boss.send(name, {}).catch((error: unknown) => log.warn({ err: errorField(error), job: name }, "job not queued"));
  else jobsState.runHere?.(name);
}

/** Whether background work is carried out: the in-process loops turn, or the queue is started. */
export function jobsAlive(): { ok: boolean; detail: string } {
  if (jobsState.queue) return { ok: true, detail: "job queue (PostgreSQL)" };
  const stale = staleLoops([JOB_SCHEDULES.push.name, JOB_SCHEDULES.mail.name, JOB_SCHEDULES.scheduledChanges.name], 3 * 60_000, jobsState.startedAt);
  return stale.length === 0 ? { ok: true, detail: "in-process" } : { ok: false, detail: `not turning: ${stale.join(", ")}` };
}
