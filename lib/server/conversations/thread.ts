// A thread as the shopper's screen receives it: no internal notes, no assistant log, system lines
// as codes (the screen words them), photos by their address.
import type { ThreadMessage } from "../../db/queries/conversations";
import type { AssistantAction } from "../../loyalty/assistant/reply";
import { parseAssistantRecord, parseSystemLine, type SystemLine } from "../../loyalty/conversation-lines";
import type { ConversationAuthor } from "../../loyalty/conversations";

export type ShopperMessage = {
  id: number;
  author: ConversationAuthor;
  /** Staff's name as they gave it (first word only: the shopper needs to know who, not the full name). */
  name: string | null;
  body: string;
  photoUrl: string | null;
  at: string;
  actions: AssistantAction[];
  system: SystemLine | null;
};

export function shopperThread(messages: ThreadMessage[]): ShopperMessage[] {
  return messages
    .filter((m) => !m.internal)
    .map((m) => ({
      id: m.id,
      author: m.author,
      name: m.author === "staff" && m.authorName ? (m.authorName.split(/\s+/)[0] ?? null) : null,
      body: m.author === "system" ? "" : m.body,
      photoUrl: m.photoKey ? `/api/photos/${m.photoKey}` : null,
      at: m.createdAt.toISOString(),
      actions: m.author === "assistant" ? parseAssistantRecord(m.assistantLog).actions : [],
      system: m.author === "system" ? parseSystemLine(m.body) : null,
    }));
}
