// Sends the text messages the outbox holds, as the mail worker does mail: claims with SKIP LOCKED
// and a lease (each text once across instances), the push retry policy for passing failures. A
// text is the push's title and body in the member's language and a tracked link to the screen; a
// staff reply in a conversation the shopper started by text (kind conversation_reply) is the reply's own words.
import type { Database } from "../db/connect";
import { claimDueTexts, CONVERSATION_REPLY, markNotificationFailed, markNotificationSent, rescheduleNotification } from "../db/queries/notifications";
import { getProgramConfig } from "../db/queries/program";
import { conversationReplyText, recordReplyProviderId } from "../db/queries/whatsapp";
import { mailSigningKey } from "../mail/link-signing";
import { clickToken, mailLinks } from "../mail/links";
import { renderPush } from "../push/render";
import { retryDelayMs, shouldGiveUp } from "../push/retry-policy";
import type { SmsSender } from "./provider";

const LEASE_MS = 5 * 60 * 1000;

export type TextReport = { sent: number; retrying: number; failed: number; skipped: number };

export async function deliverDueTexts(
  db: Database,
  send: SmsSender,
  { now = new Date(), limit = 50, random = Math.random }: { now?: Date; limit?: number; random?: () => number } = {},
): Promise<TextReport> {
  const report: TextReport = { sent: 0, retrying: 0, failed: 0, skipped: 0 };
  const batch = await claimDueTexts(db, now, limit, LEASE_MS);
  if (batch.length === 0) return report;
  const [config, key] = await Promise.all([getProgramConfig(db), mailSigningKey(db)]);
  for (const n of batch) {
    if (!n.allowed || !n.phone) {
      // Opted out of texts, or the number was removed, since it was queued.
      await markNotificationFailed(db, n.id, "no longer wanted by text");
      report.skipped++;
      continue;
    }
    let text: string;
    if (n.kind === CONVERSATION_REPLY) {
      const reply = await conversationReplyText(db, n.memberId, n.params.messageId);
      if (reply === null) {
        await markNotificationFailed(db, n.id, "reply no longer exists");
        report.skipped++;
        continue;
      }
      text = reply;
    } else {
      const { title, body } = renderPush(n, n.locale, config.timeZone);
      text = `${title} – ${body} ${mailLinks.click(clickToken(key, n.id, n.url))}`;
    }
    const result = await send(n.phone, text);
    if (result.outcome === "sent") {
      await markNotificationSent(db, n.id, now);
      if (n.kind === CONVERSATION_REPLY) await recordReplyProviderId(db, n.params.messageId, result.providerId);
      report.sent++;
    } else if (result.outcome === "rejected" || shouldGiveUp(n.attempts)) {
      await markNotificationFailed(db, n.id, result.error);
      report.failed++;
    } else {
      await rescheduleNotification(db, n.id, new Date(now.getTime() + retryDelayMs(n.attempts, random())), result.error);
      report.retrying++;
    }
  }
  return report;
}
