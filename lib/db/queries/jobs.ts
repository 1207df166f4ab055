import "server-only";
import { sql } from "drizzle-orm";
import type { Database } from "../connect";

/** One run of a background job as the job queue keeps it (pg-boss's job table, then its archive). */
export type JobRun = {
  id: string;
  name: string;
  state: "created" | "retry" | "active" | "completed" | "cancelled" | "failed";
  attempts: number;
  createdAt: Date;
  startedAt: Date | null;
  completedAt: Date | null;
  /** What the run reported, or the error it failed with. */
  output: unknown;
};

/** The newest runs of the named jobs, newest first (queue schema `schema`); `id` picks one run. */
export async function listJobRuns(db: Database, names: readonly string[], { schema = "pgboss", limit = 100, id }: { schema?: string; limit?: number; id?: string } = {}): Promise<JobRun[]> {
  const table = (name: string) => sql.raw(`"${schema.replace(/"/g, "")}"."${name}"`);
  const columns = sql`id::text, name, state::text, retry_count, created_on, started_on, completed_on, output`;
  const named = sql`name in (${sql.join(names.map((name) => sql`${name}`), sql`, `)})${id ? sql` and id = ${id}::uuid` : sql``}`;
  const { rows } = (await db.execute(sql`
    select * from (
      select ${columns} from ${table("job")} where ${named}
      union all
      select ${columns} from ${table("archive")} where ${named}
    ) runs
    order by created_on desc
    limit ${limit}`)) as unknown as {
    rows: { id: string; name: string; state: JobRun["state"]; retry_count: number; created_on: string | Date; started_on: string | Date | null; completed_on: string | Date | null; output: unknown }[];
  };
  const at = (value: string | Date | null) => (value === null ? null : new Date(value));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    state: r.state,
    attempts: r.retry_count + (r.state === "created" ? 0 : 1),
    createdAt: new Date(r.created_on),
    startedAt: at(r.started_on),
    completedAt: at(r.completed_on),
    output: r.output,
  }));
}

/** One job on the console's page: its last success, its last failure, and its newest runs to unfold. */
export type JobOverview = { name: string; lastSuccess: JobRun | null; lastFailure: JobRun | null; recent: JobRun[] };

/**
 * Per job, its newest `perJob` runs, and its last completed and last failed run however far back
 * (an every-minute job's failure an hour ago must not scroll away under sixty "completed" rows).
 */
export async function listJobOverview(db: Database, names: readonly string[], { schema = "pgboss", perJob = 10 }: { schema?: string; perJob?: number } = {}): Promise<JobOverview[]> {
  const table = (name: string) => sql.raw(`"${schema.replace(/"/g, "")}"."${name}"`);
  const columns = sql`id::text, name, state::text, retry_count, created_on, started_on, completed_on, output`;
  const named = sql`name in (${sql.join(names.map((name) => sql`${name}`), sql`, `)})`;
  const { rows } = (await db.execute(sql`
    with runs as (
      select ${columns} from ${table("job")} where ${named}
      union all
      select ${columns} from ${table("archive")} where ${named}
    ),
    newest as (select *, row_number() over (partition by name order by created_on desc) as n from runs),
    last_of as (
      select distinct on (name, state) *, 0::bigint as n from runs
      where state in ('completed', 'failed') order by name, state, completed_on desc nulls last
    )
    select *, 'recent' as role from newest where n <= ${perJob}
    union all
    select *, 'last' as role from last_of
    order by created_on desc`)) as unknown as {
    rows: (RawRun & { role: "recent" | "last" })[];
  };
  return names.map((name) => {
    const mine = rows.filter((r) => r.name === name);
    const last = (state: JobRun["state"]) => {
      const row = mine.find((r) => r.role === "last" && r.state === state);
      return row ? toRun(row) : null;
    };
    return { name, lastSuccess: last("completed"), lastFailure: last("failed"), recent: mine.filter((r) => r.role === "recent").map(toRun) };
  });
}

type RawRun = { id: string; name: string; state: JobRun["state"]; retry_count: number; created_on: string | Date; started_on: string | Date | null; completed_on: string | Date | null; output: unknown };

function toRun(r: RawRun): JobRun {
  const at = (value: string | Date | null) => (value === null ? null : new Date(value));
  return {
    id: r.id,
    name: r.name,
    state: r.state,
    attempts: Number(r.retry_count) + (r.state === "created" ? 0 : 1),
    createdAt: new Date(r.created_on),
    startedAt: at(r.started_on),
    completedAt: at(r.completed_on),
    output: r.output,
  };
}

/** Whether the job queue's tables exist in this database (PostgreSQL with the queue started). */
export async function hasJobQueue(db: Database, schema = "pgboss"): Promise<boolean> {
  const { rows } = (await db.execute(sql`select to_regclass(${`${schema}.job`}) is not null as present`)) as unknown as { rows: { present: boolean }[] };
  return rows[0]?.present === true;
}
