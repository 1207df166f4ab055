import "server-only";
// The functions a language model behind the assistant may call, and nothing else: each reads the
// one shopper the conversation belongs to (bound here, on the server; no function takes a member id
// or an e-mail address) and answers with what the rules' own answer would say (lib/loyalty/assistant,
// rendered in the shopper's language), so the model and the rules never disagree. None writes.
// A call that names a function not listed, carries arguments its schema does not allow, or names
// someone else is refused: the model reads why, staff read it in the log, nothing is done.
import { z } from "zod";
import type { Database } from "../../db/connect";
import { orderFact } from "../../db/queries/assistant";
import type { Locale } from "../../i18n/config";
import { balanceReply, earnReply, expiryReply, referralReply } from "../../loyalty/assistant/answer-points";
import { missingPointsReply } from "../../loyalty/assistant/answer-orders";
import { tierReply } from "../../loyalty/assistant/answer-tier";
import { couponReply } from "../../loyalty/assistant/answer-wallet";
import { findTier } from "../../loyalty/assistant/entities";
import type { ShopperFacts } from "../../loyalty/assistant/facts";
import { formatterFor, type Formatter } from "../../loyalty/assistant/format";
import type { Reply } from "../../loyalty/assistant/reply";
import { skeleton, words } from "../../loyalty/assistant/text";
import { renderLines } from "./render";

/** Everything a function may read: this shopper, their facts, their language. */
export type ToolContext = { db: Database; memberId: string; facts: ShopperFacts; locale: Locale };

type Tool<A extends z.ZodType> = {
  description: string;
  args: A;
  run: (ctx: ToolContext, f: Formatter, args: z.infer<A>) => Promise<ToolAnswer> | ToolAnswer;
};

/** A function's answer: the rules' reply (its sentences become the result), or "not found" with why. */
type ToolAnswer = { reply: Reply; handOver?: boolean } | { notFound: string };

// Strict objects: an argument not listed (member_id, email, …) makes the call invalid. Models
// often send null for an optional argument, so null counts as left out.
const none = z.strictObject({});
const text = (max: number) => z.string().trim().min(1).max(max);

const tool = <A extends z.ZodType>(t: Tool<A>) => t;

const TOOLS = {
  get_balance: tool({
    description: "The shopper's points balance now, which rewards it already buys and the next reward to save for.",
    args: none,
    run: ({ facts }, f) => ({ reply: balanceReply(facts, f) }),
  }),
  get_tier_progress: tool({
    description:
      "The shopper's status tier: the one held, how much more spend reaches the next tier (or the tier named), what counts and what that spend earns. Tiers are reached by spend, not by points.",
    args: z.strictObject({ tier_name: text(60).nullish().describe("A tier of the program by its name, e.g. Gold; leave out for the next tier.") }),
    run: ({ facts }, f, { tier_name }) => {
      if (!tier_name) return { reply: tierReply(facts, f, null) };
      const tierId = findTier(words(tier_name).map(skeleton), facts.rules.tiers);
      if (tierId === null) return { notFound: `The program has no tier called "${tier_name}". Its tiers: ${facts.rules.tiers.map((t) => f.name(t.name)).join(", ") || "none"}.` };
      return { reply: tierReply(facts, f, tierId) };
    },
  }),
  get_expiring_points: tool({
    description: "When the shopper's points expire, and how many.",
    args: none,
    run: ({ facts }, f) => ({ reply: expiryReply(facts, f) }),
  }),
  get_coupons: tool({
    description: "The shopper's coupons in their wallet: which can be used, until when, which were used or expired. With a code: that one coupon.",
    args: z.strictObject({ code: text(64).nullish().describe("A coupon code the shopper named; leave out for all their coupons.") }),
    run: ({ facts }, f, { code }) => ({ reply: couponReply(facts, f, code ?? null) }),
  }),
  get_open_tasks: tool({
    description: "How the shopper earns more points: the points per purchase, their tier's multiplier, the tasks open to them and the referral bonus.",
    args: none,
    run: ({ facts }, f) => ({ reply: earnReply(facts, f) }),
  }),
  get_referral_status: tool({
    description: "The shopper's invitations: how many friends were invited, joined and bought, the points earned and still pending.",
    args: none,
    run: ({ facts }) => ({ reply: referralReply(facts) }),
  }),
  get_order: tool({
    description: "One of the shopper's own orders by the order number the shop gave it: when it was paid, its amount, the points it earned and whether points are missing.",
    args: z.strictObject({ order_number: text(64).describe("The shop's order number, e.g. 10423 or #10423.") }),
    run: async ({ db, memberId, facts }, f, { order_number }) => {
      const number = order_number.replace(/^#\s*/, "");
      // Only among this shopper's orders (orderFact reads by member): another's is "not found".
      const order = facts.recentOrders.find((o) => o.orderId.toUpperCase() === number.toUpperCase()) ?? (await orderFact(db, memberId, number));
      if (!order) return { notFound: `No order ${number} was found among this shopper's orders.` };
      return { reply: missingPointsReply({ ...facts, recentOrders: [order] }, f, order.orderId) };
    },
  }),
  hand_over_to_person: tool({
    description: "Hands the conversation over to a person from the shop's team. Call it when the shopper asks for a person, or when you cannot answer from the functions' results and the shopper wants help.",
    args: z.strictObject({ reason: text(300).nullish().describe("In a few words, what the shopper needs (for the team).") }),
    run: () => ({ reply: { lines: [], actions: [] }, handOver: true }),
  }),
} satisfies Record<string, Tool<z.ZodType>>;

export type ToolName = keyof typeof TOOLS;
export const TOOL_NAMES = Object.keys(TOOLS) as ToolName[];

/** The `tools` of a chat-completions request: each function with its arguments' JSON schema. */
export const TOOL_DEFINITIONS = TOOL_NAMES.map((name) => {
  const { $schema: _, ...parameters } = z.toJSONSchema(TOOLS[name].args, { io: "input" }) as Record<string, unknown>;
  return { type: "function" as const, function: { name, description: TOOLS[name].description, parameters } };
});

/** Why a call was not carried out (in the staff log and, worded, in the model's next request). */
export type Refusal = "unknown-function" | "writes" | "invalid-arguments" | "other-member" | "not-found" | "too-many-calls";

/** A function call as the staff log keeps it. */
export type LoggedCall = { name: string; arguments: unknown; refused: Refusal | null };

export type ToolOutcome = {
  /** The tool message's content for the model: {"result": …} or {"error": …}. */
  content: string;
  logged: LoggedCall;
  /** The rules' reply behind an answered call: its buttons go under the model's answer. */
  reply: Reply | null;
  handOver: boolean;
};

// Names of functions that would change something: refused as writes, so the log says so plainly.
const WRITES = /^(add|adjust|apply|award|book|cancel|change|create|credit|debit|delete|give|grant|insert|issue|merge|modify|pay|post|put|redeem|refund|remove|reset|send|set|transfer|update|upsert|write)(_|$)/i;
// An argument that names a person or an account: the functions know only this shopper.
const PERSON_KEYS = /(member|customer|user|account|shopper|person|e_?mail|phone|uuid)|^id$/i;
const EMAIL = /[^\s@]+@[^\s@]+\.[^\s@]+/;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

const MESSAGES: Record<Refusal, string> = {
  "unknown-function": "There is no such function. Only the listed read-only functions exist.",
  writes: "Refused: this assistant cannot change anything (no points, coupons or orders). Offer to hand over to a person.",
  "invalid-arguments": "Refused: the arguments do not match the function's parameters.",
  "other-member": "Refused: the functions only read the shopper in this conversation; they take no member, customer, e-mail or id.",
  "not-found": "Not found.",
  "too-many-calls": "Refused: too many function calls at once.",
};

/** Arguments as the log keeps them: as sent, or cut to a short text when they are long. */
const LOGGED_ARGUMENTS_AT_MOST = 1_000;
function forLog(args: unknown): unknown {
  const text = typeof args === "string" ? args : JSON.stringify(args);
  return text.length > LOGGED_ARGUMENTS_AT_MOST ? `${text.slice(0, LOGGED_ARGUMENTS_AT_MOST)}…` : args;
}

function refused(name: string, args: unknown, reason: Refusal, detail?: string): ToolOutcome {
  return { content: JSON.stringify({ error: detail ?? MESSAGES[reason] }), logged: { name, arguments: forLog(args), refused: reason }, reply: null, handOver: false };
}

/**
 * Whether any key or text in the arguments names a person, an account or an id: an e-mail address
 * anywhere, a UUID (how members are keyed) anywhere but in an order number, which a shop may
 * give as a UUID and which get_order looks up among this shopper's orders only.
 */
function namesSomeone(value: unknown, key = "", depth = 0): boolean {
  if (depth > 4) return true;
  if (typeof value === "string") return EMAIL.test(value) || (key !== "order_number" && UUID.test(value));
  if (Array.isArray(value)) return value.some((v) => namesSomeone(v, key, depth + 1));
  if (value && typeof value === "object") return Object.entries(value).some(([k, v]) => PERSON_KEYS.test(k) || namesSomeone(v, k, depth + 1));
  return false;
}

function parseArguments(raw: string | null | undefined): { ok: true; value: unknown } | { ok: false } {
  if (raw === null || raw === undefined || raw.trim() === "") return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(raw) as unknown };
  } catch {
    return { ok: false };
  }
}

/** Carries out one call the model asked for, for this shopper only; refuses anything else. */
export async function runTool(ctx: ToolContext, call: { name: string; arguments?: string | null }): Promise<ToolOutcome> {
  const name = call.name.slice(0, 100);
  const parsed = parseArguments(call.arguments);
  const args = parsed.ok ? parsed.value : String(call.arguments);
  if (!Object.hasOwn(TOOLS, name)) return refused(name, args, WRITES.test(name) ? "writes" : "unknown-function");
  if (!parsed.ok) return refused(name, args, "invalid-arguments", "Refused: the arguments are not valid JSON.");
  if (namesSomeone(parsed.value)) return refused(name, args, "other-member");
  const t = TOOLS[name as ToolName] as Tool<z.ZodType>;
  const valid = t.args.safeParse(parsed.value);
  if (!valid.success) return refused(name, args, "invalid-arguments", `${MESSAGES["invalid-arguments"]} ${z.prettifyError(valid.error).slice(0, 500)}`);
  const f = formatterFor(ctx.locale, ctx.facts.currency, ctx.facts.timeZone);
  const answer = await t.run(ctx, f, valid.data);
  if ("notFound" in answer) return refused(name, args, "not-found", answer.notFound);
  const handOver = answer.handOver === true;
  const result = handOver ? "The conversation is handed over: a person from the shop's team will answer here." : renderLines(answer.reply.lines, ctx.locale);
  return { content: JSON.stringify({ result }), logged: { name, arguments: forLog(args), refused: null }, reply: answer.reply, handOver };
}

/** A call beyond what one round may carry out. */
export function tooManyCalls(call: { name: string; arguments?: string | null }): ToolOutcome {
  return refused(call.name.slice(0, 100), call.arguments ?? null, "too-many-calls");
}
