import "server-only";
// The assistant's answer to one shopper message: their facts read (lib/server/assistant/facts.ts),
// the message understood and answered by the pure rules (lib/loyalty/assistant), the lines rendered
// in the language the shopper wrote in (else their own). Deterministic: the same message and data
// give the same answer. It reads this one shopper's data and writes nothing.
// With a language model configured (TREUE_ASSISTANT_*, model.ts) the model is asked first, with
// functions bound to this shopper; when it fails, is late or answers nothing, the rules answer.
import type { Database } from "../../db/connect";
import { orderFact } from "../../db/queries/assistant";
import { getProgramFace } from "../../db/queries/program";
import { env } from "../../env";
import type { Locale } from "../../i18n/config";
import { answer, vocabularyOf, type AssistantAnswer } from "../../loyalty/assistant/answer";
import type { ShopperFacts } from "../../loyalty/assistant/facts";
import { understand, type Understood } from "../../loyalty/assistant/intent";
import { log as appLog, errorField } from "../../log";
import { shopperFacts } from "./facts";
import { answerByModel, type AssistantModelConfig, type ModelOptions } from "./model";
import { renderLines } from "./render";
import type { AssistantInput, AssistantReply } from "./types";

export type { AssistantInput, AssistantReply } from "./types";

export { renderLines } from "./render";

/** The model to ask first: the configured one unless given (null: none, the rules alone). */
export type AnswerOptions = { model?: AssistantModelConfig | null } & ModelOptions;

/** What staff read under an assistant answer: what it understood and from which of the shopper's data. */
function logOf(understood: Understood, reply: AssistantAnswer): string {
  return JSON.stringify({ source: "rules", intent: understood.intent, confidence: Math.round(understood.confidence * 100) / 100, entities: understood.entities, language: understood.language, sure: reply.sure, lines: reply.lines.map((l) => l.key) });
}

export async function answerShopper(db: Database, input: AssistantInput, now = new Date(), options: AnswerOptions = {}): Promise<AssistantReply> {
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
  let modelFailure: { model: string; failure: string; calls: unknown[] } | undefined;
  const model = options.model === undefined ? env().assistantModel : options.model;
  if (model) {
    const outcome = await askModel(db, input, facts, locale, model, options);
    if (outcome.ok) return outcome.reply;
    modelFailure = { model: model.model, failure: outcome.failure, calls: outcome.calls };
  }
  const reply = answer(understood, facts, locale);
  const rulesLog = logOf(understood, reply);
  // Staff see that the model was asked and why its answer was not used.
  const logText = modelFailure ? JSON.stringify({ ...(JSON.parse(rulesLog) as object), modelFailure }) : rulesLog;
  return { text: renderLines(reply.lines, locale), locale, actions: reply.actions, handOver: reply.handOverNow, unsure: !reply.sure, log: logText };
}

/** The model's answer, or why there is none (an error of our own included: the rules still answer). */
async function askModel(db: Database, input: AssistantInput, facts: ShopperFacts, locale: Locale, model: AssistantModelConfig, options: ModelOptions) {
  try {
    const face = await getProgramFace(db);
    const shopName = face?.branding.shopName || face?.name || "Treue";
    return await answerByModel({ db, memberId: input.memberId, facts, locale, message: input.text, shopName }, model, options);
  } catch (error) {
    appLog.error({ err: errorField(error), conversationId: input.conversationId }, "assistant model path failed");
    return { ok: false as const, failure: "internal error", calls: [] };
  }
}
