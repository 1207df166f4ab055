import "server-only";
// A member's e-mail choices: categories switched off, and marketing consent by double opt-in
// (asked for → confirmed by the link in the confirmation mail). Consent is kept with its times,
// which is the proof German law asks a shop to keep.
import { and, eq, sql } from "drizzle-orm";
import { MARKETING_CATEGORIES } from "../../loyalty/messaging";
import type { NotificationCategory } from "../../loyalty/notification-categories";
import type { Database, Tx } from "../connect";
import { members } from "../schema";

export type MarketingConsent = { state: "none" } | { state: "pending"; requestedAt: Date } | { state: "confirmed"; confirmedAt: Date };
/** `sms`: the number texts go to instead of e-mail, only while its consent stands. */
export type MailPreferences = { muted: NotificationCategory[]; marketing: MarketingConsent; suppressed: boolean; sms: { phone: string | null; since: Date | null } };

/** A confirmation link older than this asks for a new one. */
export const CONSENT_LINK_DAYS = 7;

export async function getMailPreferences(db: Database, memberId: string): Promise<MailPreferences | null> {
  const [row] = await db
    .select({
      muted: members.emailMuted,
      requestedAt: members.marketingMailRequestedAt,
      confirmedAt: members.marketingMailConfirmedAt,
      phone: members.phone,
      smsSince: members.smsConsentAt,
      // Spelled out: drizzle writes a lone column reference in a select list without its table.
      suppressed: sql<boolean>`exists (select 1 from email_suppressions x where x.email = "members"."email")`,
    })
    .from(members)
    .where(eq(members.id, memberId));
  if (!row) return null;
  const marketing: MarketingConsent = row.confirmedAt
    ? { state: "confirmed", confirmedAt: row.confirmedAt }
    : row.requestedAt
      ? { state: "pending", requestedAt: row.requestedAt }
      : { state: "none" };
  const sms = { phone: row.smsSince ? row.phone : null, since: row.smsSince };
  return { muted: row.muted as NotificationCategory[], marketing, suppressed: row.suppressed, sms };
}

export async function setEmailMuted(db: Database, memberId: string, muted: NotificationCategory[]): Promise<void> {
  await db.update(members).set({ emailMuted: [...new Set(muted)] }).where(eq(members.id, memberId));
}

/** Switches one category off by e-mail; true when it was on. */
export async function addEmailMuted(tx: Tx, memberId: string, category: NotificationCategory): Promise<boolean> {
  const rows = await tx
    .update(members)
    .set({ emailMuted: sql`array_append(${members.emailMuted}, ${category})` })
    .where(and(eq(members.id, memberId), sql`not (${category} = any(${members.emailMuted}))`))
    .returning({ id: members.id });
  return rows.length > 0;
}

/** Marks the latest mail of the category the member got as the one they unsubscribed from (for Insights). */
export async function markLatestMailUnsubscribed(tx: Tx, memberId: string, category: NotificationCategory, now: Date): Promise<void> {
  await tx.execute(sql`
    update notifications set unsubscribed_at = ${now}
    where id = (select id from notifications where member_id = ${memberId} and category = ${category} and channel = 'email' and status = 'sent'
                order by sent_at desc nulls last limit 1)`);
}

/** Records the member's request for marketing mail; false when they confirmed already. */
export async function markMarketingRequested(tx: Tx, memberId: string, now: Date): Promise<boolean> {
  const rows = await tx
    .update(members)
    .set({ marketingMailRequestedAt: now })
    .where(and(eq(members.id, memberId), sql`${members.marketingMailConfirmedAt} is null`))
    .returning({ id: members.id });
  return rows.length > 0;
}

/**
 * The link in the confirmation mail was followed: consent from now, if it answers the member's
 * latest request and is fresh. Marketing categories muted earlier come back on.
 */
export async function confirmMarketingConsent(db: Database, memberId: string, requestedAt: Date, now: Date): Promise<"confirmed" | "already-confirmed" | "expired" | "unknown"> {
  const [member] = await db.select({ requestedAt: members.marketingMailRequestedAt, confirmedAt: members.marketingMailConfirmedAt }).from(members).where(eq(members.id, memberId));
  if (!member) return "unknown";
  if (member.confirmedAt) return "already-confirmed";
  if (member.requestedAt?.getTime() !== requestedAt.getTime() || now.getTime() - requestedAt.getTime() > CONSENT_LINK_DAYS * 86_400_000) return "expired";
  const marketing = sql.join(MARKETING_CATEGORIES.map((c) => sql`${c}`), sql`, `);
  const rows = await db
    .update(members)
    .set({ marketingMailConfirmedAt: now, emailMuted: sql`array(select c from unnest(${members.emailMuted}) c where c not in (${marketing}))` })
    .where(and(eq(members.id, memberId), sql`${members.marketingMailConfirmedAt} is null`, eq(members.marketingMailRequestedAt, requestedAt)))
    .returning({ id: members.id });
  return rows.length > 0 ? "confirmed" : "already-confirmed";
}

/** No more marketing by e-mail (Profile); asking again needs a new confirmation. */
export async function withdrawMarketingConsent(db: Database, memberId: string): Promise<void> {
  await db.update(members).set({ marketingMailRequestedAt: null, marketingMailConfirmedAt: null }).where(eq(members.id, memberId));
}

/**
 * Texts instead of e-mail to `phone` (E.164) from now, or none (null): the number goes with the
 * consent, unless WhatsApp still uses it; a different number ends the WhatsApp consent given for the old one.
 */
export async function setSmsChoice(db: Database, memberId: string, phone: string | null, now: Date): Promise<void> {
  const samePhone = sql`${members.phone} = ${phone}`;
  await db
    .update(members)
    .set(
      phone
        ? {
            phone,
            smsConsentAt: sql`coalesce(case when ${samePhone} then ${members.smsConsentAt} end, ${now})`,
            whatsappConsentAt: sql`case when ${samePhone} then ${members.whatsappConsentAt} end`,
            whatsappConsentText: sql`case when ${samePhone} then ${members.whatsappConsentText} end`,
          }
        : { phone: sql`case when ${members.whatsappConsentAt} is not null then ${members.phone} end`, smsConsentAt: null },
    )
    .where(eq(members.id, memberId));
}
