// Where an inbound WhatsApp or text message that is not a keyword goes: the shopper's support
// conversation (lib/server/conversations), idempotent on Twilio's MessageSid. The one place this
// feature touches the conversations service, so its contract is visible here.
import type { Database } from "../db/connect";
import { receiveShopperMessage } from "../server/conversations";

export type InboundMessage = { memberId: string; body: string; channel: "whatsapp" | "sms"; requestId: string; now: Date };
export type InboundResult = { conversationId: string; messageId: number | string; duplicate: boolean };

export function deliverToConversation(db: Database, message: InboundMessage): Promise<InboundResult> {
  return receiveShopperMessage(db, message);
}
