// The assistant's answer to one understood message, from the shopper's own facts: sentences as
// catalog messages and the actions to tap. A person is one tap away on every answer; when the
// assistant is not sure what was meant it says so and offers the person first.
import type { Locale } from "../../i18n/config";
import { balanceReply, earnReply, expiryReply, referralReply } from "./answer-points";
import { missingPointsReply } from "./answer-orders";
import { tierReply } from "./answer-tier";
import { couponReply } from "./answer-wallet";
import type { ShopperFacts } from "./facts";
import { formatterFor } from "./format";
import { understand, type Intent, type Understood, type Vocabulary } from "./intent";
import { say, type AssistantAction, type AssistantLine, type Reply } from "./reply";

export type AssistantAnswer = {
  intent: Intent;
  /** False when the assistant could not tell what was asked: it said so and offers a person. */
  sure: boolean;
  /** The shopper asked for a person: hand the conversation over without waiting for a tap. */
  handOverNow: boolean;
  lines: AssistantLine[];
  /** What to tap next; the hand-over is always there, first when the assistant is not sure. */
  actions: AssistantAction[];
};

const HANDOVER: AssistantAction = { kind: "handover" };

function notSure(understood: Understood): Reply {
  if (understood.candidates.length === 0) return { lines: [say("unsure.unknown"), say("unsure.canHelpWith"), say("unsure.offerPerson")], actions: [] };
  return { lines: [say("unsure.which")], actions: understood.candidates.map((intent) => ({ kind: "ask", intent }) as const) };
}

function replyFor(understood: Understood, facts: ShopperFacts, locale: Locale): Reply {
  const f = formatterFor(locale, facts.currency, facts.timeZone);
  const { entities } = understood;
  switch (understood.intent) {
    case "balance":
      return balanceReply(facts, f);
    case "tier":
      return tierReply(facts, f, entities.tierId);
    case "expiry":
      return expiryReply(facts, f);
    case "coupon":
      return couponReply(facts, f, entities.couponCode);
    case "earn":
      return earnReply(facts, f);
    case "referral":
      return referralReply(facts);
    case "missingPoints":
      return missingPointsReply(facts, f, entities.orderId);
    case "human":
      return { lines: [say("human.handingOver")], actions: [] };
    case "greeting":
      return { lines: [facts.memberName ? say("social.greetingNamed", { name: facts.memberName }) : say("social.greeting")], actions: [] };
    case "thanks":
      return { lines: [say("social.thanks")], actions: [] };
    case "unknown":
    case "unsure":
      return notSure(understood);
  }
}

/** Answers in `locale` (the shopper's language): amounts in the program's currency, dates in its time zone. */
export function answer(understood: Understood, facts: ShopperFacts, locale: Locale): AssistantAnswer {
  const reply = replyFor(understood, facts, locale);
  const sure = understood.intent !== "unknown" && understood.intent !== "unsure";
  return {
    intent: understood.intent,
    sure,
    handOverNow: understood.intent === "human",
    lines: reply.lines,
    actions: sure ? [...reply.actions, HANDOVER] : [HANDOVER, ...reply.actions],
  };
}

/** What a message is read against for this shopper: the program's tiers, their coupon codes and order numbers. */
export function vocabularyOf(facts: ShopperFacts): Vocabulary {
  return { tiers: facts.rules.tiers, couponCodes: facts.coupons.map((c) => c.code), orderIds: facts.recentOrders.map((o) => o.orderId) };
}

/**
 * Reads a message and answers it from facts that are complete for it. A service that reads the
 * facts first may call understand() alone, to add the order the message names when it is older.
 */
export function respond(message: string, facts: ShopperFacts, locale: Locale): { understood: Understood; answer: AssistantAnswer } {
  const understood = understand(message, vocabularyOf(facts));
  return { understood, answer: answer(understood, facts, locale) };
}
