// What a shopper's message asks: one intent, what it names (a tier, a coupon code, an order) and
// how sure the reading is. Deterministic: the cues of lib/loyalty/assistant/cues.ts are weighed,
// and a reading that is weak or close to another one is "unsure", so the assistant asks back or
// offers a person instead of answering the wrong question.
import type { Locale } from "../../i18n/config";
import { CUES, LANGUAGE_MARKERS, socialIntents, topicIntents, type SocialIntent, type TopicIntent } from "./cues";
import { extractEntities, type Entities, type Vocabulary } from "./entities";
import { skeleton, startsLike, sameWord, words, fold } from "./text";

export { topicIntents, type TopicIntent, type SocialIntent } from "./cues";
export type { Entities, Vocabulary } from "./entities";

export type Intent = TopicIntent | SocialIntent | "unknown" | "unsure";

export type Understood = {
  intent: Intent;
  /** 0–1: how clearly the message says this intent and no other. */
  confidence: number;
  entities: Entities;
  /** When unsure: the likeliest topics, best first, to ask back with. */
  candidates: TopicIntent[];
  /** The language the message seems to be written in, or null when it does not tell. */
  language: Locale | null;
};

/** Below this the assistant says it is not sure rather than answer. A tie between two strong cues lands at 0.5. */
export const UNSURE_BELOW = 0.55;
/** A tier's name in a message is as strong as "Status": "Gold?" asks about Gold. */
const TIER_NAME_WEIGHT = 1;
/** An order number leans towards missing points ("Bestellung 1042"), a coupon code towards coupons. */
const ORDER_ID_WEIGHT = 0.6;
const COUPON_CODE_WEIGHT = 1;
/** Only this much of a message is read: a long text is for a person anyway. */
const READ_AT_MOST = 1_000;

type CuePart = { text: string; stem: boolean; exact: boolean };
type Cue = { parts: CuePart[]; weight: number };

const compiled = new Map<TopicIntent | SocialIntent, Cue[]>(
  [...topicIntents, ...socialIntents].map((intent) => [
    intent,
    Object.entries(CUES[intent])
      .map(([pattern, weight]) => ({
        weight,
        // A lone "*" only says words may stand between: any gap of up to three words is allowed.
        parts: pattern
          .split(" ")
          .filter((part) => part !== "*")
          .map((part) => ({ text: skeleton(fold(part.replace(/^=/, "").replace(/\*$/, ""))), stem: part.endsWith("*"), exact: part.startsWith("=") })),
      }))
      // Strongest first: a phrase claims its words before a single word of it can count again.
      .sort((a, b) => b.weight - a.weight || b.parts.length - a.parts.length),
  ]),
);

function partMatches(token: string, part: CuePart): boolean {
  if (part.exact) return part.stem ? token.startsWith(part.text) : token === part.text;
  return part.stem ? startsLike(token, part.text) : sameWord(token, part.text);
}

/** Words that may stand between two words of a phrase ("Laufen meine Punkte ab"). */
const PHRASE_GAP = 3;

/** The token positions where the cue's parts occur in order (at most PHRASE_GAP words between), or null. */
function findCue(tokens: readonly string[], cue: Cue, taken: ReadonlySet<number>): number[] | null {
  for (let start = 0; start < tokens.length; start++) {
    if (taken.has(start) || !partMatches(tokens[start]!, cue.parts[0]!)) continue;
    const positions = [start];
    for (const part of cue.parts.slice(1)) {
      const last = positions.at(-1)!;
      let found = -1;
      for (let i = last + 1; i <= Math.min(tokens.length - 1, last + 1 + PHRASE_GAP); i++) {
        if (!taken.has(i) && partMatches(tokens[i]!, part)) {
          found = i;
          break;
        }
      }
      if (found < 0) break;
      positions.push(found);
    }
    if (positions.length === cue.parts.length) return positions;
  }
  return null;
}

/** The intent's score: each word counts for one cue at most (the strongest that uses it). */
function score(tokens: readonly string[], cues: readonly Cue[]): number {
  const taken = new Set<number>();
  let total = 0;
  for (const cue of cues) {
    const positions = findCue(tokens, cue, taken);
    if (!positions) continue;
    positions.forEach((p) => taken.add(p));
    total += cue.weight;
  }
  return total;
}

function languageOf(tokens: readonly string[]): Locale | null {
  const count = (markers: readonly string[]) => tokens.filter((t) => markers.some((m) => fold(m) === t)).length;
  const de = count(LANGUAGE_MARKERS.de);
  const en = count(LANGUAGE_MARKERS.en);
  return de === en ? null : de > en ? "de" : "en";
}

/** Reads one message against the program's vocabulary (its tier names, the member's codes and orders). */
export function understand(message: string, vocabulary: Vocabulary): Understood {
  const text = message.slice(0, READ_AT_MOST);
  const tokens = words(text).map(skeleton);
  const entities = extractEntities(text, vocabulary);

  const scores = new Map<TopicIntent | SocialIntent, number>();
  for (const [intent, cues] of compiled) scores.set(intent, score(tokens, cues));
  const add = (intent: TopicIntent, weight: number) => scores.set(intent, scores.get(intent)! + weight);
  if (entities.tierId !== null) add("tier", TIER_NAME_WEIGHT);
  if (entities.orderId) add("missingPoints", ORDER_ID_WEIGHT);
  if (entities.couponCode) add("coupon", COUPON_CODE_WEIGHT);
  // Expiry asks about points: beside a coupon or a status, and without the word "points", it asks
  // how long that coupon or status lasts ("Wann läuft mein Gutschein ab?", "Verfällt mein Status?").
  const namesPoints = tokens.some((t) => startsLike(t, "punkt") || startsLike(t, "point"));
  if ((scores.get("coupon")! >= 1 || scores.get("tier")! >= 0.8) && !namesPoints) scores.set("expiry", scores.get("expiry")! / 2);
  // "Was fehlt mir bis Gold?" asks about the tier, not about an order's points, unless an order is named.
  if (entities.tierId !== null && entities.orderId === null) scores.set("missingPoints", scores.get("missingPoints")! / 2);

  // A greeting or a thank-you beside a question is politeness: the question is what to answer.
  const asksSomething = topicIntents.some((intent) => scores.get(intent)! >= 0.5);
  const ranked = [...scores]
    .filter(([intent, value]) => value > 0 && !(asksSomething && (socialIntents as readonly string[]).includes(intent)))
    .sort((a, b) => b[1] - a[1]);
  const language = languageOf(words(text));
  const [top, second] = ranked;
  if (!top) return { intent: "unknown", confidence: 0, entities, candidates: [], language };

  // How strong the best reading is (one weak cue is not enough), times how clearly it beats the
  // runner-up (a tie halves it).
  const strength = Math.min(1, top[1]);
  const margin = (top[1] - (second?.[1] ?? 0)) / top[1];
  const confidence = Math.round(strength * (0.5 + 0.5 * margin) * 100) / 100;
  // A person is offered on every answer anyway: the topics to ask back with are the others.
  const candidates = ranked
    .map(([intent]) => intent)
    .filter((intent): intent is TopicIntent => intent !== "human" && (topicIntents as readonly string[]).includes(intent))
    .slice(0, 2);
  if (confidence < UNSURE_BELOW) return { intent: "unsure", confidence, entities, candidates, language };
  return { intent: top[0], confidence, entities, candidates: [], language };
}
