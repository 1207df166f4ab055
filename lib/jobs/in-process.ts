// The embedded database's runner: timers in this one process (PGlite has one process anyway).
import { getDb } from "../db";
import { errorField, log } from "../log";
import { JOB_LIST, JOBS, type JobDefinition } from "./definitions";
import { beat } from "./heartbeat";

const running = new Map<string, Promise<void>>();
/** Jobs asked for while a run of them was going: that run may have looked before the new work existed. */
const askedAgain = new Set<string>();

/**
 * Runs `job` now; if a run of it is still going, once more right after it (a nudge for work that
 * run did not see, a push queued just after it claimed its batch, must not wait for the next tick).
 */
export function runInProcess(job: JobDefinition, database: () => ReturnType<typeof getDb> = getDb): Promise<void> {
  const current = running.get(job.name);
  if (current) {
    askedAgain.add(job.name);
    return current;
  }
  const run = database()
    .then((db) => job.run(db, new Date()))
    .then((report) => {
      beat(job.name);
      if (Object.values(report).some((v) => (typeof v === "number" ? v > 0 : Array.isArray(v) && v.length > 0))) log.info({ job: job.name, ...report }, "job done");
    })
    .catch((error: unknown) => log.error({ job: job.name, err: errorField(error) }, "job failed"))
    .finally(() => {
      running.delete(job.name);
      if (askedAgain.delete(job.name)) void runInProcess(job, database);
    });
  running.set(job.name, run);
  return run;
}

export function startInProcessJobs(): void {
  for (const job of JOB_LIST) {
    // Upkeep and insights wait a little after start: the first screens come first.
    const firstIn = job === JOBS.upkeep || job === JOBS.journeys ? 30_000 : job === JOBS.insights ? 60_000 : job.everyMs;
    setTimeout(() => void runInProcess(job), firstIn).unref();
    setInterval(() => void runInProcess(job), job.everyMs).unref();
  }
}
