// Sends the text messages the outbox holds, as the mail worker does mail, through the loop the
// text channels share (outbox-loop.ts: claimed once across instances, the push retry policy for
// passing failures). A text is the push's title and body in the member's language and a tracked
// link to the screen; a staff reply in a conversation the shopper started by text (kind
// conversation_reply) is the reply's own words.
import type { Database } from "../db/connect";
import { claimDueTexts, CONVERSATION_REPLY, type ClaimedText } from "../db/queries/notifications";
import { getProgramConfig } from "../db/queries/program";
import { conversationReplyText } from "../db/queries/whatsapp";
import { mailSigningKey } from "../mail/link-signing";
import { clickToken, mailLinks } from "../mail/links";
import { renderPush } from "../push/render";
import { deliverDueOutbox, type OutboxReport } from "./outbox-loop";
import type { SmsSender } from "./provider";

export type TextReport = OutboxReport;

export async function deliverDueTexts(
  db: Database,
  send: SmsSender,
  { now = new Date(), limit = 50, random = Math.random }: { now?: Date; limit?: number; random?: () => number } = {},
): Promise<TextReport> {
  const report: TextReport = { sent: 0, retrying: 0, failed: 0, skipped: 0 };
  return deliverDueOutbox<ClaimedText, string, TextReport>(
    db,
    {
      claim: claimDueTexts,
      prepare: async () => {
        const [config, key] = await Promise.all([getProgramConfig(db), mailSigningKey(db)]);
        return async (n) => {
          // Opted out of texts, or the number was removed, since it was queued.
          if (!n.allowed || !n.phone) return { skip: "no longer wanted by text" };
          if (n.kind === CONVERSATION_REPLY) {
            const reply = await conversationReplyText(db, n.memberId, n.params.messageId);
            return reply === null ? { skip: "reply no longer exists" } : { to: n.phone, content: reply };
          }
          const { title, body } = renderPush(n, n.locale, config.timeZone);
          return { to: n.phone, content: `${title} – ${body} ${mailLinks.click(clickToken(key, n.id, n.url))}` };
        };
      },
      send: (_n, to, text) => send(to, text),
    },
    report,
    { now, limit, random },
  );
}
