// Which tier a member holds, until when, and what it takes to climb or keep it. Pure: the
// program's tier rule, its tiers and the member's orders (net of refunds) in, a standing out.
// Computed from the order history every time, so recalculating is idempotent by construction
// and a refund takes back exactly the status its order bought.
import { z } from "zod";
import { TIER_GRACE_DAYS } from "../validations/limits";
import { tierForSpend, type TierDefinition } from "./tiers";
import { yearEndIn, yearMonthIn, yearStartIn } from "./calendar";

const DAY_MS = 86_400_000;
export const ROLLING_WINDOW_DAYS = 365;

export const tierRuleSchema = z.object({
  /** rolling: the last 365 days; calendar: the current calendar year (the program's time zone); lifetime: all orders. */
  window: z.enum(["rolling", "calendar", "lifetime"]).default("rolling"),
  /** Rolling windows: days a status is kept after the spend fell below it. */
  graceDays: z.number().min(TIER_GRACE_DAYS.min).max(TIER_GRACE_DAYS.max).int().default(30),
});
/** The rule as the program applies it: the saved settings and the program's time zone (calendar windows). */
export type TierRuleSettings = z.infer<typeof tierRuleSchema>;
export type TierRule = TierRuleSettings & { timeZone: string };

export function parseTierRule(raw: unknown, timeZone: string): TierRule {
  return { ...tierRuleSchema.parse(raw ?? {}), timeZone };
}

/** An order as far as tiers care: when it was paid and what is left of it after refunds. */
export type QualifyingOrder = { paidAt: Date; netCents: number };

export type TierStanding<T extends TierDefinition> = {
  /** The status held now, grace included. */
  tier: T | null;
  /** Until when the held status is guaranteed without further orders; null: indefinitely. */
  keptUntil: Date | null;
  /** Qualifying spend in the current window. */
  spendCents: number;
  /** The next tier above the held one, and the spend still missing to reach it. */
  next: T | null;
  toNextCents: number | null;
  /** When the status is only held by grace: the spend that keeps it past keptUntil. */
  toKeepCents: number | null;
};

/** How far along the way from the held tier to the next the spend is, 0–100 (100 at the top tier). */
export function tierProgressPercent(standing: Pick<TierStanding<TierDefinition>, "tier" | "next" | "spendCents">): number {
  const { tier, next, spendCents } = standing;
  if (!next) return 100;
  const from = tier?.thresholdCents ?? 0;
  return Math.max(0, Math.min(100, Math.round(((spendCents - from) / (next.thresholdCents - from)) * 100)));
}

/** The earliest order date that can still matter for the standing at `now`. */
export function relevantSince(rule: TierRule, now: Date): Date {
  if (rule.window === "lifetime") return new Date(0);
  if (rule.window === "calendar") return yearStartIn(now, rule.timeZone, 1);
  return new Date(now.getTime() - (ROLLING_WINDOW_DAYS + rule.graceDays) * DAY_MS);
}

/**
 * A status guaranteed until a date whatever the orders say: when the shop changes its tiers,
 * members who would drop keep what they held for the grace period (see tierFloorsAfterChange).
 */
export type TierFloor = { tierId: string; until: Date };

export function tierStanding<T extends TierDefinition>(rule: TierRule, tiers: readonly T[], orders: readonly QualifyingOrder[], now: Date, floor: TierFloor | null = null): TierStanding<T> {
  const sorted = [...tiers].sort((a, b) => a.thresholdCents - b.thresholdCents);
  const earned =
    rule.window === "rolling" ? rollingHeld(rule, sorted, orders, now) : rule.window === "calendar" ? calendarHeld(sorted, orders, now, rule.timeZone) : lifetimeHeld(sorted, orders);
  const floorTier = floor && floor.until > now ? sorted.find((t) => t.id === floor.tierId) : undefined;
  const held = floorTier && floorTier.thresholdCents > (earned.tier?.thresholdCents ?? -1) ? { ...earned, tier: floorTier, keptUntil: floor!.until } : earned;
  const next = held.tier ? (sorted.find((t) => t.thresholdCents > held.tier!.thresholdCents) ?? null) : (sorted[0] ?? null);
  const keptByGrace = held.tier !== null && held.tier.thresholdCents > held.spendCents;
  return {
    ...held,
    next,
    toNextCents: next ? Math.max(0, next.thresholdCents - held.spendCents) : null,
    toKeepCents: keptByGrace ? held.tier!.thresholdCents - held.spendCents : null,
  };
}

type Held<T> = { tier: T | null; keptUntil: Date | null; spendCents: number };

function rollingHeld<T extends TierDefinition>(rule: TierRule, tiers: readonly T[], orders: readonly QualifyingOrder[], now: Date): Held<T> {
  const windowMs = ROLLING_WINDOW_DAYS * DAY_MS;
  const graceMs = rule.graceDays * DAY_MS;
  const nowMs = now.getTime();
  // Orders after `now` do not exist yet.
  const paid = orders.filter((o) => o.paidAt.getTime() <= nowMs).map((o) => ({ at: o.paidAt.getTime(), cents: o.netCents }));
  const spendAt = (s: number) => {
    let sum = 0;
    for (const o of paid) if (o.at <= s && o.at >= s - windowMs) sum += o.cents;
    return sum;
  };
  const from = nowMs - graceMs;
  // Spend only steps up at a payment and down just after a payment leaves the window, so these
  // instants are the only ones where a maximum or a last moment above a threshold can lie. The
  // spend at each is summed once for all tiers (every returning customer's order asks this).
  const instants = [from, nowMs, ...paid.flatMap((o) => [o.at, o.at + windowMs])].filter((s) => s >= from).map((at) => ({ at, spend: spendAt(at) }));
  const spendCents = spendAt(nowMs);

  let tier: T | null = null;
  let lastAbove = 0;
  for (const candidate of tiers) {
    if (candidate.thresholdCents === 0) {
      tier = candidate;
      lastAbove = Infinity;
      continue;
    }
    const above = instants.filter((s) => s.spend >= candidate.thresholdCents).map((s) => s.at);
    if (above.some((s) => s <= nowMs)) {
      tier = candidate;
      lastAbove = Math.max(...above);
    }
  }
  return { tier, keptUntil: tier === null || lastAbove === Infinity ? null : new Date(lastAbove + graceMs), spendCents };
}

function calendarHeld<T extends TierDefinition>(tiers: readonly T[], orders: readonly QualifyingOrder[], now: Date, timeZone: string): Held<T> {
  const { year } = yearMonthIn(now, timeZone);
  const spendIn = (y: number) => orders.reduce((sum, o) => (yearMonthIn(o.paidAt, timeZone).year === y && o.paidAt <= now ? sum + o.netCents : sum), 0);
  const spendCents = spendIn(year);
  const thisYear = tierForSpend(tiers, spendCents).tier;
  const lastYear = tierForSpend(tiers, spendIn(year - 1)).tier;
  // A status reached in a year is kept until the end of the following one.
  const fromLastYear = lastYear !== null && (thisYear === null || lastYear.thresholdCents > thisYear.thresholdCents);
  const tier = fromLastYear ? lastYear : thisYear;
  if (tier === null || tier.thresholdCents === 0) return { tier, keptUntil: null, spendCents };
  return { tier, keptUntil: yearEndIn(now, timeZone, fromLastYear ? 0 : 1), spendCents };
}

function lifetimeHeld<T extends TierDefinition>(tiers: readonly T[], orders: readonly QualifyingOrder[]): Held<T> {
  const spendCents = orders.reduce((sum, o) => sum + o.netCents, 0);
  return { tier: tierForSpend(tiers, spendCents).tier, keptUntil: null, spendCents };
}

/** Which way a status moved between two standings (for celebrations and notifications). */
export function tierChange(tiers: readonly TierDefinition[], before: string | null, after: string | null): "up" | "down" | null {
  if (before === after) return null;
  const rank = (id: string | null) => (id === null ? -1 : [...tiers].sort((a, b) => a.thresholdCents - b.thresholdCents).findIndex((t) => t.id === id));
  return rank(after) > rank(before) ? "up" : "down";
}

/**
 * After a change of the tier ladder or rule: the floor a member keeps, or null. Someone the new
 * rules would put lower than the tier recorded for them keeps that tier for the grace period;
 * upgrades need no floor (they apply at once), and a tier the shop removed cannot be kept.
 */
export function tierFloorAfterChange<T extends TierDefinition>(rule: TierRule, tiers: readonly T[], recordedTierId: string | null, standing: TierStanding<T>, now: Date): TierFloor | null {
  const recorded = tiers.find((t) => t.id === recordedTierId);
  if (!recorded || recorded.thresholdCents <= (standing.tier?.thresholdCents ?? -1)) return null;
  return { tierId: recorded.id, until: new Date(now.getTime() + Math.max(1, rule.graceDays) * DAY_MS) };
}
