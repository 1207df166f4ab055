// PostgreSQL's runner: a job queue in the database (pg-boss), shared by every app instance. A
// schedule makes one job per slot whichever instances are up; one worker takes it (SKIP LOCKED);
// a failed run is retried with growing delays; every run's state stays in the queue's tables for
// the console (Jobs). pg-boss 10: the newest major that runs on Node 20.
import PgBoss from "pg-boss";
import { getDb, type Database } from "../db";
import { errorField, log } from "../log";
import { JOB_LIST, type JobDefinition } from "./definitions";
import type { JobQueue } from "./runner";

export const QUEUE_SCHEMA = "pgboss";

/** Starts the queue on `url`: makes the queues and schedules (idempotent) and works them here too. */
export async function startJobQueue(url: string, options: { schema?: string; timeZone: string; jobs?: JobDefinition[]; pollingIntervalSeconds?: number; retryDelaySeconds?: number; retryLimit?: number; db?: () => Promise<Database> }): Promise<JobQueue> {
  const boss = new PgBoss({ connectionString: url, schema: options.schema ?? QUEUE_SCHEMA, application_name: "treue-jobs", max: 4 });
  boss.on("error", (error: unknown) => log.error({ err: errorField(error) }, "job queue error"));
  await boss.start();
  for (const job of options.jobs ?? JOB_LIST) {
    // stately: at most one waiting and one running job per queue, so nudges and slots coalesce.
    await boss.createQueue(job.name, { name: job.name, policy: "stately", retryLimit: options.retryLimit ?? 5, retryDelay: options.retryDelaySeconds ?? 30, retryBackoff: true, expireInSeconds: 15 * 60 });
    await boss.schedule(job.name, job.cron, {}, { tz: options.timeZone });
    await boss.work(job.name, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 }, async () => {
      const report = await job.run(await (options.db ?? getDb)(), new Date());
      log.info({ job: job.name, ...report }, "job done");
      return report;
    });
  }
  return { boss, stop: () => boss.stop({ graceful: true, wait: true }) };
}
