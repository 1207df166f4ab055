// What a paid order credits: the points under the earn-rule version in force when it was paid, at
// the tier the customer held before it, the standing it reaches, and when its points expire. Pure,
// and the one rule for every path that credits orders: the shop API and the platforms' webhooks
// (lib/server/orders/order-paid.ts), the history import (lib/loyalty/order-import.ts) and the demo.
import { pointsForOrder, type EarnRule, type OrderLine } from "./earn-rule";
import { expiresAt } from "./expiry";
import { tierStanding, type QualifyingOrder, type TierFloor, type TierRule, type TierStanding } from "./tier-standing";
import type { TierDefinition } from "./tiers";

export type CreditTier = TierDefinition & { multiplierPercent: number };

export type CreditRules<T extends CreditTier> = {
  /** The earn rule in force at a moment, and its version (null before versions were kept). */
  ruleAt: (at: Date) => { rule: EarnRule; version: number | null };
  tierRule: TierRule;
  tiers: readonly T[];
};

export type OrderCredit<T extends CreditTier> = {
  points: number;
  ruleVersion: number | null;
  /** When these points lapse (counted from the payment, in the program's time zone); null when none are earned. */
  expiresAt: Date | null;
  /** The standing before the order (the tier it earns at) and with it. */
  before: TierStanding<T>;
  after: TierStanding<T>;
};

/**
 * Credits `order` for a customer whose earlier orders are `history`, the standing taken at `at`
 * (now for a live order, the payment for an imported one). The order earns at the tier held
 * before it; the status it reaches applies from the next one.
 */
export function creditOrder<T extends CreditTier>(
  rules: CreditRules<T>,
  history: readonly QualifyingOrder[],
  order: { subtotalCents: number; items: readonly OrderLine[]; paidAt: Date },
  at: Date,
  floor: TierFloor | null = null,
): OrderCredit<T> {
  const { rule, version } = rules.ruleAt(order.paidAt);
  const before = tierStanding(rules.tierRule, rules.tiers, history, at, floor);
  const points = pointsForOrder(rule, order.subtotalCents, order.items, before.tier?.multiplierPercent ?? 100, order.paidAt);
  const after = tierStanding(rules.tierRule, rules.tiers, [...history, { paidAt: order.paidAt, netCents: order.subtotalCents }], at, floor);
  return { points, ruleVersion: version, expiresAt: points > 0 ? expiresAt(order.paidAt, rule.pointsValidMonths, rules.tierRule.timeZone) : null, before, after };
}
