import "server-only";
// Insights on support conversations (docs/metrics.md, "Support conversations"): how long a shopper
// who asked for a person waited for the team's first reply, and until the conversation was resolved.
import { sql } from "drizzle-orm";
import type { Database } from "../connect";
import { shopperIds } from "../shoppers";

/** Seconds, as the median and the 90th percentile of the conversations counted (null when none). */
export type DurationFigures = { count: number; median_seconds: number | null; p90_seconds: number | null };
export type SupportMetrics = { handed_over: number; first_response: DurationFigures; resolution: DurationFigures };

/**
 * A time is counted in the period its end falls in (the first reply, the resolution), so a figure
 * never changes once its period is over; it runs from the hand-over to a person (`handed_over_at`).
 * Percentiles are PostgreSQL's `percentile_cont` (interpolated between the two nearest times),
 * rounded to whole seconds. Staff's own test conversations stay out (lib/db/shoppers.ts).
 */
export async function getSupportMetrics(db: Database, start: Date, end: Date): Promise<SupportMetrics> {
  const inPeriod = (column: string) => sql`${sql.identifier(column)} >= ${start} and ${sql.identifier(column)} < ${end}`;
  const firstResponse = sql`extract(epoch from first_response_at - handed_over_at)`;
  const resolution = sql`extract(epoch from resolved_at - handed_over_at)`;
  // Not through metrics.ts's `all`: getMetrics calls this, and the two must not import each other.
  const result = await db.execute(
    sql`select count(*) filter (where ${inPeriod("handed_over_at")}) as handed_over,
               count(*) filter (where ${inPeriod("first_response_at")}) as answered,
               percentile_cont(0.5) within group (order by ${firstResponse}) filter (where ${inPeriod("first_response_at")}) as answered_median,
               percentile_cont(0.9) within group (order by ${firstResponse}) filter (where ${inPeriod("first_response_at")}) as answered_p90,
               count(*) filter (where ${inPeriod("resolved_at")}) as resolved,
               percentile_cont(0.5) within group (order by ${resolution}) filter (where ${inPeriod("resolved_at")}) as resolved_median,
               percentile_cont(0.9) within group (order by ${resolution}) filter (where ${inPeriod("resolved_at")}) as resolved_p90
        from conversations
        where handed_over_at is not null and member_id in ${shopperIds()}`,
  );
  const row = (result as unknown as { rows: Record<string, unknown>[] }).rows[0];
  const seconds = (v: unknown) => (v === null || v === undefined ? null : Math.max(0, Math.round(Number(v))));
  return {
    handed_over: Number(row?.handed_over ?? 0),
    first_response: { count: Number(row?.answered ?? 0), median_seconds: seconds(row?.answered_median), p90_seconds: seconds(row?.answered_p90) },
    resolution: { count: Number(row?.resolved ?? 0), median_seconds: seconds(row?.resolved_median), p90_seconds: seconds(row?.resolved_p90) },
  };
}
