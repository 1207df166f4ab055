// Sends the WhatsApp messages the outbox holds through the loop the text channels share
// (lib/sms/outbox-loop.ts: claimed once across instances, the push retry policy for passing
// failures). Two kinds of message, two rules:
// - what the business starts (journeys, campaigns) goes only as the approved template set for it,
//   its numbered variables filled for the member (never free text);
// - a staff reply in a conversation goes as free text, and only while the 24-hour window since the
//   shopper's last WhatsApp message is open; once it has closed, the reply goes the way replyRoute
//   names (text message, push, e-mail) instead, never as free text on WhatsApp.
import type { Database } from "../db/connect";
import { CONVERSATION_REPLY, markNotificationFailed } from "../db/queries/notifications";
import { getProgramConfig, getProgramFace } from "../db/queries/program";
import { claimDueWhatsapp, replyRouteFacts, rerouteNotification, type ClaimedWhatsapp } from "../db/queries/whatsapp";
import { env } from "../env";
import { defaultLocale, isLocale } from "../i18n/config";
import { messageValues } from "../i18n/message-values";
import { replyRoute } from "../loyalty/conversation-channel";
import { journeyFromSource } from "../loyalty/journeys";
import { templateVariables, type WhatsappTemplate } from "../loyalty/whatsapp";
import { deliverDueOutbox, type OutboxReport } from "../sms/outbox-loop";
import type { WhatsappContent, WhatsappSender } from "./twilio";

export type WhatsappReport = OutboxReport & { rerouted: number };

type Options = { now?: Date; limit?: number; random?: () => number; smsConfigured?: boolean };

export async function deliverDueWhatsapp(db: Database, send: WhatsappSender, { now = new Date(), limit = 50, random = Math.random, smsConfigured = Boolean(env().sms) }: Options = {}): Promise<WhatsappReport> {
  const report: WhatsappReport = { sent: 0, retrying: 0, failed: 0, skipped: 0, rerouted: 0 };

  /** Which way a reply goes now (replyRoute); `windowClosed`: WhatsApp itself said the window had closed. */
  const routeOf = async (n: ClaimedWhatsapp, windowClosed = false) => {
    const facts = n.reply ? await replyRouteFacts(db, n.reply.conversationId) : null;
    return facts && replyRoute({ ...facts, lastShopperWhatsappAt: windowClosed ? null : facts.lastShopperWhatsappAt, whatsappConfigured: true, smsConfigured }, now);
  };
  /** A reply that may not (or no longer) go by WhatsApp: to the channel replyRoute names, or nowhere (they read it in the app). */
  const reroute = async (n: ClaimedWhatsapp, route: Awaited<ReturnType<typeof routeOf>>) => {
    if (route && route !== "whatsapp") {
      await rerouteNotification(db, n.id, route, now);
      report.rerouted++;
    } else {
      await markNotificationFailed(db, n.id, "reply cannot reach the shopper outside the app");
      report.skipped++;
    }
  };

  return deliverDueOutbox<ClaimedWhatsapp, WhatsappContent, WhatsappReport>(
    db,
    {
      claim: claimDueWhatsapp,
      prepare: async () => {
        const [config, face] = await Promise.all([getProgramConfig(db), getProgramFace(db)]);
        const shop = face?.branding.shopName ?? face?.name ?? "";
        return async (n) => {
          if (n.kind === CONVERSATION_REPLY) {
            const route = await routeOf(n);
            if (!n.reply || !n.phone || route !== "whatsapp") {
              await reroute(n, route);
              return null;
            }
            return { to: n.phone, content: { body: n.reply.body } };
          }
          const template = n.campaignTemplate ?? journeyTemplate(config.journeys, n.source);
          // Stopped, withdrawn or the template removed since it was queued: business messages never go as free text.
          if (!n.allowed || !n.phone || !template) return { skip: !template ? "no WhatsApp template" : "no longer wanted by WhatsApp" };
          const locale = isLocale(n.locale) ? n.locale : defaultLocale;
          const tier = config.tiers.find((t) => t.id === n.tierId)?.name[locale];
          const values = { name: n.name ?? "", points: n.balance, balance: n.balance, tier, shop, ...messageValues(n.params, locale, config.timeZone) };
          return { to: n.phone, content: { contentSid: template.contentSid, variables: templateVariables(template.variables, values) } };
        };
      },
      send: async (n, to, content) => {
        const result = await send(to, content);
        if (result.outcome !== "window") return result;
        // WhatsApp saw the window closed (its clock decides): the reply goes another way.
        if (n.kind === CONVERSATION_REPLY) await reroute(n, await routeOf(n, true));
        else {
          await markNotificationFailed(db, n.id, result.error);
          report.failed++;
        }
        return null;
      },
    },
    report,
    { now, limit, random },
  );
}

function journeyTemplate(journeys: Awaited<ReturnType<typeof getProgramConfig>>["journeys"], source: string | null): WhatsappTemplate | null {
  const key = journeyFromSource(source);
  return key ? (journeys[key].whatsapp ?? null) : null;
}
