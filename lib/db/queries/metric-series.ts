import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { bucketStarts, nps, periodBounds, type Bucket, type Period } from "../../loyalty/metrics";
import type { Database } from "../connect";
import { shopperIds } from "../shoppers";
import { all, COUNTED_ORDER, ENROLLED, npsQuestions, npsQuestionValues } from "./metrics";

export type { Bucket } from "../../loyalty/metrics";
/** The charts' data sets, by name (the CSV export's `series`). */
export const seriesNames = ["orders", "points", "nps", "referrals", "push"] as const;
export type SeriesPoint = { bucket: string; [value: string]: string | number | null };

/**
 * The insights over time, by week or month in the program's time zone: each series is the same
 * definition as its headline number (lib/db/queries/metrics.ts), counted per bucket.
 */
export async function getMetricSeries(db: Database, period: Period, timezone: string, bucket: Bucket) {
  const { start, end } = periodBounds(period, timezone);
  // Each row's bucket by binary search over the buckets' first instants (computed once, time-zone
  // aware), rather than converting every row's timestamp to local time: 1 is the first bucket.
  const starts = bucketStarts(period, bucket, timezone);
  const thresholds = sql`array[${sql.join(starts.map((s) => sql`${s.start.toISOString()}`), sql`, `)}]::timestamptz[]`;
  const b = (column: SQL) => sql`width_bucket(${column}, ${thresholds})`;
  const label = (row: Record<string, unknown>) => starts[Number(row.bucket) - 1]!.label;
  const inPeriod = (column: SQL) => sql`${column} >= ${start} and ${column} < ${end}`;
  const questions = await npsQuestions(db);

  const [orders, points, answers, referrals, push] = await Promise.all([
    all(db, sql`
      select ${b(sql`o.paid_at`)} as bucket,
             count(*) filter (where ${ENROLLED}) as enrolled_orders, count(*) filter (where not ${ENROLLED}) as other_orders,
             coalesce(sum(o.subtotal_cents - o.refunded_cents) filter (where ${ENROLLED}), 0) as enrolled_revenue,
             coalesce(sum(o.subtotal_cents - o.refunded_cents) filter (where not ${ENROLLED}), 0) as other_revenue
      from orders o join members m on m.id = o.member_id
      where ${inPeriod(sql`o.paid_at`)} and ${COUNTED_ORDER}
      group by 1 order by 1`),
    all(db, sql`
      select ${b(sql`created_at`)} as bucket,
             coalesce(sum(delta) filter (where delta > 0), 0) as issued,
             coalesce(-sum(delta) filter (where kind = 'redeem'), 0) as redeemed,
             coalesce(-sum(delta) filter (where kind = 'expire'), 0) as expired
      from ledger_entries where ${inPeriod(sql`created_at`)} and member_id in ${shopperIds()} group by 1 order by 1`),
    questions.length === 0
      ? Promise.resolve([])
      : all(db, sql`
          select distinct on (bucket, s.member_id) ${b(sql`s.created_at`)} as bucket, (s.payload->'answers'->>q.qid)::int as answer
          from task_submissions s
          join ${npsQuestionValues(questions)} on q.task_id = s.task_id
          where s.kind = 'survey' and s.status = 'completed' and ${inPeriod(sql`s.created_at`)} and s.payload->'answers' ? q.qid and s.member_id in ${shopperIds()}
          order by bucket, s.member_id, s.created_at desc, s.id desc`),
    all(db, sql`
      select bucket, sum(opened) as opened, sum(joined) as joined, sum(qualified) as qualified from (
        select ${b(sql`claimed_at`)} as bucket, 1 as opened, 0 as joined, 0 as qualified from referrals where ${inPeriod(sql`claimed_at`)}
        union all select ${b(sql`joined_at`)}, 0, 1, 0 from referrals where ${inPeriod(sql`joined_at`)}
        union all select ${b(sql`rewarded_at`)}, 0, 0, 1 from referrals where ${inPeriod(sql`rewarded_at`)}
      ) r group by 1 order by 1`),
    all(db, sql`
      select bucket, sum(sent) as sent, sum(opened) as opened from (
        select ${b(sql`sent_at`)} as bucket, 1 as sent, 0 as opened from notifications where ${inPeriod(sql`sent_at`)} and member_id in ${shopperIds()}
        union all select ${b(sql`opened_at`)}, 0, 1 from notifications where ${inPeriod(sql`opened_at`)} and member_id in ${shopperIds()}
      ) p group by 1 order by 1`),
  ]);

  const num = (v: unknown) => Number(v ?? 0);
  const byBucket = new Map<string, number[]>();
  for (const r of answers) byBucket.set(label(r), [...(byBucket.get(label(r)) ?? []), num(r.answer)]);
  return {
    orders: orders.map((r) => ({ bucket: label(r), enrolled_orders: num(r.enrolled_orders), other_orders: num(r.other_orders), enrolled_revenue_cents: num(r.enrolled_revenue), other_revenue_cents: num(r.other_revenue) })),
    points: points.map((r) => ({ bucket: label(r), issued: num(r.issued), redeemed: num(r.redeemed), expired: num(r.expired) })),
    nps: [...byBucket.entries()].map(([bucketStart, list]) => ({ bucket: bucketStart, score: nps(list).score, answers: list.length })),
    referrals: referrals.map((r) => ({ bucket: label(r), opened: num(r.opened), joined: num(r.joined), qualified: num(r.qualified) })),
    push: push.map((r) => ({ bucket: label(r), sent: num(r.sent), opened: num(r.opened) })),
  } satisfies Record<(typeof seriesNames)[number], SeriesPoint[]>;
}
export type MetricSeries = Awaited<ReturnType<typeof getMetricSeries>>;
