// The embedded database's runner: timers in this one process (PGlite has one process anyway).
import { getDb } from "../db";
import { errorField, log } from "../log";
import { JOB_LIST, JOBS, type JobDefinition } from "./definitions";
import { beat } from "./heartbeat";

const running = new Map<string, Promise<void>>();

/** Runs `job` now unless a run of it is still going (then that run serves). */
export function runInProcess(job: JobDefinition): Promise<void> {
  const current = running.get(job.name);
  if (current) return current;
  const run = getDb()
    .then((db) => job.run(db, new Date()))
    .then((report) => {
      beat(job.name);
      if (Object.values(report).some((v) => (typeof v === "number" ? v > 0 : Array.isArray(v) && v.length > 0))) log.info({ job: job.name, ...report }, "job done");
    })
    .catch((error: unknown) => log.error({ job: job.name, err: errorField(error) }, "job failed"))
    .finally(() => running.delete(job.name));
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
