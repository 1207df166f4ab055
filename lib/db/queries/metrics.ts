import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { CLI_QUESTION_IDS } from "../../loyalty/survey-templates";
import { cli, divideHalfUp, liabilityCents, nps, periodBounds, rate, type Cli, type Nps, type Period } from "../../loyalty/metrics";
import { parseTaskConfig } from "../../loyalty/tasks";
import type { Database, Tx } from "../connect";
import { PROGRAM_ID } from "../program-id";
import { shopperIds, shopperWhere } from "../shoppers";
import { getSupportMetrics, type SupportMetrics } from "./support-metrics";

export type Metrics = {
  from: string;
  to: string;
  timezone: string;
  orders: number;
  customers: number;
  revenue_cents: number;
  aov_cents: number | null;
  repeat_purchase_rate: number | null;
  upsell_ratio: number | null;
  enrolled_share: number | null;
  enrolled_customers: { customers: number; aov_cents: number | null; repeat_purchase_rate: number | null };
  not_enrolled_customers: { customers: number; aov_cents: number | null; repeat_purchase_rate: number | null };
  nps: Nps;
  cli: Cli;
  members: number;
  enrolled: number;
  active_members: number;
  points_issued: number;
  points_redeemed: number;
  points_expired: number;
  redemption_rate: number | null;
  points_liability: { points: number; cents: number; point_value_milli_cents: number };
  rewards_redeemed: number;
  coupons_used: number;
  coupon_use_rate: number | null;
  referrals: { links_opened: number; signed_up: number; qualified: number; referral_conversion: number | null };
  tasks_completed: Record<string, number>;
  reviews_published: number;
  photos_published: number;
  push: { subscribed_members: number; sent: number; delivered: number; opened: number; open_rate: number | null };
  support: SupportMetrics;
};

const n = (v: unknown) => Number(v ?? 0);
const sum = (rows: Record<string, unknown>[], column: string) => rows.reduce((total, row) => total + n(row[column]), 0);
async function one<T extends Record<string, unknown>>(db: Database, query: SQL): Promise<T> {
  return (await all<T>(db, query))[0]!;
}
/** The rows of a raw aggregate query (both drivers answer `{ rows }`). */
export async function all<T extends Record<string, unknown>>(db: Database | Tx, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

/**
 * A query that groups hundreds of thousands of rows per member: given memory to hash them at once
 * instead of sorting on disk (the server's default work_mem is 4 MB), for this transaction only.
 */
export async function allGrouped<T extends Record<string, unknown>>(db: Database, query: SQL): Promise<T[]> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local work_mem = '32MB'`);
    return all<T>(tx, query);
  });
}

/** A member (aliased `m`) counts as enrolled once they signed in (a verified address or a linked shop account). */
export const ENROLLED = sql`(m.email_verified is not null or exists (select 1 from accounts a where a.member_id = m.id))`;

/** An order (aliased `o`) counts unless its refunds add up to its whole subtotal. */
export const COUNTED_ORDER = sql`not (o.refunded_cents > 0 and o.refunded_cents >= o.subtotal_cents)`;

/** The survey tasks' NPS questions as (task id, question id): which question is NPS comes from each task's own configuration. */
export async function npsQuestions(db: Database): Promise<(readonly [string, string])[]> {
  const surveyTasks = await all<{ id: string; config: unknown }>(db, sql`select id, config from tasks where kind = 'survey'`);
  return surveyTasks.flatMap((t) => parseTaskConfig(t.config).questions.filter((q) => q.type === "nps").map((q) => [t.id, q.id] as const));
}

/** SQL VALUES of those questions, to join submissions against. */
export function npsQuestionValues(questions: readonly (readonly [string, string])[]): SQL {
  return sql`(values ${sql.join(questions.map(([task, qid]) => sql`(${task}, ${qid})`), sql`, `)}) as q(task_id, qid)`;
}

/**
 * Every number of docs/metrics.md for one period, from SQL aggregates over orders, the ledger, coupons,
 * referrals, submissions and the push outbox. An order counts by when the shop says it was paid;
 * a fully refunded order is not an order; a partial refund lowers revenue only.
 */
export async function getMetrics(db: Database, period: Period, timezone: string): Promise<Metrics> {
  const { start, end } = periodBounds(period, timezone);
  const inPeriod = (column: SQL) => sql`${column} >= ${start} and ${column} < ${end}`;
  // Staff who never bought are not members here (lib/db/shoppers.ts): their test points, answers and devices stay out.
  const shoppers = shopperIds();

  // One pass over the period's orders, per customer: orders, revenue, and the byte-ordered smallest and
  // largest product type (generated columns, migration 0009), so several types means min < max.
  const [groups, healthRows, program, couponsRow, referralRow, tasksRows, pushRow, surveys, support] = await Promise.all([
    allGrouped(db, sql`
      select ${ENROLLED} as enrolled, count(*) as customers, sum(c.orders) as orders, sum(c.revenue) as revenue,
             count(*) filter (where c.orders >= 2) as repeaters,
             count(*) filter (where c.type_min < c.type_max) as several, count(*) filter (where c.type_min = c.type_max) as single
      from (select o.member_id, count(*) as orders, sum(o.subtotal_cents - o.refunded_cents) as revenue,
                   min(o.product_type_min collate "C") as type_min, max(o.product_type_max collate "C") as type_max
            from orders o where ${inPeriod(sql`o.paid_at`)} and ${COUNTED_ORDER} group by o.member_id) c
      join members m on m.id = c.member_id
      group by 1`),
    // One pass over the period's ledger rows per member gives both the points moved and who was active.
    // The balances are the ledger's running sums (trigger, migration 0001): the liability at the end of
    // the period is today's balances minus what moved since.
    allGrouped(db, sql`
      with l as (
        select member_id, sum(delta) filter (where delta > 0) as issued,
               -sum(delta) filter (where kind = 'redeem') as redeemed, -sum(delta) filter (where kind = 'expire') as expired
        from ledger_entries where ${inPeriod(sql`created_at`)} and member_id in ${shoppers} group by member_id)
      select count(*) as members, count(*) filter (where ${ENROLLED}) as enrolled,
             count(*) filter (where a.member_id is not null or (m.email_verified >= ${start} and m.email_verified < ${end})) as active,
             (select coalesce(sum(issued), 0) from l) as issued,
             (select coalesce(sum(redeemed), 0) from l) as redeemed,
             (select coalesce(sum(expired), 0) from l) as expired,
             (select coalesce(sum(points_balance), 0) from members s where ${shopperWhere("s")})
               - (select coalesce(sum(delta), 0) from ledger_entries where created_at >= ${end} and member_id in ${shoppers}) as outstanding
      from members m
      left join (select member_id from l union select member_id from task_submissions where ${inPeriod(sql`created_at`)}) a on a.member_id = m.id
      where ${shopperWhere("m")} and m.created_at < ${end}`),
    // No program yet (a shop asking before the console's set-up wizard ran): the default value of a point.
    all<{ value: unknown }>(db, sql`select point_value_milli_cents as value from programs where id = ${PROGRAM_ID}`).then((rows) => rows[0] ?? { value: 100 }),
    one(db, sql`select count(*) as issued, count(*) filter (where used_at is not null) as used_of_issued,
                       (select count(*) from coupons u where ${inPeriod(sql`u.used_at`)} and u.member_id in ${shoppers}) as used
                from coupons where ${inPeriod(sql`issued_at`)} and member_id in ${shoppers}`),
    one(db, sql`select count(*) filter (where ${inPeriod(sql`claimed_at`)}) as opened,
                       count(*) filter (where ${inPeriod(sql`joined_at`)}) as joined,
                       count(*) filter (where ${inPeriod(sql`rewarded_at`)}) as qualified
                from referrals`),
    all(db, sql`select kind, count(*) as completed,
                       count(*) filter (where status = 'approved') as published
                from task_submissions
                where status in ('completed', 'approved') and ${inPeriod(sql`coalesce(decided_at, created_at)`)} and member_id in ${shoppers}
                group by kind`),
    one(db, sql`select (select count(distinct member_id) from push_subscriptions where member_id in ${shoppers}) as subscribed,
                       count(*) filter (where ${inPeriod(sql`sent_at`)}) as sent,
                       count(*) filter (where ${inPeriod(sql`opened_at`)}) as opened
                from notifications where member_id in ${shoppers}`),
    surveyAnswers(db, start, end),
    getSupportMetrics(db, start, end),
  ]);

  const health = healthRows[0]!;
  const orders = sum(groups, "orders");
  const customers = sum(groups, "customers");
  const revenue = sum(groups, "revenue");
  const group = (enrolled: boolean) => {
    const row = groups.find((g) => g.enrolled === enrolled);
    const c = n(row?.customers);
    return { customers: c, aov_cents: divideHalfUp(n(row?.revenue), n(row?.orders)), repeat_purchase_rate: rate(n(row?.repeaters), c) };
  };
  const repeaters = sum(groups, "repeaters");
  const enrolledCustomers = n(groups.find((g) => g.enrolled === true)?.customers);
  const issued = n(health.issued);
  const redeemed = n(health.redeemed);
  const outstanding = n(health.outstanding);
  const pointValue = n(program.value) || 100;
  const tasksCompleted = Object.fromEntries(tasksRows.map((r) => [String(r.kind), n(r.completed)]));
  const published = (kind: string) => n(tasksRows.find((r) => r.kind === kind)?.published);
  const sent = n(pushRow.sent);
  return {
    from: period.from,
    to: period.to,
    timezone,
    orders,
    customers,
    revenue_cents: revenue,
    aov_cents: divideHalfUp(revenue, orders),
    repeat_purchase_rate: rate(repeaters, customers),
    upsell_ratio: rate(sum(groups, "several"), sum(groups, "single")),
    enrolled_share: rate(enrolledCustomers, customers),
    enrolled_customers: group(true),
    not_enrolled_customers: group(false),
    nps: nps(surveys.nps),
    cli: cli(surveys.cli),
    members: n(health.members),
    enrolled: n(health.enrolled),
    active_members: n(health.active),
    points_issued: issued,
    points_redeemed: redeemed,
    points_expired: n(health.expired),
    redemption_rate: rate(redeemed, issued),
    points_liability: { points: outstanding, cents: liabilityCents(outstanding, pointValue), point_value_milli_cents: pointValue },
    rewards_redeemed: n(couponsRow.issued),
    coupons_used: n(couponsRow.used),
    coupon_use_rate: rate(n(couponsRow.used_of_issued), n(couponsRow.issued)),
    referrals: { links_opened: n(referralRow.opened), signed_up: n(referralRow.joined), qualified: n(referralRow.qualified), referral_conversion: rate(n(referralRow.qualified), n(referralRow.joined)) },
    tasks_completed: tasksCompleted,
    reviews_published: published("product_review"),
    photos_published: published("photo_upload"),
    // The push service's acceptance is the delivery Treue can observe.
    push: { subscribed_members: n(pushRow.subscribed), sent, delivered: sent, opened: n(pushRow.opened), open_rate: rate(n(pushRow.opened), sent) },
    support,
  };
}

/**
 * Survey answers of the period: each member's latest answer to an NPS question, and each member's
 * latest complete set of the three CLI questions. Which question is NPS comes from the tasks' own
 * configuration, so a shop's renamed survey still counts.
 */
async function surveyAnswers(db: Database, start: Date, end: Date): Promise<{ nps: number[]; cli: [number, number, number][] }> {
  const questions = await npsQuestions(db);
  const npsAnswers =
    questions.length === 0
      ? []
      : await all<{ answer: number }>(
          db,
          sql`select distinct on (s.member_id) (s.payload->'answers'->>q.qid)::int as answer
              from task_submissions s
              join ${npsQuestionValues(questions)} on q.task_id = s.task_id
              where s.kind = 'survey' and s.status = 'completed' and s.created_at >= ${start} and s.created_at < ${end}
                and s.payload->'answers' ? q.qid and s.member_id in ${shopperIds()}
              order by s.member_id, s.created_at desc, s.id desc`,
        );
  const [a, b, c] = CLI_QUESTION_IDS;
  const cliAnswers = await all<{ a: number; b: number; c: number }>(
    db,
    sql`select distinct on (member_id) (payload->'answers'->>${a})::int as a, (payload->'answers'->>${b})::int as b, (payload->'answers'->>${c})::int as c
        from task_submissions
        where kind = 'survey' and status = 'completed' and created_at >= ${start} and created_at < ${end}
          and payload->'answers' ?& array[${a}, ${b}, ${c}]::text[] and member_id in ${shopperIds()}
        order by member_id, created_at desc, id desc`,
  );
  return { nps: npsAnswers.map((r) => Number(r.answer)), cli: cliAnswers.map((r) => [Number(r.a), Number(r.b), Number(r.c)]) };
}
