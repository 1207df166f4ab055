// What the signed links in a mail do, for the routes that receive them (no sign-in needed).
import "server-only";
import type { Database } from "../db/connect";
import { CONSENT_LINK_DAYS, confirmMarketingConsent, getMailPreferences } from "../db/queries/mail-preferences";
import { muteEmailCategory } from "../server/mail-preferences";
import { recordNotificationClick, recordNotificationOpen } from "../db/queries/notifications";
import type { NotificationCategory } from "../loyalty/notification-categories";
import { mailSigningKey } from "./link-signing";
import { readClickToken, readConsentToken, readOpenToken, readUnsubscribeToken } from "./links";

/** Stops the category's mails to the member the token names; null for a token that is not ours. */
export async function unsubscribeWithToken(db: Database, token: string): Promise<{ category: NotificationCategory; changed: boolean } | null> {
  const target = readUnsubscribeToken(await mailSigningKey(db), token);
  if (!target) return null;
  return { category: target.category, changed: await muteEmailCategory(db, target.memberId, target.category) };
}

/** What an unsubscribe token would stop, and whether it already is (the page asks first). */
export async function readUnsubscribeLink(db: Database, token: string): Promise<{ category: NotificationCategory; done: boolean } | null> {
  const target = readUnsubscribeToken(await mailSigningKey(db), token);
  if (!target) return null;
  const preferences = await getMailPreferences(db, target.memberId);
  return preferences && { category: target.category, done: preferences.muted.includes(target.category) };
}

/** Where a confirmation link stands: still to confirm, confirmed, or not (any more) valid. */
export async function readConsentLink(db: Database, token: string, now: Date): Promise<"open" | "confirmed" | "expired" | "unknown"> {
  const target = readConsentToken(await mailSigningKey(db), token);
  if (!target) return "unknown";
  const preferences = await getMailPreferences(db, target.memberId);
  if (!preferences) return "unknown";
  if (preferences.marketing.state === "confirmed") return "confirmed";
  const current = preferences.marketing.state === "pending" && preferences.marketing.requestedAt.getTime() === target.requestedAt.getTime();
  return current && now.getTime() - target.requestedAt.getTime() <= CONSENT_LINK_DAYS * 86_400_000 ? "open" : "expired";
}

export async function confirmConsentWithToken(db: Database, token: string, now: Date): Promise<Awaited<ReturnType<typeof confirmMarketingConsent>>> {
  const target = readConsentToken(await mailSigningKey(db), token);
  if (!target) return "unknown";
  return confirmMarketingConsent(db, target.memberId, target.requestedAt, now);
}

/** Records a mail's open (its tracking image was loaded); a token that is not ours records nothing. */
export async function recordMailOpen(db: Database, token: string, now: Date): Promise<void> {
  const id = readOpenToken(await mailSigningKey(db), token);
  if (id) await recordNotificationOpen(db, id, now);
}

/** Counts the click (the first one) and says where it leads; null for a token that is not ours. */
export async function followMailLink(db: Database, token: string, now: Date): Promise<string | null> {
  const target = readClickToken(await mailSigningKey(db), token);
  if (!target) return null;
  await recordNotificationClick(db, target.notificationId, now);
  return target.path;
}
