// CPU time spent by the server under test and by its database's backends, read from Linux's
// /proc. On a shared machine, requests per second swing with the neighbours' load (the ceiling
// moved between 600 and 2,000 req/s within one run), while the CPU a request costs hardly does.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import type { Client } from "pg";

const TICKS_PER_SECOND = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout.trim()) || 100;

/** CPU seconds (user and system) a process has used so far, or null where /proc cannot tell. */
export function cpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // After "pid (comm) ", the fields run from the third on: utime and stime are the 14th and 15th.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

export type CpuSample = { server: number | null; backends: Map<number, number> };

/** The server's CPU and that of each backend connected to `database` (none for an embedded one). */
export async function sampleCpu(serverPid: number | undefined, admin: Client | null, database: string | null): Promise<CpuSample> {
  const backends = new Map<number, number>();
  if (admin && database) {
    const { rows } = await admin.query<{ pid: number }>("select pid from pg_stat_activity where datname = $1", [database]);
    for (const { pid } of rows) {
      const seconds = cpuSeconds(pid);
      if (seconds !== null) backends.set(pid, seconds);
    }
  }
  return { server: serverPid === undefined ? null : cpuSeconds(serverPid), backends };
}

/**
 * Milliseconds of CPU per operation between two samples. A backend that ended in between is not
 * counted (the app's pool keeps its connections while it is busy).
 */
export function cpuPerOperation(before: CpuSample, after: CpuSample, operations: number) {
  const server = before.server === null || after.server === null ? null : ((after.server - before.server) * 1000) / operations;
  let database = 0;
  for (const [pid, seconds] of after.backends) database += seconds - (before.backends.get(pid) ?? 0);
  return { server, database: after.backends.size === 0 ? null : (database * 1000) / operations };
}
