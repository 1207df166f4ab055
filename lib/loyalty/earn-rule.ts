// How an order turns into points. Pure: the program's rule and the facts in, a number out.
import { z } from "zod";

export const earnRuleSchema = z.object({
  /** Points per full unit of currency (1 = one point per full euro). */
  pointsPerUnit: z.number().int().min(0).max(1000).default(1),
  /** Months without earning or redeeming after which the balance expires. */
  pointsValidMonths: z.number().int().min(1).max(120).default(12),
});

export type EarnRule = z.infer<typeof earnRuleSchema>;

export function parseEarnRule(raw: unknown): EarnRule {
  return earnRuleSchema.parse(raw ?? {});
}

/**
 * Points for a paid order: full currency units of the subtotal (after discounts) times the
 * rule's rate, then the tier multiplier (in hundredths). Rounds down at each step so a
 * shopper is never promised a point that a refund could not take back exactly.
 */
export function pointsForOrder(rule: EarnRule, subtotalCents: number, multiplierPercent = 100): number {
  if (!Number.isSafeInteger(subtotalCents) || subtotalCents < 0) {
    throw new RangeError("subtotalCents must be a non-negative integer");
  }
  if (!Number.isSafeInteger(multiplierPercent) || multiplierPercent <= 0) {
    throw new RangeError("multiplierPercent must be a positive integer");
  }
  const base = Math.floor(subtotalCents / 100) * rule.pointsPerUnit;
  return Math.floor((base * multiplierPercent) / 100);
}
