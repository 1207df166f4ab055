import "server-only";
import { and, eq, gte, lt } from "drizzle-orm";
import { defaultBucket, periodPresets, presetPeriod, previousPeriod, type Bucket, type Period } from "../../loyalty/metrics";
import type { Database } from "../connect";
import { metricSnapshots } from "../schema";
import { getMetricSeries, type MetricSeries } from "./metric-series";
import { getMetrics, type Metrics } from "./metrics";

/**
 * How old the console's numbers may be. A year of a large shop takes seconds to aggregate (the
 * bench's 500,000 orders a year), so the console shows a snapshot at most this old, says when it
 * was computed, and recomputes on request; the jobs keep the presets fresh. The shop API computes live.
 */
export const SNAPSHOT_FRESH_MS = 15 * 60_000;
const SNAPSHOT_KEPT_MS = 24 * 60 * 60_000;

export type Insights = { current: Metrics; previous: Metrics; series: MetricSeries; computedAt: string };

/** The Insights page's data for a period: the period, the one before, the series by bucket. */
export async function getInsights(
  db: Database,
  period: Period,
  timezone: string,
  bucket: Bucket,
  { now = new Date(), maxAgeMs = SNAPSHOT_FRESH_MS }: { now?: Date; maxAgeMs?: number } = {},
): Promise<Insights> {
  const key = `insights:${timezone}:${period.from}:${period.to}:${bucket}`;
  const [kept] = await db
    .select()
    .from(metricSnapshots)
    .where(and(eq(metricSnapshots.key, key), gte(metricSnapshots.computedAt, new Date(now.getTime() - maxAgeMs))));
  if (kept) return { ...(kept.payload as Omit<Insights, "computedAt">), computedAt: kept.computedAt.toISOString() };

  const [current, previous, series] = await Promise.all([
    getMetrics(db, period, timezone),
    getMetrics(db, previousPeriod(period), timezone),
    getMetricSeries(db, period, timezone, bucket),
  ]);
  const payload = { current, previous, series };
  await db.insert(metricSnapshots).values({ key, computedAt: now, payload }).onConflictDoUpdate({ target: metricSnapshots.key, set: { computedAt: now, payload } });
  return { ...payload, computedAt: now.toISOString() };
}

/** Recomputes the console's preset periods (run by the jobs) and forgets snapshots a day old. */
export async function refreshInsightPresets(db: Database, timezone: string, now = new Date()): Promise<void> {
  for (const preset of periodPresets) {
    const period = presetPeriod(preset, now, timezone);
    await getInsights(db, period, timezone, defaultBucket(period), { now, maxAgeMs: 0 });
  }
  await db.delete(metricSnapshots).where(lt(metricSnapshots.computedAt, new Date(now.getTime() - SNAPSHOT_KEPT_MS)));
}
