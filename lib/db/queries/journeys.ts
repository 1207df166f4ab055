import "server-only";
// The journeys the hourly job sends (lib/jobs/definitions.ts): each finds the members it is for
// in one statement and queues one message per member and cause (the dedupe key), on the member's
// channel, after quiet hours, marketing within the weekly cap. A rerun or a second instance adds nothing.
// The journeys that decide per member in code (a gift coupon, the reward now affordable, the tier
// at risk) are lib/server/journeys; they find and queue their members with the statements here.
import { and, gt, isNotNull, isNull, lte, sql, type SQL } from "drizzle-orm";
import { dayStartIn } from "../../loyalty/calendar";
import { ACTIVITY_KINDS, expiresAt, expiryCutoff } from "../../loyalty/expiry";
import { CREDIT_KINDS } from "../../loyalty/ledger-keys";
import { dueReminderLead, JOURNEY_MESSAGES, leadWindows, type JourneyKey } from "../../loyalty/journeys";
import { afterQuietHours, isMarketing } from "../../loyalty/messaging";
import { env } from "../../env";
import type { Database } from "../connect";
import { members } from "../schema";
import { membersWithLotsLapsingBy, nextExpiryOf } from "./expiry";
import { channelFor, ONCE_PER_CAUSE, OUTBOX_INSERT, underWeeklyCap, type Channels } from "./notifications";

const iso = (column: SQL) => sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;

type JourneyQuery = {
  /** Which journey sends it (its category and kind), or an explicit category and kind. */
  message: { category: Parameters<typeof channelFor>[0]; kind: string; source: string | null };
  /** FROM … (must name the members `m`), and the WHERE conditions besides the channel. */
  from: SQL;
  where: SQL;
  params: SQL;
  url: SQL;
  dedupe: SQL;
  now: Date;
  channels?: Channels;
  /** Only these channels (the points digest is for e-mail: push members had a push per order). */
  only?: "email";
};

/** Queues the message for every member the query finds; how many were new. */
async function enqueueFor(db: Database, q: JourneyQuery): Promise<number> {
  const due = afterQuietHours(q.now, env().timezone);
  const { category, kind, source } = q.message;
  const result = await db.execute(sql`
    with queued as (
      ${OUTBOX_INSERT}
      select m.id, ${category}, c.channel, ${kind}, ${q.params}, ${q.url}, ${q.dedupe}, ${source}, ${due}, ${q.now}
      ${q.from}
      cross join lateral (select ${channelFor(category, q.channels ?? "push-or-email", source)} as channel) c
      where ${q.only ? sql`c.channel = ${q.only}` : sql`c.channel is not null`}
        and m.erased_at is null
        and ${q.where}
        ${isMarketing(category) ? sql`and ${underWeeklyCap(q.now)}` : sql``}
      ${ONCE_PER_CAUSE}
      returning 1)
    select count(*)::int as n from queued`);
  return (result as unknown as { rows: { n: number }[] }).rows[0]?.n ?? 0;
}

const journey = (key: JourneyKey) => ({ ...JOURNEY_MESSAGES[key], source: `journey:${key}` });

/** Welcome, once, to a member who enrolled (first confirmed their address) in the last two days. */
export function enqueueWelcome(db: Database, now: Date, shopName: string): Promise<number> {
  return enqueueFor(db, {
    message: journey("welcome"),
    from: sql`from members m`,
    where: sql`m.email_verified > ${new Date(now.getTime() - 2 * 86_400_000)}`,
    params: sql`jsonb_build_object('shop', ${shopName}::text)`,
    url: sql`'/'`,
    dedupe: sql`'welcome'`,
    now,
  });
}

/** Yesterday's points in one mail, for members without push (who had a push per order). */
export function enqueuePointsDigest(db: Database, now: Date): Promise<number> {
  const today = dayStartIn(now, env().timezone);
  const yesterday = dayStartIn(new Date(today.getTime() - 3_600_000), env().timezone);
  return enqueueFor(db, {
    message: journey("points_digest"),
    from: sql`from members m join (
      select l.member_id, sum(l.delta)::int as points from ledger_entries l
      where l.delta > 0 and l.kind in (${sql.join(CREDIT_KINDS.map((kind) => sql`${kind}`), sql`, `)}) and l.created_at >= ${yesterday} and l.created_at < ${today}
      group by l.member_id) e on e.member_id = m.id`,
    where: sql`true`,
    params: sql`jsonb_build_object('points', e.points, 'balance', m.points_balance)`,
    url: sql`'/history'`,
    dedupe: sql`${`points-digest:${yesterday.toISOString().slice(0, 10)}`}::text`,
    now,
    only: "email",
  });
}

/** Coupons running out within `days`, unused: one reminder per coupon. */
export function enqueueExpiringCoupons(db: Database, now: Date, days = 3): Promise<number> {
  return enqueueFor(db, {
    message: { category: "expiring", kind: "coupon_expiring", source: "journey:expiring" },
    from: sql`from coupons cp join members m on m.id = cp.member_id`,
    where: sql`cp.used_at is null and cp.expires_at > ${now} and cp.expires_at <= ${new Date(now.getTime() + days * 86_400_000)}`,
    params: sql`jsonb_build_object('code', cp.code, 'expiresAt', ${iso(sql`cp.expires_at`)})`,
    url: sql`'/wallet'`,
    dedupe: sql`'coupon-expiring:' || cp.id`,
    now,
  });
}

/**
 * Balances that lapse for want of activity (inactivity expiry), one reminder per lead time
 * (30 and 7 days) and period of inactivity: the key carries the last activity, so new activity
 * makes later reminders possible. The lapse is lib/loyalty/expiry.ts's, in the program's time zone,
 * over its activity kinds: SQL only narrows the members down, the date mailed is the rule's.
 */
export async function enqueueExpiringPoints(db: Database, now: Date, months: number, leadDays: number[]): Promise<number> {
  const timeZone = env().timezone;
  const windows = leadWindows(leadDays);
  const day = 86_400_000;
  // Month ends make "last + months" many-to-one, so the SQL window is a few days wider than the exact one below.
  const slack = 4 * day;
  const earliest = new Date(expiryCutoff(new Date(now.getTime() + Math.min(...windows.map((w) => w.afterDays)) * day), months, timeZone).getTime() - slack);
  const latest = new Date(expiryCutoff(new Date(now.getTime() + Math.max(...windows.map((w) => w.lead)) * day), months, timeZone).getTime() + slack);
  const { rows } = (await db.execute(sql`
    select m.id::text as id, max(l.created_at) as last from members m join ledger_entries l on l.member_id = m.id
    where m.points_balance > 0 and l.kind in (${sql.join(ACTIVITY_KINDS.map((kind) => sql`${kind}`), sql`, `)})
    group by m.id having max(l.created_at) > ${earliest} and max(l.created_at) <= ${latest}`)) as unknown as { rows: { id: string; last: Date | string }[] };
  const candidates = rows.map((row) => {
    const last = new Date(row.last);
    return { id: row.id, last, lapse: expiresAt(last, months, timeZone) };
  });
  let queued = 0;
  for (const { lead, afterDays } of windows) {
    const due = candidates.filter((c) => c.lapse.getTime() > now.getTime() + afterDays * day && c.lapse.getTime() <= now.getTime() + lead * day);
    if (due.length === 0) continue;
    const values = sql.join(due.map((d) => sql`(${d.id}::uuid, ${isoSeconds(d.lapse)}::text, ${isoSeconds(d.last).slice(0, 19)}::text)`), sql`, `);
    queued += await enqueueFor(db, {
      message: journey("expiring"),
      from: sql`from members m join (values ${values}) as x (id, expires_at, last) on x.id = m.id`,
      where: sql`m.points_balance > 0`,
      params: sql`jsonb_build_object('points', m.points_balance, 'expiresAt', x.expires_at)`,
      url: sql`'/'`,
      dedupe: sql`'points-expiring:' || x.last || ':' || ${lead}::int`,
      now,
    });
  }
  return queued;
}

/** The rewards each of these members was already told they can afford (one message per reward, ever). */
export async function rewardsAnnouncedTo(db: Database, memberIds: readonly string[]): Promise<Map<string, Set<string>>> {
  const { rows } = (await db.execute(sql`
    select member_id::text as member_id, substr(dedupe_key, length('reward-available:') + 1) as reward_id from notifications
    where member_id in (${sql.join(memberIds.map((id) => sql`${id}::uuid`), sql`, `)}) and dedupe_key like 'reward-available:%'`)) as unknown as { rows: { member_id: string; reward_id: string }[] };
  const told = new Map<string, Set<string>>();
  for (const row of rows) told.set(row.member_id, (told.get(row.member_id) ?? new Set()).add(row.reward_id));
  return told;
}

/** "2027-11-30T10:00:00Z": the form the messages' dates are kept in (no milliseconds). */
const isoSeconds = (at: Date) => at.toISOString().replace(/\.\d{3}Z$/, "Z");

/** Per-earning expiry: the oldest lot that lapses within the longest lead, one reminder per lot date and lead. */
export async function enqueueExpiringLots(db: Database, now: Date, months: number, leadDays: number[]): Promise<number> {
  const horizon = new Date(now.getTime() + Math.max(...leadDays) * 86_400_000);
  let queued = 0;
  for (const id of await membersWithLotsLapsingBy(db, horizon, months)) {
    const next = await nextExpiryOf(db, id, now, months);
    const lead = next ? dueReminderLead(leadDays, next.at.getTime() - now.getTime()) : null;
    if (!next || lead === null) continue;
    queued += await enqueueFor(db, {
      message: journey("expiring"),
      from: sql`from members m`,
      where: sql`m.id = ${id}`,
      params: sql`jsonb_build_object('points', ${next.points}::int, 'expiresAt', ${next.at.toISOString()}::text)`,
      url: sql`'/'`,
      dedupe: sql`${`points-expiring-lot:${next.at.toISOString().slice(0, 10)}:${lead}`}::text`,
      now,
    });
  }
  return queued;
}

/** Tasks that opened within the last two days (config.validFrom); one always there is not announced. */
export function enqueueNewTasks(db: Database, now: Date): Promise<number> {
  return enqueueFor(db, {
    message: { category: "tasks", kind: "task_new", source: null },
    from: sql`from tasks t cross join members m`,
    where: sql`t.active
      and (t.config->>'validFrom')::timestamptz > ${new Date(now.getTime() - 2 * 86_400_000)} and (t.config->>'validFrom')::timestamptz <= ${now}
      and ((t.config->>'validUntil') is null or (t.config->>'validUntil')::timestamptz > ${now})`,
    params: sql`jsonb_build_object('title_de', t.title->>'de', 'title_en', t.title->>'en', 'points', t.points)`,
    url: sql`'/tasks/' || t.id`,
    dedupe: sql`'task-new:' || t.id`,
    now,
  });
}

/** Members with points who earned some in the last day (up to 5,000 a run): who may now afford a reward. */
export async function recentEarners(db: Database, now: Date): Promise<{ id: string; balance: number; tierId: string | null }[]> {
  const { rows } = (await db.execute(sql`
    select m.id::text as id, m.points_balance as balance, m.tier_id as tier_id from members m
    where m.erased_at is null and m.points_balance > 0
      and exists (select 1 from ledger_entries l where l.member_id = m.id and l.delta > 0 and l.created_at > ${new Date(now.getTime() - 86_400_000)})
    limit 5000`)) as unknown as { rows: { id: string; balance: number; tier_id: string | null }[] };
  return rows.map((r) => ({ id: r.id, balance: r.balance, tierId: r.tier_id }));
}

/** Queues "you can now afford X" for each member and the reward picked for them; how many were new. */
export function enqueueRewardAvailableFor(db: Database, picks: readonly { memberId: string; reward: { id: string; name: { de: string; en: string } } }[], now: Date): Promise<number> {
  if (picks.length === 0) return Promise.resolve(0);
  const values = sql.join(picks.map((p) => sql`(${p.memberId}::uuid, ${p.reward.id}::text, ${p.reward.name.de}::text, ${p.reward.name.en}::text)`), sql`, `);
  return enqueueFor(db, {
    message: journey("reward_available"),
    from: sql`from members m join (values ${values}) as r (member_id, id, name_de, name_en) on r.member_id = m.id`,
    where: sql`true`,
    params: sql`jsonb_build_object('reward_de', r.name_de, 'reward_en', r.name_en, 'balance', m.points_balance)`,
    url: sql`'/rewards/' || r.id`,
    dedupe: sql`'reward-available:' || r.id`,
    now,
  });
}

/**
 * Enrolled members whose birthday is on one of `days` ([month, day]) and who have no coupon with
 * the request id `key` yet (up to 5,000 a run).
 */
export async function birthdayMembers(db: Database, days: number[][], key: string): Promise<string[]> {
  const { rows } = (await db.execute(sql`
    select m.id::text as id from members m
    where m.email_verified is not null and m.erased_at is null and m.birthday is not null
      and (${sql.join(days.map(([month, day]) => sql`(extract(month from m.birthday) = ${month} and extract(day from m.birthday) = ${day})`), sql` or `)})
      and not exists (select 1 from coupons c where c.member_id = m.id and c.request_id = ${key})
    limit 5000`)) as unknown as { rows: { id: string }[] };
  return rows.map((r) => r.id);
}

/**
 * Enrolled members whose last order was paid in the 30 days up to `lapsedBefore`, reachable by
 * an offer now (channel, consent, weekly cap) and not yet offered a win-back for that order.
 */
export async function lapsedMembers(db: Database, lapsedBefore: Date, now: Date): Promise<{ id: string; lastOrder: string }[]> {
  const { rows } = (await db.execute(sql`
    select m.id::text as id, o.id::text as last_order from members m
    join lateral (select id, paid_at from orders where member_id = m.id order by paid_at desc limit 1) o on true
    cross join lateral (select ${channelFor("offers", "push-or-email", "journey:win_back")} as channel) c
    where m.email_verified is not null and m.erased_at is null and c.channel is not null and ${underWeeklyCap(now)}
      and o.paid_at <= ${lapsedBefore} and o.paid_at > ${new Date(lapsedBefore.getTime() - 30 * 86_400_000)}
      and not exists (select 1 from notifications x where x.member_id = m.id and x.dedupe_key = 'win-back:' || o.id)
    limit 5000`)) as unknown as { rows: { id: string; last_order: string }[] };
  return rows.map((r) => ({ id: r.id, lastOrder: r.last_order }));
}

/** Enrolled members with a tier whose recorded guarantee ends after `now` and by `horizon` (up to 5,000 a run). */
export async function membersWithTierEndingBy(db: Database, now: Date, horizon: Date): Promise<string[]> {
  const rows = await db
    .select({ id: members.id })
    .from(members)
    .where(and(isNotNull(members.tierId), isNotNull(members.emailVerified), isNull(members.erasedAt), gt(members.tierKeptUntil, now), lte(members.tierKeptUntil, horizon)))
    .limit(5000);
  return rows.map((r) => r.id);
}

/** Queues "your tier is at risk" for one member: what spend keeps it, by when; once per tier and date. */
export function enqueueTierAtRiskFor(
  db: Database,
  memberId: string,
  risk: { tier: { id: string; name: { de: string; en: string } }; keptUntil: Date; toKeepCents: number; currency: string },
  now: Date,
): Promise<number> {
  return enqueueFor(db, {
    message: journey("tier_at_risk"),
    from: sql`from members m`,
    where: sql`m.id = ${memberId}`,
    params: sql`jsonb_build_object('tier_de', ${risk.tier.name.de}::text, 'tier_en', ${risk.tier.name.en}::text, 'expiresAt', ${risk.keptUntil.toISOString()}::text, 'missingCents', ${risk.toKeepCents}::int, 'currency', ${risk.currency}::text)`,
    url: sql`'/tiers'`,
    dedupe: sql`${`tier-at-risk:${risk.tier.id}:${risk.keptUntil.toISOString().slice(0, 10)}`}::text`,
    now,
  });
}

export type JourneyStats = { sent: number; opened: number; clicked: number; waiting: number };

/** Per journey since `since`: messages sent, opened (push taps, mail clicks), clicked, still waiting. */
export async function journeyStats(db: Database, since: Date): Promise<Partial<Record<JourneyKey, JourneyStats>>> {
  const { rows } = (await db.execute(sql`
    select substr(source, 9) as key, count(*) filter (where status = 'sent')::int as sent, count(opened_at)::int as opened,
           count(clicked_at)::int as clicked, count(*) filter (where status = 'pending')::int as waiting
    from notifications where created_at >= ${since} and source like 'journey:%'
    group by source`)) as unknown as { rows: (JourneyStats & { key: JourneyKey })[] };
  return Object.fromEntries(rows.map(({ key, ...stats }) => [key, stats]));
}
