import { describe, expect, it } from "vitest";
import { pointsForValue, pointsOffQuote, pointsOffRules, pointsOffSettingsProblems, pointsOffSpan, rewardEntryCost } from "./points-off";

// 100 points = 1 €, at least 5 €, at most 50 € a time.
const rules = { pointsCost: 100, stepValueCents: 100, minValueCents: 500, maxValueCents: 5_000 };

describe("pointsOffQuote", () => {
  it("charges whole steps: 4 € … 5 € costs 500 points", () => {
    expect(pointsOffQuote(rules, 500, 500)).toEqual({ ok: true, steps: 5, points: 500, valueCents: 500 });
    expect(pointsOffQuote(rules, 1_200, 10_000)).toEqual({ ok: true, steps: 12, points: 1_200, valueCents: 1_200 });
  });

  it("takes the minimum and the maximum themselves", () => {
    expect(pointsOffQuote(rules, 500, 9_999)).toMatchObject({ ok: true, points: 500 });
    expect(pointsOffQuote(rules, 5_000, 9_999)).toMatchObject({ ok: true, points: 5_000 });
  });

  it("refuses one step below the minimum and one above the maximum", () => {
    expect(pointsOffQuote(rules, 400, 9_999)).toEqual({ ok: false, reason: "below-minimum" });
    expect(pointsOffQuote(rules, 0, 9_999)).toEqual({ ok: false, reason: "below-minimum" });
    expect(pointsOffQuote(rules, -500, 9_999)).toEqual({ ok: false, reason: "below-minimum" });
    expect(pointsOffQuote(rules, 5_100, 99_999)).toEqual({ ok: false, reason: "above-maximum" });
  });

  it("refuses amounts that are no whole number of steps, never rounding them", () => {
    expect(pointsOffQuote(rules, 550, 9_999)).toEqual({ ok: false, reason: "not-a-step" });
    expect(pointsOffQuote(rules, 501, 9_999)).toEqual({ ok: false, reason: "not-a-step" });
    expect(pointsOffQuote(rules, 500.5, 9_999)).toEqual({ ok: false, reason: "not-a-step" });
    expect(pointsOffQuote(rules, Number.NaN, 9_999)).toEqual({ ok: false, reason: "not-a-step" });
    expect(pointsOffQuote(rules, Number.POSITIVE_INFINITY, 9_999)).toEqual({ ok: false, reason: "not-a-step" });
    // A step of 2,50 € for 200 points: 7,50 € is three steps, 5,00 € two, 6,00 € none.
    const odd = { pointsCost: 200, stepValueCents: 250, minValueCents: 500, maxValueCents: 2_500 };
    expect(pointsOffQuote(odd, 750, 600)).toEqual({ ok: true, steps: 3, points: 600, valueCents: 750 });
    expect(pointsOffQuote(odd, 600, 9_999)).toEqual({ ok: false, reason: "not-a-step" });
  });

  it("never spends more than the balance, to the exact point, and says how many are missing", () => {
    expect(pointsOffQuote(rules, 800, 800)).toMatchObject({ ok: true, points: 800 });
    expect(pointsOffQuote(rules, 800, 799)).toEqual({ ok: false, reason: "insufficient-points", missingPoints: 1 });
    expect(pointsOffQuote(rules, 500, 0)).toEqual({ ok: false, reason: "insufficient-points", missingPoints: 500 });
  });

  it("names the bounds before the balance: a shopper can do nothing about them", () => {
    expect(pointsOffQuote(rules, 5_100, 0)).toEqual({ ok: false, reason: "above-maximum" });
    expect(pointsOffQuote(rules, 450, 0)).toEqual({ ok: false, reason: "not-a-step" });
  });
});

describe("pointsOffSpan", () => {
  it("runs from the minimum to what the balance covers in whole steps, capped at the maximum", () => {
    expect(pointsOffSpan(rules, 1_234)).toEqual({ minCents: 500, upToCents: 1_200, stepCents: 100 });
    expect(pointsOffSpan(rules, 99_999)).toEqual({ minCents: 500, upToCents: 5_000, stepCents: 100 });
    expect(pointsOffSpan(rules, 500)).toEqual({ minCents: 500, upToCents: 500, stepCents: 100 });
  });

  it("ends below the minimum when not even that is affordable", () => {
    expect(pointsOffSpan(rules, 499).upToCents).toBe(400);
    expect(pointsOffSpan(rules, -20).upToCents).toBe(0);
  });
});

describe("rewardEntryCost and pointsOffRules", () => {
  const row = { kind: "points_off", ...rules };
  it("opens a points_off reward at its minimum's points, any other at its cost", () => {
    expect(rewardEntryCost(row)).toBe(500);
    expect(rewardEntryCost({ ...row, pointsCost: 40, stepValueCents: 50, minValueCents: 150 })).toBe(120);
    expect(rewardEntryCost({ kind: "amount_off", pointsCost: 250, stepValueCents: null, minValueCents: null, maxValueCents: null })).toBe(250);
    expect(pointsForValue(rules, 2_300)).toBe(2_300);
  });

  it("knows a points_off reward only when all its settings are there", () => {
    expect(pointsOffRules(row)).toEqual(rules);
    expect(pointsOffRules({ ...row, maxValueCents: null })).toBeNull();
    expect(pointsOffRules({ ...row, kind: "amount_off" })).toBeNull();
  });
});

describe("pointsOffSettingsProblems", () => {
  it("accepts sound settings, a fixed amount (minimum = maximum) too", () => {
    expect(pointsOffSettingsProblems(rules)).toEqual([]);
    expect(pointsOffSettingsProblems({ ...rules, maxValueCents: 500 })).toEqual([]);
  });

  it("names each missing field", () => {
    expect(pointsOffSettingsProblems({ pointsCost: 100, stepValueCents: null, minValueCents: null, maxValueCents: null })).toEqual([
      { field: "stepValueCents", problem: "step-missing" },
      { field: "minValueCents", problem: "min-missing" },
      { field: "maxValueCents", problem: "max-missing" },
    ]);
  });

  it("wants the bounds in whole steps, the minimum at least one step, the maximum not below it", () => {
    expect(pointsOffSettingsProblems({ ...rules, minValueCents: 50 })).toEqual([{ field: "minValueCents", problem: "min-below-step" }]);
    expect(pointsOffSettingsProblems({ ...rules, minValueCents: 550 })).toEqual([{ field: "minValueCents", problem: "min-not-step" }]);
    expect(pointsOffSettingsProblems({ ...rules, maxValueCents: 4_950 })).toEqual([{ field: "maxValueCents", problem: "max-not-step" }]);
    expect(pointsOffSettingsProblems({ ...rules, maxValueCents: 400 })).toEqual([{ field: "maxValueCents", problem: "max-below-min" }]);
  });

  it("keeps one redemption within a million points", () => {
    expect(pointsOffSettingsProblems({ ...rules, maxValueCents: 1_000_000 })).toEqual([]);
    expect(pointsOffSettingsProblems({ ...rules, maxValueCents: 1_000_100 })).toEqual([{ field: "maxValueCents", problem: "too-many-points" }]);
  });
});
