// Starts the background work of this process: the job queue on PostgreSQL, timers on the
// embedded database. Imported by the server's start (instrumentation) only.
import { env } from "../env";
import { JOB_LIST } from "./definitions";
import { runInProcess, startInProcessJobs } from "./in-process";
import { startJobQueue } from "./queue";
import { jobsState } from "./runner";

export async function startJobs(databaseKind: "pglite" | "postgres"): Promise<void> {
  jobsState.startedAt = Date.now();
  const config = env();
  if (databaseKind === "postgres" && config.databaseUrl) {
    jobsState.queue = await startJobQueue(config.databaseUrl, { timeZone: config.timezone });
    return;
  }
  startInProcessJobs();
  jobsState.runHere = (name) => {
    const job = JOB_LIST.find((j) => j.name === name);
    if (job) void runInProcess(job);
  };
}
