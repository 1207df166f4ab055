// "Points for money off": the shopper chooses how much money off to take, in steps (100 points =
// 1 €), between a minimum and a maximum per redemption and never beyond the balance. The coupon it
// makes is plain money off (amount_off) of the chosen value. Pure: money in minor units, points integers.

/** What a points_off reward says: `pointsCost` points buy `stepValueCents`, `minValueCents`–`maxValueCents` a time. */
export type PointsOffRules = { pointsCost: number; stepValueCents: number; minValueCents: number; maxValueCents: number };

/** Points the member most can spend in one redemption (the ledger's and the form's bound). */
export const POINTS_OFF_MAX_POINTS = 1_000_000;

export type PointsOffRefusal =
  | { ok: false; reason: "not-a-step" | "below-minimum" | "above-maximum" }
  | { ok: false; reason: "insufficient-points"; missingPoints: number };

export type PointsOffQuote = { ok: true; steps: number; points: number; valueCents: number } | PointsOffRefusal;

/** The rules of a reward row if it is a complete points_off reward, else null. */
export function pointsOffRules(reward: {
  kind: string;
  pointsCost: number;
  stepValueCents: number | null;
  minValueCents: number | null;
  maxValueCents: number | null;
}): PointsOffRules | null {
  const { kind, pointsCost, stepValueCents, minValueCents, maxValueCents } = reward;
  if (kind !== "points_off" || stepValueCents === null || minValueCents === null || maxValueCents === null) return null;
  return { pointsCost, stepValueCents, minValueCents, maxValueCents };
}

/** Points `valueCents` costs (a whole number of steps assumed). */
export function pointsForValue(rules: PointsOffRules, valueCents: number): number {
  return (valueCents / rules.stepValueCents) * rules.pointsCost;
}

/**
 * What `chosenCents` off costs a member holding `balance` points, or the one reason it cannot be
 * had: not a whole number of steps, under the minimum, over the maximum, more points than they hold.
 */
export function pointsOffQuote(rules: PointsOffRules, chosenCents: number, balance: number): PointsOffQuote {
  if (!Number.isSafeInteger(chosenCents) || chosenCents % rules.stepValueCents !== 0) return { ok: false, reason: "not-a-step" };
  if (chosenCents < rules.minValueCents) return { ok: false, reason: "below-minimum" };
  if (chosenCents > rules.maxValueCents) return { ok: false, reason: "above-maximum" };
  const steps = chosenCents / rules.stepValueCents;
  const points = steps * rules.pointsCost;
  if (points > balance) return { ok: false, reason: "insufficient-points", missingPoints: points - balance };
  return { ok: true, steps, points, valueCents: chosenCents };
}

/**
 * The amounts a member holding `balance` can choose: from the minimum up to the most the balance
 * covers (at most the maximum), in steps. `upToCents` below `minCents`: not even the minimum.
 */
export function pointsOffSpan(rules: PointsOffRules, balance: number): { minCents: number; upToCents: number; stepCents: number } {
  const affordableSteps = Math.floor(Math.max(0, balance) / rules.pointsCost);
  return { minCents: rules.minValueCents, upToCents: Math.min(rules.maxValueCents, affordableSteps * rules.stepValueCents), stepCents: rules.stepValueCents };
}

/** Points a member needs before a reward can be redeemed at all: the minimum's for points_off, else its cost. */
export function rewardEntryCost(reward: { kind: string; pointsCost: number; stepValueCents: number | null; minValueCents: number | null; maxValueCents: number | null }): number {
  const rules = pointsOffRules(reward);
  return rules ? pointsForValue(rules, rules.minValueCents) : reward.pointsCost;
}

export const pointsOffProblems = ["step-missing", "min-missing", "max-missing", "min-below-step", "min-not-step", "max-below-min", "max-not-step", "too-many-points"] as const;
export type PointsOffProblem = (typeof pointsOffProblems)[number];

/**
 * What is wrong with a points_off reward's settings, per field (the console form and the program
 * document check alike). Empty: sound. Money must be whole steps so every amount offered is one.
 */
export function pointsOffSettingsProblems(settings: {
  pointsCost: number;
  stepValueCents: number | null;
  minValueCents: number | null;
  maxValueCents: number | null;
}): { field: "stepValueCents" | "minValueCents" | "maxValueCents"; problem: PointsOffProblem }[] {
  const { pointsCost, stepValueCents: step, minValueCents: min, maxValueCents: max } = settings;
  const out: { field: "stepValueCents" | "minValueCents" | "maxValueCents"; problem: PointsOffProblem }[] = [];
  if (step === null) out.push({ field: "stepValueCents", problem: "step-missing" });
  if (min === null) out.push({ field: "minValueCents", problem: "min-missing" });
  if (max === null) out.push({ field: "maxValueCents", problem: "max-missing" });
  if (step === null || step <= 0) return out;
  if (min !== null) {
    if (min < step) out.push({ field: "minValueCents", problem: "min-below-step" });
    else if (min % step !== 0) out.push({ field: "minValueCents", problem: "min-not-step" });
  }
  if (max !== null) {
    if (min !== null && max < min) out.push({ field: "maxValueCents", problem: "max-below-min" });
    else if (max % step !== 0) out.push({ field: "maxValueCents", problem: "max-not-step" });
    else if ((max / step) * pointsCost > POINTS_OFF_MAX_POINTS) out.push({ field: "maxValueCents", problem: "too-many-points" });
  }
  return out;
}
