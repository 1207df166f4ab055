// "Punkte fehlen?": the assistant checks the order against what the program's rule pays for it
// and offers the claim when it earned nothing or too little, or when it is not in the account.
import { pointsForOrder } from "../earn-rule";
import type { OrderFact, ShopperFacts } from "./facts";
import type { Formatter } from "./format";
import { link, say, type AssistantLine, type Reply } from "./reply";

const RECENT_AT_MOST = 3;

/**
 * The least the order should have earned: its subtotal and items under the earn rule in force when
 * it was paid, at the plain tier rate (every tier multiplies by 100 % or more, so a member's tier
 * can only add to it), as lib/loyalty/order-credit.ts prices it.
 */
export function leastPointsFor(facts: ShopperFacts, order: OrderFact): number {
  return pointsForOrder(facts.rules.ruleAt(order.paidAt).rule, order.subtotalCents, order.items, 100, order.paidAt);
}

const sameOrder = (a: string, b: string) => a.replace(/^#/, "").toUpperCase() === b.replace(/^#/, "").toUpperCase();

/** What one known order earned, and whether a claim is worth opening. */
function orderReply(facts: ShopperFacts, f: Formatter, order: OrderFact): Reply {
  const values = { order: order.orderId, date: f.date(order.paidAt), amount: f.money(order.subtotalCents) };
  const least = leastPointsFor(facts, order);
  const claim = { kind: "openClaim", orderId: order.orderId } as const;
  if (order.refundedCents >= order.subtotalCents && order.subtotalCents > 0) return { lines: [say("orders.refunded", values)], actions: [link("/history")] };
  if (order.pointsEarned < least) {
    return { lines: [say("orders.tooLittle", { ...values, count: order.pointsEarned, expected: least }), say("orders.offerClaim")], actions: [claim] };
  }
  const lines: AssistantLine[] = [];
  if (order.pointsEarned > 0) lines.push(say("orders.credited", { ...values, count: order.pointsEarned }));
  else {
    const minimum = facts.rules.ruleAt(order.paidAt).rule.minOrderCents;
    lines.push(order.subtotalCents < minimum ? say("orders.belowMinimum", { ...values, minimum: f.money(minimum) }) : say("orders.nothingEarns", values));
  }
  if (order.pointsClawedBack > 0) lines.push(say("orders.clawedBack", { count: order.pointsClawedBack }));
  return { lines, actions: [link("/history")] };
}

export function missingPointsReply(facts: ShopperFacts, f: Formatter, orderId: string | null): Reply {
  if (orderId !== null) {
    const order = facts.recentOrders.find((o) => sameOrder(o.orderId, orderId));
    if (order) return orderReply(facts, f, order);
    return { lines: [say("orders.unknown", { order: orderId }), say("orders.offerClaim")], actions: [{ kind: "openClaim", orderId }] };
  }
  // No number named: an order that earned less than its rule pays is the likely one.
  const short = facts.recentOrders.find((o) => o.pointsEarned < leastPointsFor(facts, o) && o.refundedCents < o.subtotalCents);
  if (short) return orderReply(facts, f, short);
  if (facts.recentOrders.length === 0) return { lines: [say("orders.noneYet"), say("orders.offerClaim")], actions: [{ kind: "openClaim", orderId: null }] };
  return {
    lines: [
      say("orders.recent"),
      ...facts.recentOrders.slice(0, RECENT_AT_MOST).map((o) => say("orders.recentOrder", { order: o.orderId, date: f.date(o.paidAt), count: o.pointsEarned - o.pointsClawedBack })),
      say("orders.nameIt"),
    ],
    actions: [{ kind: "openClaim", orderId: null }, link("/history")],
  };
}
