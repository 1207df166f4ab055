// How an order turns into points. Pure: the program's rule and the facts in, a number out.
import { z } from "zod";
import { msg } from "../validations/issue-message";
import { CAMPAIGN_BONUS_PERCENT, EXPIRY_WARNING_DAYS, POINTS_PER_UNIT, POINTS_VALID_MONTHS } from "../validations/limits";

const category = z.string().trim().min(1).max(128);
const localized = z.object({ de: z.string().trim().min(1).max(80), en: z.string().trim().min(1).max(80) });

/** A time-boxed bonus: "double points this weekend", on everything or on some categories. */
export const bonusCampaignSchema = z
  .object({
    id: z.string().trim().regex(/^[a-z0-9-]{1,40}$/, msg("validation.slug")),
    name: localized,
    from: z.iso.datetime({ offset: true }),
    until: z.iso.datetime({ offset: true }),
    /** Extra points in percent of the plain rate: 100 doubles. */
    bonusPercent: z.number().min(CAMPAIGN_BONUS_PERCENT.min).max(CAMPAIGN_BONUS_PERCENT.max).int(),
    /** Empty: every category. */
    categories: z.array(category).max(50).default([]),
  })
  .refine((c) => Date.parse(c.until) > Date.parse(c.from), { message: msg("validation.endAfterStart"), path: ["until"] });
export type BonusCampaign = z.infer<typeof bonusCampaignSchema>;

export const earnRuleSchema = z.object({
  /** Points per full unit of currency (1 = one point per full euro). */
  pointsPerUnit: z.number().min(POINTS_PER_UNIT.min).max(POINTS_PER_UNIT.max).int().default(1),
  /** "down" never promises a point a refund could not take back exactly; "nearest" is friendlier. */
  rounding: z.enum(["down", "nearest"]).default("down"),
  /** Categories that earn nothing (gift cards, deposits, …). */
  excludedCategories: z.array(category).max(100).default([]),
  /** Extra points per category in percent: { "zelte": 100 } doubles what tents earn. */
  categoryBonusPercent: z.record(category, z.number().min(0).max(1000).int()).default({}),
  /** inactivity: the whole balance expires `pointsValidMonths` after the last earning or redemption;
   *  per-earning: each earning expires `pointsValidMonths` after it was earned, the oldest spent first. */
  expiryMode: z.enum(["inactivity", "per-earning"]).default("inactivity"),
  pointsValidMonths: z.number().min(POINTS_VALID_MONTHS.min).max(POINTS_VALID_MONTHS.max).int().default(12),
  /** Days before an expiry that the shopper is warned. */
  expiryWarningDays: z.number().min(EXPIRY_WARNING_DAYS.min).max(EXPIRY_WARNING_DAYS.max).int().default(14),
  /** Orders below this subtotal earn nothing. */
  minOrderCents: z.number().min(0).max(10_000_000).int().default(0),
  /** Products (by SKU) that earn nothing, whatever their category. */
  excludedSkus: z.array(z.string().trim().min(1).max(128)).max(500).default([]),
  campaigns: z.array(bonusCampaignSchema).max(50).default([]),
});

export type EarnRule = z.infer<typeof earnRuleSchema>;

export type OrderLine = { quantity: number; unit_price_cents: number; category?: string | undefined; sku?: string | undefined };

export function parseEarnRule(raw: unknown): EarnRule {
  return earnRuleSchema.parse(raw ?? {});
}

/**
 * Points for a paid order. The subtotal (after discounts) is what earns; the order lines only
 * say how it splits across categories, so it is shared out pro rata by line value. Excluded
 * categories earn nothing, bonus categories earn extra, then the rate per full currency unit
 * and the tier multiplier (hundredths) apply. Exact integer arithmetic throughout.
 */
export function pointsForOrder(
  rule: EarnRule,
  subtotalCents: number,
  lines: readonly OrderLine[] = [],
  multiplierPercent = 100,
  paidAt?: Date,
): number {
  if (!Number.isSafeInteger(subtotalCents) || subtotalCents < 0) {
    throw new RangeError("subtotalCents must be a non-negative integer");
  }
  if (!Number.isSafeInteger(multiplierPercent) || multiplierPercent <= 0) {
    throw new RangeError("multiplierPercent must be a positive integer");
  }
  if (subtotalCents < rule.minOrderCents) return 0;
  const { numerator, denominator } = earningShare(rule, lines, paidAt ? campaignsAt(rule, paidAt) : []);
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
function earningShare(rule: EarnRule, lines: readonly OrderLine[], campaigns: readonly BonusCampaign[]): { numerator: bigint; denominator: bigint } {
  const { excluded, excludedSkus, bonuses } = lookups(rule);
  const storewide = campaigns.filter((c) => c.categories.length === 0).reduce((sum, c) => sum + c.bonusPercent, 0);
  let total = 0n;
  let weighted = 0n;
  for (const line of lines) {
    const value = BigInt(line.quantity) * BigInt(line.unit_price_cents);
    total += value;
    const key = line.category === undefined ? undefined : normalise(line.category);
    if (key !== undefined && excluded.has(key)) continue;
    if (line.sku !== undefined && excludedSkus.has(normalise(line.sku))) continue;
    const bonus = key === undefined ? 0 : (bonuses.get(key) ?? 0);
    const campaignBonus = key === undefined ? 0 : campaigns.filter((c) => c.categories.some((name) => normalise(name) === key)).reduce((sum, c) => sum + c.bonusPercent, 0);
    weighted += value * BigInt(100 + bonus + campaignBonus + storewide);
  }
  if (total === 0n) return { numerator: BigInt(100 + storewide), denominator: 100n };
  return { numerator: weighted, denominator: total * 100n };
}

/** The bonus campaigns running at `at` (from inclusive, until exclusive). */
export function campaignsAt(rule: EarnRule, at: Date): BonusCampaign[] {
  const t = at.getTime();
  return rule.campaigns.filter((c) => Date.parse(c.from) <= t && t < Date.parse(c.until));
}

export type EarnRuleVersion = { version: number; rule: EarnRule; effectiveFrom: Date };

/**
 * The version in force at `at`: the latest one that took effect by then. An order older than every
 * version earns under the first one (it was the rule the program started with).
 */
export function ruleVersionAt<V extends { effectiveFrom: Date }>(versions: readonly V[], at: Date): V | undefined {
  let found: V | undefined;
  for (const v of versions) {
    if (v.effectiveFrom.getTime() <= at.getTime() && (!found || v.effectiveFrom.getTime() >= found.effectiveFrom.getTime())) found = v;
  }
  if (found) return found;
  return [...versions].sort((a, b) => a.effectiveFrom.getTime() - b.effectiveFrom.getTime())[0];
}

type Lookups = { excluded: Set<string>; excludedSkus: Set<string>; bonuses: Map<string, number> };
// A rule is read once and priced many times (an import prices a million orders): its lookups are built once per rule object.
const lookupsByRule = new WeakMap<EarnRule, Lookups>();

function lookups(rule: EarnRule): Lookups {
  let found = lookupsByRule.get(rule);
  if (!found) {
    const bonuses = new Map<string, number>();
    // The first spelling of a category wins, as before when the entries were searched in order.
    for (const [name, percent] of Object.entries(rule.categoryBonusPercent)) if (!bonuses.has(normalise(name))) bonuses.set(normalise(name), percent);
    found = { excluded: new Set(rule.excludedCategories.map(normalise)), excludedSkus: new Set(rule.excludedSkus.map(normalise)), bonuses };
    lookupsByRule.set(rule, found);
  }
  return found;
}

function normalise(name: string) {
  return name.trim().toLowerCase();
}

function roundDiv(numerator: bigint, denominator: bigint, rounding: EarnRule["rounding"]): bigint {
  return rounding === "down" ? numerator / denominator : (2n * numerator + denominator) / (2n * denominator);
}
