// What the assistant service (lib/server/assistant) gives the conversation service for one
// shopper message. The conversation stores it as an "assistant" message: `text` rendered in the
// reply's language, `actions` as buttons under it, `log` for staff (what it understood, from
// which data; for a language model also every function it called).
import type { AssistantAction } from "../../loyalty/assistant/reply";
import type { Locale } from "../../i18n/config";

export type AssistantInput = { memberId: string; conversationId: string; text: string; locale: Locale };

export type AssistantReply = {
  /** The answer in `locale` (plain text, paragraphs separated by blank lines). */
  text: string;
  locale: Locale;
  actions: AssistantAction[];
  /** The shopper asked for a person: the conversation goes to staff at once. */
  handOver: boolean;
  /** Not sure what was meant: the answer says so and offers a person first. */
  unsure: boolean;
  log: string;
};
