import "server-only";
// WhatsApp and text messages both ways: the member's WhatsApp opt-in (with the sentence they agreed
// to), the keywords that stop and start a channel, finding a member by the number a message came
// from, and what the WhatsApp worker needs of a claimed message (its template or reply text).
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { parseWhatsappTemplate, type WhatsappTemplate } from "../../loyalty/whatsapp";
import type { ConversationChannel } from "../../loyalty/conversations";
import type { Database } from "../connect";
import { conversationMessages, conversations, members, notifications, type NotificationChannel } from "../schema";
import { claimDue, CONVERSATION_REPLY } from "./notifications";

export type WhatsappChoice = { phone: string | null; since: Date | null; text: string | null };

/** The member's WhatsApp opt-in as Profile shows it; the number only while the consent stands. */
export async function getWhatsappChoice(db: Database, memberId: string): Promise<WhatsappChoice | null> {
  const [row] = await db.select({ phone: members.phone, since: members.whatsappConsentAt, text: members.whatsappConsentText }).from(members).where(eq(members.id, memberId));
  if (!row) return null;
  return row.since ? row : { phone: null, since: null, text: null };
}

/**
 * WhatsApp to `phone` (E.164) from now, recorded with the sentence the member agreed to; or none
 * (null). The number is shared with texts: a different number ends the text consent given for the
 * old one, and withdrawing WhatsApp keeps the number only while texts still use it.
 */
export async function setWhatsappChoice(db: Database, memberId: string, choice: { phone: string; text: string } | null, now: Date): Promise<void> {
  await db
    .update(members)
    .set(
      choice
        ? {
            phone: choice.phone,
            whatsappConsentAt: sql`coalesce(case when ${members.phone} = ${choice.phone} and ${members.whatsappConsentText} = ${choice.text} then ${members.whatsappConsentAt} end, ${now})`,
            whatsappConsentText: choice.text,
            smsConsentAt: sql`case when ${members.phone} = ${choice.phone} then ${members.smsConsentAt} end`,
          }
        : { phone: sql`case when ${members.smsConsentAt} is not null then ${members.phone} end`, whatsappConsentAt: null, whatsappConsentText: null },
    )
    .where(eq(members.id, memberId));
}

export type PhoneMember = { id: string; locale: string | null; whatsappConsent: boolean; smsConsent: boolean };

/**
 * The members a message from `phone` may be from (not erased), the likeliest first: one who opted
 * in on that channel, then the most recently active. Usually one; a shared number may give more.
 */
export async function membersByPhone(db: Database, phone: string, channel: "whatsapp" | "sms"): Promise<PhoneMember[]> {
  const consent = channel === "whatsapp" ? sql`m.whatsapp_consent_at` : sql`m.sms_consent_at`;
  const { rows } = (await db.execute(sql`
    select m.id::text as id, m.locale, (m.whatsapp_consent_at is not null) as whatsapp, (m.sms_consent_at is not null) as sms
    from members m
    where m.phone = ${phone} and m.erased_at is null
    order by (${consent} is not null) desc, (select max(c.last_message_at) from conversations c where c.member_id = m.id) desc nulls last, m.created_at desc
    limit 20`)) as unknown as { rows: { id: string; locale: string | null; whatsapp: boolean; sms: boolean }[] };
  return rows.map((r) => ({ id: r.id, locale: r.locale, whatsappConsent: r.whatsapp, smsConsent: r.sms }));
}

/** STOP: no more messages on the channel to these members, at once (the number stays, so START can find them). */
export async function stopChannel(db: Database, memberIds: string[], channel: "whatsapp" | "sms"): Promise<void> {
  if (memberIds.length === 0) return;
  const change = channel === "whatsapp" ? { whatsappConsentAt: null, whatsappConsentText: null } : { smsConsentAt: null };
  await db.update(members).set(change).where(inArray(members.id, memberIds));
  // What was queued for them on that channel and not sent yet stays unsent.
  await db
    .update(notifications)
    .set({ status: "failed", lastError: "stopped by keyword" })
    .where(and(inArray(notifications.memberId, memberIds), eq(notifications.channel, channel), eq(notifications.status, "pending")));
}

/** START: messages on the channel again from now, recorded with the keyword as the text agreed to. */
export async function startChannel(db: Database, memberId: string, channel: "whatsapp" | "sms", text: string, now: Date): Promise<void> {
  const change = channel === "whatsapp" ? { whatsappConsentAt: now, whatsappConsentText: text } : { smsConsentAt: now };
  await db.update(members).set(change).where(eq(members.id, memberId));
}

export type ClaimedWhatsapp = Awaited<ReturnType<typeof claimDue>>[number] & {
  phone: string | null;
  locale: string | null;
  name: string | null;
  balance: number;
  tierId: string | null;
  /** Still opted in now (they may have sent STOP or withdrawn on Profile since it was queued). */
  allowed: boolean;
  /** A campaign's template (journeys' templates are in the program's journeys). */
  campaignTemplate: WhatsappTemplate | null;
  /** A conversation reply: its text and its conversation's WhatsApp window. */
  reply: { conversationId: string; body: string; lastShopperWhatsappAt: Date | null } | null;
};

/** Claims due WhatsApp messages (claimDue: SKIP LOCKED and a lease) with what each needs to be sent. */
export async function claimDueWhatsapp(db: Database, now: Date, limit: number, leaseMs: number): Promise<ClaimedWhatsapp[]> {
  const claimed = await claimDue(db, "whatsapp", now, limit, leaseMs);
  if (claimed.length === 0) return [];
  const ids = sql.join(claimed.map((c) => sql`${c.id}::uuid`), sql`, `);
  const { rows } = (await db.execute(sql`
    select n.id::text as id, m.phone, m.locale, m.name, m.points_balance as balance, m.tier_id,
           (m.phone is not null and m.whatsapp_consent_at is not null and m.erased_at is null) as allowed,
           (select jsonb_build_object('contentSid', k.whatsapp_content_sid, 'variables', coalesce(k.whatsapp_variables, '{}'::jsonb))
              from campaigns k where n.source = 'campaign:' || k.id::text and k.whatsapp_content_sid is not null) as campaign_template,
           cm.body as reply_body, c.id::text as conversation_id, c.last_shopper_whatsapp_at
    from notifications n join members m on m.id = n.member_id
    left join conversation_messages cm on n.kind = ${CONVERSATION_REPLY} and cm.id::text = n.params ->> 'messageId'
    left join conversations c on c.id = cm.conversation_id and c.member_id = m.id
    where n.id in (${ids})`)) as unknown as {
    rows: {
      id: string;
      phone: string | null;
      locale: string | null;
      name: string | null;
      balance: number;
      tier_id: string | null;
      allowed: boolean;
      campaign_template: unknown;
      reply_body: string | null;
      conversation_id: string | null;
      last_shopper_whatsapp_at: Date | string | null;
    }[];
  };
  const byId = new Map(rows.map((r) => [r.id, r]));
  return claimed.flatMap((c) => {
    const r = byId.get(c.id);
    if (!r) return [];
    const reply = r.reply_body !== null && r.conversation_id !== null ? { conversationId: r.conversation_id, body: r.reply_body, lastShopperWhatsappAt: r.last_shopper_whatsapp_at === null ? null : new Date(r.last_shopper_whatsapp_at) } : null;
    return [{ ...c, phone: r.phone, locale: r.locale, name: r.name, balance: Number(r.balance), tierId: r.tier_id, allowed: r.allowed, campaignTemplate: parseWhatsappTemplate(r.campaign_template), reply }];
  });
}

/** A conversation message's text, for a reply sent by text message (params.messageId), within that member's conversations. */
export async function conversationReplyText(db: Database, memberId: string, messageId: string | number | undefined): Promise<string | null> {
  if (messageId === undefined || !/^\d{1,18}$/.test(String(messageId))) return null;
  const [row] = await db
    .select({ body: conversationMessages.body })
    .from(conversationMessages)
    .innerJoin(conversations, eq(conversations.id, conversationMessages.conversationId))
    .where(and(eq(conversationMessages.id, Number(messageId)), eq(conversations.memberId, memberId), eq(conversationMessages.internal, false)));
  return row?.body ?? null;
}

/** The facts replyRoute decides by, for a conversation, apart from what is configured. */
export async function replyRouteFacts(db: Database, conversationId: string): Promise<{
  channel: ConversationChannel;
  lastShopperWhatsappAt: Date | null;
  whatsappConsent: boolean;
  smsConsent: boolean;
  hasPhone: boolean;
  canPush: boolean;
  canEmail: boolean;
} | null> {
  const { rows } = (await db.execute(sql`
    select c.channel, c.last_shopper_whatsapp_at, (m.whatsapp_consent_at is not null) as whatsapp, (m.sms_consent_at is not null) as sms, (m.phone is not null) as phone,
           exists (select 1 from push_subscriptions s where s.member_id = m.id) as push,
           (m.email_verified is not null and m.erased_at is null and not exists (select 1 from email_suppressions x where x.email = m.email)) as email
    from conversations c join members m on m.id = c.member_id
    where c.id = ${conversationId}::uuid and m.erased_at is null`)) as unknown as {
    rows: { channel: ConversationChannel; last_shopper_whatsapp_at: Date | string | null; whatsapp: boolean; sms: boolean; phone: boolean; push: boolean; email: boolean }[];
  };
  const r = rows[0];
  if (!r) return null;
  return {
    channel: r.channel,
    lastShopperWhatsappAt: r.last_shopper_whatsapp_at === null ? null : new Date(r.last_shopper_whatsapp_at),
    whatsappConsent: r.whatsapp,
    smsConsent: r.sms,
    hasPhone: r.phone,
    canPush: r.push,
    canEmail: r.email,
  };
}

/** Moves a claimed message to another channel, due now (a reply whose WhatsApp window closed before it went out). */
export async function rerouteNotification(db: Database, id: string, channel: NotificationChannel, now: Date): Promise<void> {
  await db.update(notifications).set({ channel, nextAttemptAt: now, attempts: 0, lastError: "WhatsApp window closed: sent another way" }).where(and(eq(notifications.id, id), isNull(notifications.sentAt)));
}

/** The provider's id of a reply once sent (Twilio's SID), on the conversation message. */
export async function recordReplyProviderId(db: Database, messageId: string | number | undefined, providerId: string): Promise<void> {
  if (messageId === undefined || !/^\d{1,18}$/.test(String(messageId))) return;
  await db.update(conversationMessages).set({ providerId }).where(eq(conversationMessages.id, Number(messageId)));
}
