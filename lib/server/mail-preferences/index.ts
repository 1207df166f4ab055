// A member's e-mail choices where one change is two writes: an unsubscribe link (the category
// off and the mail it came from marked) and asking for marketing mail (the request and its
// confirmation mail). The SQL is lib/db/queries/mail-preferences.ts.
import "server-only";
import type { Database } from "../../db/connect";
import { addEmailMuted, markLatestMailUnsubscribed, markMarketingRequested } from "../../db/queries/mail-preferences";
import { enqueueNotification } from "../../db/queries/notifications";
import type { NotificationCategory } from "../../loyalty/notification-categories";

/**
 * One category off by e-mail (an unsubscribe link): true when it was on. Insights count it
 * against the latest mail of that category the member got (the one whose link they followed).
 */
export async function muteEmailCategory(db: Database, memberId: string, category: NotificationCategory, now = new Date()): Promise<boolean> {
  return db.transaction(async (tx) => {
    if (!(await addEmailMuted(tx, memberId, category))) return false;
    await markLatestMailUnsubscribed(tx, memberId, category, now);
    return true;
  });
}

/**
 * The member asks for marketing mail: records the request and queues the confirmation mail
 * (nothing changes for a member who already confirmed). Asking again sends a fresh link.
 */
export async function requestMarketingConsent(db: Database, memberId: string, now: Date): Promise<"requested" | "already-confirmed"> {
  return db.transaction(async (tx) => {
    if (!(await markMarketingRequested(tx, memberId, now))) return "already-confirmed" as const;
    await enqueueNotification(tx, {
      memberId,
      category: "offers",
      kind: "consent_confirm",
      params: { requestedAt: now.getTime() },
      url: "/profile",
      dedupeKey: `consent:${now.getTime()}`,
      at: now,
      channels: "email-always",
    });
    return "requested" as const;
  });
}
