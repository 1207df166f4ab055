import { describe, expect, it } from "vitest";
import { parseEarnRule, pointsForOrder } from "./earn-rule";

describe("pointsForOrder", () => {
  const rule = parseEarnRule({});

  it("gives one point per full euro by default", () => {
    expect(rule.pointsPerUnit).toBe(1);
    expect(rule.pointsValidMonths).toBe(12);
    expect(pointsForOrder(rule, 4_299)).toBe(42);
    expect(pointsForOrder(rule, 100)).toBe(1);
  });

  it("gives nothing for less than a full euro", () => {
    expect(pointsForOrder(rule, 0)).toBe(0);
    expect(pointsForOrder(rule, 99)).toBe(0);
  });

  it("applies a configured rate and the tier multiplier, rounding down", () => {
    expect(pointsForOrder(parseEarnRule({ pointsPerUnit: 2 }), 1_050)).toBe(20);
    expect(pointsForOrder(rule, 1_050, 125)).toBe(12); // 10 × 1.25 = 12.5 → 12
    expect(pointsForOrder(rule, 1_000, 150)).toBe(15);
  });

  it("refuses amounts that cannot be money", () => {
    expect(() => pointsForOrder(rule, -1)).toThrow(RangeError);
    expect(() => pointsForOrder(rule, 10.5)).toThrow(RangeError);
    expect(() => pointsForOrder(rule, 1_000, 0)).toThrow(RangeError);
  });

  it("rejects a malformed rule", () => {
    expect(() => parseEarnRule({ pointsPerUnit: -1 })).toThrow();
    expect(() => parseEarnRule({ pointsPerUnit: "1" })).toThrow();
    expect(() => parseEarnRule({ pointsValidMonths: 0 })).toThrow();
  });
});
