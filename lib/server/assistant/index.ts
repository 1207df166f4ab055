import "server-only";
// The assistant's answer to one shopper message: their facts read (lib/server/assistant/facts.ts),
// the message understood and answered by the pure rules (lib/loyalty/assistant), the lines rendered
// in the language the shopper wrote in (else their own). Deterministic: the same message and data
// give the same answer. It reads this one shopper's data and writes nothing.
import { createTranslator } from "next-intl";
import type { Database } from "../../db/connect";
import { orderFact } from "../../db/queries/assistant";
import de from "../../i18n/messages/de.json";
import en from "../../i18n/messages/en.json";
import type { Locale } from "../../i18n/config";
import { answer, vocabularyOf, type AssistantAnswer } from "../../loyalty/assistant/answer";
import { understand, type Understood } from "../../loyalty/assistant/intent";
import type { AssistantLine } from "../../loyalty/assistant/reply";
import { shopperFacts } from "./facts";
import type { AssistantInput, AssistantReply } from "./types";

export type { AssistantInput, AssistantReply } from "./types";

const catalogs = { de, en } as const;

/** The answer's sentences in `locale`, one per line. */
export function renderLines(lines: readonly AssistantLine[], locale: Locale): string {
  const t = createTranslator({ locale, messages: catalogs[locale], namespace: "assistant" });
  return lines.map((line) => t(line.key as never, line.values as never)).join("\n");
}

/** What staff read under an assistant answer: what it understood and from which of the shopper's data. */
function logOf(understood: Understood, reply: AssistantAnswer): string {
  return JSON.stringify({ source: "rules", intent: understood.intent, confidence: Math.round(understood.confidence * 100) / 100, entities: understood.entities, language: understood.language, sure: reply.sure, lines: reply.lines.map((l) => l.key) });
}

export async function answerShopper(db: Database, input: AssistantInput, now = new Date()): Promise<AssistantReply> {
  const facts = await shopperFacts(db, input.memberId, now);
  if (!facts) {
    const lines = [{ key: "unsure.unknown", values: {} }, { key: "unsure.offerPerson", values: {} }];
    return { text: renderLines(lines, input.locale), locale: input.locale, actions: [{ kind: "handover" }], handOver: false, unsure: true, log: JSON.stringify({ source: "rules", intent: "unknown", reason: "no member" }) };
  }
  const understood = understand(input.text, vocabularyOf(facts));
  // An order the shopper names that is older than the recent ones is read on its own (theirs only).
  const named = understood.entities.orderId;
  if (named && !facts.recentOrders.some((o) => o.orderId === named)) {
    const older = await orderFact(db, input.memberId, named);
    if (older) facts.recentOrders = [...facts.recentOrders, older];
  }
  const locale: Locale = understood.language ?? input.locale;
  const reply = answer(understood, facts, locale);
  return { text: renderLines(reply.lines, locale), locale, actions: reply.actions, handOver: reply.handOverNow, unsure: !reply.sure, log: logOf(understood, reply) };
}
