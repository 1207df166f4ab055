// How an order turns into points. Pure: the program's rule and the facts in, a number out.
import { z } from "zod";

const category = z.string().trim().min(1).max(128);

export const earnRuleSchema = z.object({
  /** Points per full unit of currency (1 = one point per full euro). */
  pointsPerUnit: z.number().int().min(0).max(1000).default(1),
  /** "down" never promises a point a refund could not take back exactly; "nearest" is friendlier. */
  rounding: z.enum(["down", "nearest"]).default("down"),
  /** Categories that earn nothing (gift cards, deposits, …). */
  excludedCategories: z.array(category).max(100).default([]),
  /** Extra points per category in percent: { "zelte": 100 } doubles what tents earn. */
  categoryBonusPercent: z.record(category, z.number().int().min(0).max(1000)).default({}),
  /** Months without earning or redeeming after which the balance expires. */
  pointsValidMonths: z.number().int().min(1).max(120).default(12),
});

export type EarnRule = z.infer<typeof earnRuleSchema>;

export type OrderLine = { quantity: number; unit_price_cents: number; category?: string | undefined };

export function parseEarnRule(raw: unknown): EarnRule {
  return earnRuleSchema.parse(raw ?? {});
}

/**
 * Points for a paid order. The subtotal (after discounts) is what earns; the order lines only
 * say how it splits across categories, so it is shared out pro rata by line value. Excluded
 * categories earn nothing, bonus categories earn extra, then the rate per full currency unit
 * and the tier multiplier (hundredths) apply. Exact integer arithmetic throughout.
 */
export function pointsForOrder(rule: EarnRule, subtotalCents: number, lines: readonly OrderLine[] = [], multiplierPercent = 100): number {
  if (!Number.isSafeInteger(subtotalCents) || subtotalCents < 0) {
    throw new RangeError("subtotalCents must be a non-negative integer");
  }
  if (!Number.isSafeInteger(multiplierPercent) || multiplierPercent <= 0) {
    throw new RangeError("multiplierPercent must be a positive integer");
  }
  const { numerator, denominator } = earningShare(rule, lines);
  // Earning cents = subtotal × share; full units of it, then rate and multiplier.
  const earningCents = BigInt(subtotalCents) * numerator;
  const units = roundDiv(earningCents, denominator * 100n, rule.rounding);
  const points = roundDiv(units * BigInt(rule.pointsPerUnit) * BigInt(multiplierPercent), 100n, rule.rounding);
  return Number(points);
}

/**
 * The part of the subtotal that earns, as a fraction weighted by category bonus (may exceed 1).
 * Without priced lines the whole subtotal earns at the plain rate.
 */
function earningShare(rule: EarnRule, lines: readonly OrderLine[]): { numerator: bigint; denominator: bigint } {
  const excluded = new Set(rule.excludedCategories.map(normalise));
  let total = 0n;
  let weighted = 0n;
  for (const line of lines) {
    const value = BigInt(line.quantity) * BigInt(line.unit_price_cents);
    total += value;
    const key = line.category === undefined ? undefined : normalise(line.category);
    if (key !== undefined && excluded.has(key)) continue;
    const bonus = key === undefined ? 0 : (bonusFor(rule, key) ?? 0);
    weighted += value * BigInt(100 + bonus);
  }
  if (total === 0n) return { numerator: 1n, denominator: 1n };
  return { numerator: weighted, denominator: total * 100n };
}

function bonusFor(rule: EarnRule, key: string): number | undefined {
  for (const [name, percent] of Object.entries(rule.categoryBonusPercent)) if (normalise(name) === key) return percent;
  return undefined;
}

function normalise(name: string) {
  return name.trim().toLowerCase();
}

function roundDiv(numerator: bigint, denominator: bigint, rounding: EarnRule["rounding"]): bigint {
  return rounding === "down" ? numerator / denominator : (2n * numerator + denominator) / (2n * denominator);
}
