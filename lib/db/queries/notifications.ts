import "server-only";
import { and, eq, inArray, isNull, lte, sql, type SQL } from "drizzle-orm";
import { JOURNEY_DEFAULTS, journeyFromSource, type JourneyKey } from "../../loyalty/journeys";
import { DEFAULT_WEEKLY_CAP, MARKETING_CATEGORIES } from "../../loyalty/messaging";
import type { Database, Tx } from "../connect";
import { env } from "../../env";
import { PROGRAM_ID } from "../program-id";
import { members, notifications, pushSubscriptions, type NotificationCategory, type NotificationChannel } from "../schema";

export const OUTBOX_INSERT = sql`insert into notifications (member_id, category, channel, kind, params, url, dedupe_key, source, next_attempt_at, created_at)`;
/** A cause already in the outbox (a replayed event, a job's next run) adds nothing. */
export const ONCE_PER_CAUSE = sql`on conflict (member_id, dedupe_key) do nothing`;

/** For the members `m` of the statement: they have a subscription and did not mute the category. */
export const wantsPush = (category: NotificationCategory) => sql`not (${category} = any(m.push_muted)) and exists (select 1 from push_subscriptions s where s.member_id = m.id)`;

/**
 * For the members `m` of the statement: e-mail may carry the category to them. Only enrolled
 * members (they confirmed the address by signing in), never to an address that bounced or
 * complained, never a muted category, and marketing only after the double opt-in.
 */
const mailable = sql`(m.erased_at is null and not exists (select 1 from email_suppressions x where x.email = m.email))`;
export const wantsEmail = (category: SQL) => sql`(m.email_verified is not null and ${mailable}
  and not (${category} = any(m.email_muted))
  and (${category} not in (${MARKETING_LIST}) or m.marketing_mail_confirmed_at is not null))`;
const MARKETING_LIST = sql.join(MARKETING_CATEGORIES.map((c) => sql`${c}`), sql`, `);

/** "email-always": mail the member is waiting for (the opt-in confirmation), whatever their choices; never to a bounced address. */
export type Channels = "push" | "push-or-email" | "email-always";

/**
 * The channel of a message to the members `m`: push where they subscribed and allow it, else
 * e-mail where allowed, else none (null). One channel per message, never both.
 */
export function channelFor(category: NotificationCategory, channels: Channels, source?: string | null): SQL {
  if (channels === "push") return sql`(case when ${wantsPush(category)} then 'push' end)`;
  if (channels === "email-always") return sql`(case when ${mailable} then 'email' end)`;
  // WhatsApp only where the journey or campaign has an approved template (business-initiated
  // messages may only be templates); without one the member gets it on their next channel.
  const template = env().whatsapp ? whatsappTemplateSet(source) : null;
  const whatsapp = template ? sql`when ${template} and ${wantsWhatsapp(sql`${category}::text`)} then 'whatsapp'` : sql``;
  const sms = env().sms ? sql`when ${wantsSms(sql`${category}::text`)} then 'sms'` : sql``;
  return sql`(case when ${wantsPush(category)} then 'push' ${whatsapp} ${sms} when ${wantsEmail(sql`${category}::text`)} then 'email' end)`;
}

/** For the members `m`: WhatsApp to their number, which they opted into on Profile, in the categories they left on for e-mail. */
const wantsWhatsapp = (category: SQL) => sql`(m.phone is not null and m.whatsapp_consent_at is not null and m.erased_at is null and not (${category} = any(m.email_muted)))`;

/**
 * Whether the cause named by `source` has a WhatsApp template, read in the statement: a journey's
 * in the program's journeys ("journey:birthday"), a campaign's on the campaign ("campaign:<id>").
 * Null: a message of its kind never goes by WhatsApp (it has no template).
 */
export function whatsappTemplateSet(source: string | null | undefined): SQL | null {
  const journey = journeyFromSource(source);
  if (journey) return sql`((select p.journeys -> ${journey} -> 'whatsapp' ->> 'contentSid' from programs p where p.id = ${PROGRAM_ID}) is not null)`;
  const campaign = source?.startsWith("campaign:") ? source.slice("campaign:".length) : null;
  if (campaign && /^[0-9a-f-]{36}$/i.test(campaign)) return sql`exists (select 1 from campaigns k where k.id = ${campaign}::uuid and k.whatsapp_content_sid is not null)`;
  return null;
}

/**
 * For the members `m`: texts instead of e-mail, for members who gave a number and asked for texts
 * (their own opt-in, which covers offers too), in the categories they left on for e-mail.
 */
const wantsSms = (category: SQL) => sql`(m.phone is not null and m.sms_consent_at is not null and m.erased_at is null and not (${category} = any(m.email_muted)))`;

/**
 * For marketing to the members `m`: fewer than the weekly cap of marketing messages in the last
 * seven days (counted over every channel), so journeys and campaigns together never crowd a shopper.
 */
export function underWeeklyCap(now: Date, cap = DEFAULT_WEEKLY_CAP): SQL {
  return sql`(select count(*) from notifications r where r.member_id = m.id and r.created_at > ${new Date(now.getTime() - 7 * 86_400_000)} and r.category in (${MARKETING_LIST}) and r.kind <> ${TRANSACTIONAL_MAIL}) < ${cap}`;
}

/** Whether the owner left the journey switched on (console → Journeys), read in the statement itself. */
export function journeyOn(key: JourneyKey): SQL {
  return sql`coalesce((select (p.journeys -> ${key} ->> 'enabled')::boolean from programs p where p.id = ${PROGRAM_ID}), ${JOURNEY_DEFAULTS[key].enabled})`;
}

export type NewNotification = {
  memberId: string;
  category: NotificationCategory;
  kind: string;
  params?: Record<string, string | number>;
  url: string;
  dedupeKey: string;
  /** The cause's time: the notification is due from then. */
  at: Date;
  /** "push-or-email": e-mail reaches who has no push. Default: push only (per-order news, which e-mail sends as a daily digest). */
  channels?: Channels;
  /** The journey or campaign that sent it ("journey:expiring"), for Insights. */
  source?: string;
  /** Not due before (quiet hours); default `at`. */
  dueAt?: Date;
};

/**
 * Puts a notification in the outbox, inside the caller's transaction so it exists exactly when
 * its cause does, on the member's channel (channelFor). One statement either way, so the
 * shop-event hot path pays a single round trip.
 */
export async function enqueueNotification(tx: Tx | Database, n: NewNotification): Promise<void> {
  await tx.execute(notificationInsert(n));
}

/** enqueueNotification's statement, for a caller that folds it into a larger one (a CTE) gated by `when`. */
export function notificationInsert(n: NewNotification, when: SQL = sql`true`): SQL {
  const journey = journeyFromSource(n.source);
  return sql`
    ${OUTBOX_INSERT}
    select m.id, ${n.category}, c.channel, ${n.kind}, ${JSON.stringify(n.params ?? {})}::jsonb, ${n.url}, ${n.dedupeKey}, ${n.source ?? null}, ${n.dueAt ?? n.at}, ${n.at}
    from members m cross join lateral (select ${channelFor(n.category, n.channels ?? "push", n.source)} as channel) c
    where m.id = ${n.memberId}
      and c.channel is not null
      and ${when}
      ${journey ? sql`and ${journeyOn(journey)}` : sql``}
    ${ONCE_PER_CAUSE}`;
}

type ClaimedRow = { id: string; memberId: string; category: NotificationCategory; kind: string; params: Record<string, string | number>; url: string; source: string | null; attempts: number };

/**
 * Claims due messages of one channel for one worker, in one statement: SKIP LOCKED keeps
 * concurrent workers (other app instances) off the same rows, and the claim moves next_attempt_at
 * a lease ahead, so a row stays claimed once the statement commits and a crashed worker's claim lapses.
 */
export async function claimDue(db: Database, channel: NotificationChannel, now: Date, limit: number, leaseMs: number): Promise<ClaimedRow[]> {
  const due = db
    .select({ id: notifications.id })
    .from(notifications)
    .where(and(eq(notifications.status, "pending"), eq(notifications.channel, channel), lte(notifications.nextAttemptAt, now)))
    .orderBy(notifications.nextAttemptAt)
    .limit(limit)
    .for("update", { skipLocked: true });
  return db
    .update(notifications)
    .set({ nextAttemptAt: new Date(now.getTime() + leaseMs), attempts: sql`${notifications.attempts} + 1` })
    .where(inArray(notifications.id, due))
    .returning({
      id: notifications.id,
      memberId: notifications.memberId,
      category: notifications.category,
      kind: notifications.kind,
      params: notifications.params,
      url: notifications.url,
      source: notifications.source,
      attempts: notifications.attempts,
    });
}

export type ClaimedNotification = ClaimedRow & {
  locale: string | null;
  subscriptions: { id: string; endpoint: string; p256dh: string; auth: string }[];
};

/** Claims due push messages (claimDue) with the member's devices. */
export async function claimDueNotifications(db: Database, now: Date, limit: number, leaseMs: number): Promise<ClaimedNotification[]> {
  const claimed = await claimDue(db, "push", now, limit, leaseMs);
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

/** A staff reply in a support conversation, sent on the channel the shopper wrote on (params: conversationId, messageId). */
export const CONVERSATION_REPLY = "conversation_reply";

/** The one mail kind sent whatever the member's choices: the opt-in confirmation they just asked for. */
export const TRANSACTIONAL_MAIL = "consent_confirm";

export type ClaimedText = ClaimedRow & { phone: string | null; locale: string | null; allowed: boolean };

/** Claims due text messages (claimDue) with the number, and whether it may still be sent. */
export async function claimDueTexts(db: Database, now: Date, limit: number, leaseMs: number): Promise<ClaimedText[]> {
  const claimed = await claimDue(db, "sms", now, limit, leaseMs);
  if (claimed.length === 0) return [];
  const ids = sql.join(claimed.map((c) => sql`${c.id}::uuid`), sql`, `);
  const { rows } = (await db.execute(sql`
    select n.id::text as id, m.phone, m.locale,
           case when n.kind = ${CONVERSATION_REPLY} then (m.phone is not null and m.sms_consent_at is not null and m.erased_at is null) else ${wantsSms(sql`n.category`)} end as allowed
    from notifications n join members m on m.id = n.member_id
    where n.id in (${ids})`)) as unknown as { rows: { id: string; phone: string | null; locale: string | null; allowed: boolean }[] };
  const byId = new Map(rows.map((r) => [r.id, r]));
  return claimed.flatMap((c) => {
    const row = byId.get(c.id);
    return row ? [{ ...c, phone: row.phone, locale: row.locale, allowed: row.allowed }] : [];
  });
}

export type ClaimedMail = ClaimedRow & {
  email: string;
  name: string | null;
  locale: string | null;
  /** Still allowed now: the member may have unsubscribed, withdrawn consent or bounced since it was queued. */
  allowed: boolean;
};

/** Claims due e-mail messages (claimDue) with the address, and whether it may still be sent. */
export async function claimDueMails(db: Database, now: Date, limit: number, leaseMs: number): Promise<ClaimedMail[]> {
  const claimed = await claimDue(db, "email", now, limit, leaseMs);
  if (claimed.length === 0) return [];
  const ids = sql.join(claimed.map((c) => sql`${c.id}::uuid`), sql`, `);
  const { rows } = (await db.execute(sql`
    select n.id::text as id, m.email, m.name, m.locale,
           case when n.kind = ${TRANSACTIONAL_MAIL} then ${mailable} else ${wantsEmail(sql`n.category`)} end as allowed
    from notifications n join members m on m.id = n.member_id
    where n.id in (${ids})`)) as unknown as { rows: { id: string; email: string; name: string | null; locale: string | null; allowed: boolean }[] };
  const byId = new Map(rows.map((r) => [r.id, r]));
  return claimed.flatMap((c) => {
    const row = byId.get(c.id);
    return row ? [{ ...c, email: row.email, name: row.name, locale: row.locale, allowed: row.allowed }] : [];
  });
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

/** A click on a mail's tracked link: the first counts, and counts as opened too (images may be blocked). */
export async function recordNotificationClick(db: Database, id: string, now: Date): Promise<void> {
  await db
    .update(notifications)
    .set({ clickedAt: sql`coalesce(${notifications.clickedAt}, ${now})`, openedAt: sql`coalesce(${notifications.openedAt}, ${now})` })
    .where(eq(notifications.id, id));
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
