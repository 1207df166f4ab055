import "server-only";
import { and, eq, inArray, isNull, lte, sql, type SQL } from "drizzle-orm";
import { DEFAULT_VALID_MONTHS } from "../../loyalty/expiry";
import type { Database, Tx } from "../connect";
import { coupons, members, notifications, pushSubscriptions, tasks, type NotificationCategory } from "../schema";

const OUTBOX_INSERT = sql`insert into notifications (member_id, category, kind, params, url, dedupe_key, next_attempt_at, created_at)`;
/** For the members `m` of the statement: they have a subscription and did not mute the category. */
const wantsPush = (category: NotificationCategory) => sql`not (${category} = any(m.push_muted)) and exists (select 1 from push_subscriptions s where s.member_id = m.id)`;
/** A cause already in the outbox (a replayed event, a job's next run) adds nothing. */
const ONCE_PER_CAUSE = sql`on conflict (member_id, dedupe_key) do nothing`;

export type NewNotification = {
  memberId: string;
  category: NotificationCategory;
  kind: string;
  params?: Record<string, string | number>;
  url: string;
  dedupeKey: string;
  /** The cause's time: the notification is due from then. */
  at: Date;
};

/**
 * Puts a notification in the outbox, inside the caller's transaction so it exists exactly when
 * its cause does. Only for members with a push subscription who have not muted the category:
 * one statement either way, so the shop-event hot path pays a single round trip.
 */
export async function enqueueNotification(tx: Tx | Database, n: NewNotification): Promise<void> {
  await tx.execute(notificationInsert(n));
}

/** enqueueNotification's statement, for a caller that folds it into a larger one (a CTE) gated by `when`. */
export function notificationInsert(n: NewNotification, when: SQL = sql`true`): SQL {
  return sql`
    ${OUTBOX_INSERT}
    select m.id, ${n.category}, ${n.kind}, ${JSON.stringify(n.params ?? {})}::jsonb, ${n.url}, ${n.dedupeKey}, ${n.at}, ${n.at}
    from members m
    where m.id = ${n.memberId}
      and ${wantsPush(n.category)}
      and ${when}
    ${ONCE_PER_CAUSE}`;
}

export type ClaimedNotification = {
  id: string;
  memberId: string;
  kind: string;
  params: Record<string, string | number>;
  url: string;
  attempts: number;
  locale: string | null;
  subscriptions: { id: string; endpoint: string; p256dh: string; auth: string }[];
};

/**
 * Claims due notifications for one worker: SKIP LOCKED keeps concurrent workers (other app
 * instances) off the same rows, and the claim moves next_attempt_at a lease ahead, so a row
 * stays claimed after this short transaction commits and a crashed worker's claim lapses.
 */
export async function claimDueNotifications(db: Database, now: Date, limit: number, leaseMs: number): Promise<ClaimedNotification[]> {
  const claimed = await db.transaction(async (tx) => {
    const due = await tx
      .select({ id: notifications.id })
      .from(notifications)
      .where(and(eq(notifications.status, "pending"), lte(notifications.nextAttemptAt, now)))
      .orderBy(notifications.nextAttemptAt)
      .limit(limit)
      .for("update", { skipLocked: true });
    if (due.length === 0) return [];
    return tx
      .update(notifications)
      .set({ nextAttemptAt: new Date(now.getTime() + leaseMs), attempts: sql`${notifications.attempts} + 1` })
      .where(
        inArray(
          notifications.id,
          due.map((d) => d.id),
        ),
      )
      .returning({ id: notifications.id, memberId: notifications.memberId, kind: notifications.kind, params: notifications.params, url: notifications.url, attempts: notifications.attempts });
  });
  if (claimed.length === 0) return [];
  const memberIds = [...new Set(claimed.map((c) => c.memberId))];
  const [subs, locales] = await Promise.all([
    db.select().from(pushSubscriptions).where(inArray(pushSubscriptions.memberId, memberIds)),
    db.select({ id: members.id, locale: members.locale }).from(members).where(inArray(members.id, memberIds)),
  ]);
  return claimed.map((c) => ({
    ...c,
    locale: locales.find((l) => l.id === c.memberId)?.locale ?? null,
    subscriptions: subs.filter((s) => s.memberId === c.memberId).map(({ id, endpoint, p256dh, auth }) => ({ id, endpoint, p256dh, auth })),
  }));
}

export async function markNotificationSent(db: Database, id: string, now: Date): Promise<void> {
  await db.update(notifications).set({ status: "sent", sentAt: now, lastError: null }).where(eq(notifications.id, id));
}

export async function rescheduleNotification(db: Database, id: string, at: Date, error: string): Promise<void> {
  await db.update(notifications).set({ nextAttemptAt: at, lastError: error.slice(0, 500) }).where(eq(notifications.id, id));
}

export async function markNotificationFailed(db: Database, id: string, error: string): Promise<void> {
  await db.update(notifications).set({ status: "failed", lastError: error.slice(0, 500) }).where(eq(notifications.id, id));
}

export async function removeSubscriptions(db: Database, ids: string[]): Promise<void> {
  if (ids.length > 0) await db.delete(pushSubscriptions).where(inArray(pushSubscriptions.id, ids));
}

/** A tap on a notification, for the open-rate metric; the first tap counts. */
export async function recordNotificationOpen(db: Database, id: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(notifications)
    .set({ openedAt: now })
    .where(and(eq(notifications.id, id), isNull(notifications.openedAt)))
    .returning({ id: notifications.id });
  return rows.length > 0;
}

export type Subscription = { endpoint: string; p256dh: string; auth: string };

/** Saves a browser's subscription for the member; the same browser subscribing again moves it to this member. */
export async function saveSubscription(db: Database, memberId: string, s: Subscription): Promise<void> {
  await db
    .insert(pushSubscriptions)
    .values({ memberId, ...s })
    .onConflictDoUpdate({ target: pushSubscriptions.endpoint, set: { memberId, p256dh: s.p256dh, auth: s.auth } });
}

export async function deleteSubscription(db: Database, memberId: string, endpoint: string): Promise<void> {
  await db.delete(pushSubscriptions).where(and(eq(pushSubscriptions.memberId, memberId), eq(pushSubscriptions.endpoint, endpoint)));
}

export async function getPushSettings(db: Database, memberId: string): Promise<{ muted: string[]; endpoints: string[] }> {
  const [member, subs] = await Promise.all([
    db.select({ muted: members.pushMuted }).from(members).where(eq(members.id, memberId)),
    db.select({ endpoint: pushSubscriptions.endpoint }).from(pushSubscriptions).where(eq(pushSubscriptions.memberId, memberId)),
  ]);
  return { muted: member[0]?.muted ?? [], endpoints: subs.map((s) => s.endpoint) };
}

export async function setMutedCategories(db: Database, memberId: string, muted: NotificationCategory[]): Promise<void> {
  await db.update(members).set({ pushMuted: muted }).where(eq(members.id, memberId));
}

/** Coupons running out within `days`, unused: one reminder per coupon (the dedupe key). */
export async function enqueueExpiringCoupons(db: Database, now: Date, days = 3): Promise<void> {
  const until = new Date(now.getTime() + days * 86_400_000);
  await db.execute(sql`
    ${OUTBOX_INSERT}
    select c.member_id, 'expiring', 'coupon_expiring',
           jsonb_build_object('code', c.code, 'expiresAt', to_char(c.expires_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')),
           '/wallet', 'coupon-expiring:' || c.id, ${now}, ${now}
    from ${coupons} c join ${members} m on m.id = c.member_id
    where c.used_at is null and c.expires_at > ${now} and c.expires_at <= ${until}
      and ${wantsPush("expiring")}
    ${ONCE_PER_CAUSE}`);
}

/**
 * Balances that expire within `days` for want of activity: one reminder per period of
 * inactivity (the key carries the last activity, so new activity makes a later reminder possible).
 */
export async function enqueueExpiringPoints(db: Database, now: Date, months = DEFAULT_VALID_MONTHS, days = 14): Promise<void> {
  const until = new Date(now.getTime() + days * 86_400_000);
  // Postgres adds months the way lib/loyalty/expiry does: clamped to the month's last day.
  await db.execute(sql`
    ${OUTBOX_INSERT}
    select m.id, 'expiring', 'points_expiring',
           jsonb_build_object('points', m.points_balance,
             'expiresAt', to_char((a.last + make_interval(months => ${months})) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')),
           '/', 'points-expiring:' || to_char(a.last at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS'), ${now}, ${now}
    from ${members} m
    join lateral (select max(l.created_at) as last from ledger_entries l
                  where l.member_id = m.id and l.kind in ('earn_order','earn_task','referral','redeem')) a on true
    where m.points_balance > 0 and a.last + make_interval(months => ${months}) <= ${until}
      and ${wantsPush("expiring")}
    ${ONCE_PER_CAUSE}`);
}

/**
 * Tasks that opened within the last two days (config.validFrom): one "new task" notice per member.
 * A task without a start date counts as always there and is not announced.
 */
export async function enqueueNewTasks(db: Database, now: Date): Promise<void> {
  const since = new Date(now.getTime() - 2 * 86_400_000);
  await db.execute(sql`
    ${OUTBOX_INSERT}
    select m.id, 'tasks', 'task_new',
           jsonb_build_object('title_de', t.title->>'de', 'title_en', t.title->>'en', 'points', t.points),
           '/tasks/' || t.id, 'task-new:' || t.id, ${now}, ${now}
    from ${tasks} t cross join ${members} m
    where t.active
      and (t.config->>'validFrom')::timestamptz > ${since} and (t.config->>'validFrom')::timestamptz <= ${now}
      and ((t.config->>'validUntil') is null or (t.config->>'validUntil')::timestamptz > ${now})
      and ${wantsPush("tasks")}
    ${ONCE_PER_CAUSE}`);
}
