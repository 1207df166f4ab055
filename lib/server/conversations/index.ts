// Support conversations: the shopper's side (app, WhatsApp/SMS inbound), staff's side (Console →
// Gespräche), canned answers. The SQL is lib/db/queries/conversations.ts (and conversations-inbox.ts for the console's reads).
export { handOverToPerson, openClaimInConversation, receiveShopperMessage, sendShopperMessage, submitClaim, type SentMessage } from "./shopper";
export { addInternalNote, assignConversation, CONVERSATION_CATEGORY, CONVERSATION_REPLY_KIND, notifyShopper, replyToConversation, resolveWithPoints, setConversationClosed } from "./staff";
export { deleteCannedAnswer, saveCannedAnswer } from "./canned";
