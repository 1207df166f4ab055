// Which way a staff reply (or any message in a conversation) reaches the shopper, when they are
// not looking at the conversation in the app: one rule for the console's reply, the WhatsApp
// worker and the tests. Pure.
import type { ConversationChannel } from "./conversations";

/** WhatsApp allows free text only within 24 hours of the shopper's last message there (Meta's customer service window). */
export const WHATSAPP_WINDOW_MS = 24 * 60 * 60 * 1000;

export type ReplyRoute = "whatsapp" | "sms" | "push" | "email";

export type ReplyRouteInput = {
  /** Where the shopper last wrote. */
  channel: ConversationChannel;
  lastShopperWhatsappAt: Date | null;
  whatsappConsent: boolean;
  smsConsent: boolean;
  hasPhone: boolean;
  whatsappConfigured: boolean;
  smsConfigured: boolean;
  /** A push subscription that takes the "support" messages (not muted). */
  canPush: boolean;
  /** A usable e-mail address (not erased, not suppressed, not muted for support). */
  canEmail: boolean;
};

/**
 * A conversation the shopper started on WhatsApp is answered there while the 24-hour window is
 * open (free text needs it) and they still consent; one started by text message, by SMS while they
 * consent; otherwise push, then e-mail; null: no way to tell them (they read it in the app).
 */
export function replyRoute(input: ReplyRouteInput, now: Date): ReplyRoute | null {
  const windowOpen = input.lastShopperWhatsappAt !== null && now.getTime() - input.lastShopperWhatsappAt.getTime() < WHATSAPP_WINDOW_MS;
  if (input.channel === "whatsapp" && windowOpen && input.whatsappConsent && input.hasPhone && input.whatsappConfigured) return "whatsapp";
  if (input.channel === "sms" && input.smsConsent && input.hasPhone && input.smsConfigured) return "sms";
  if (input.canPush) return "push";
  if (input.canEmail) return "email";
  return null;
}
