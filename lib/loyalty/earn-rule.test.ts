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
    expect(pointsForOrder(rule, 1_050, [], 125)).toBe(12); // 10 × 1.25 = 12.5 → 12
    expect(pointsForOrder(rule, 1_000, [], 150)).toBe(15);
  });

  it("rounds to the nearest point when the program says so", () => {
    const nearest = parseEarnRule({ rounding: "nearest" });
    expect(pointsForOrder(nearest, 4_250)).toBe(43);
    expect(pointsForOrder(nearest, 4_249)).toBe(42);
    expect(pointsForOrder(nearest, 1_000, [], 125)).toBe(13); // 12.5 → 13
  });
});

describe("pointsForOrder with categories", () => {
  const rule = parseEarnRule({ excludedCategories: ["Gutscheine"], categoryBonusPercent: { zelte: 100 } });
  const line = (unit: number, category?: string, quantity = 1) => ({ quantity, unit_price_cents: unit, category });

  it("earns nothing on an excluded category, case-insensitively", () => {
    expect(pointsForOrder(rule, 5_000, [line(5_000, "gutscheine")])).toBe(0);
    expect(pointsForOrder(rule, 8_000, [line(3_000, "Jacken"), line(5_000, " GUTSCHEINE ")])).toBe(30);
  });

  it("doubles what a bonus category earns", () => {
    expect(pointsForOrder(rule, 20_000, [line(20_000, "zelte")])).toBe(400);
    expect(pointsForOrder(rule, 30_000, [line(10_000, "jacken"), line(10_000, "zelte", 2)])).toBe(500);
  });

  it("shares a discounted subtotal out pro rata over the lines", () => {
    // 100 € of goods, 20 € coupon: 80 € earn; half of it is a gift card.
    expect(pointsForOrder(rule, 8_000, [line(5_000, "jacken"), line(5_000, "gutscheine")])).toBe(40);
    // Bonus and exclusion in one order with the tier multiplier on top: (40 × 2 + 40 × 1) × 1.5.
    expect(pointsForOrder(rule, 12_000, [line(4_000, "zelte"), line(4_000, "socken"), line(4_000, "gutscheine")], 150)).toBe(180);
  });

  it("treats lines without a price or category as ordinary merchandise", () => {
    expect(pointsForOrder(rule, 4_299, [line(0, "zelte")])).toBe(42);
    expect(pointsForOrder(rule, 4_299, [line(4_299)])).toBe(42);
  });

  it("stays exact for the largest amounts a shop may send", () => {
    const big = 2_000_000_000;
    expect(pointsForOrder(rule, big, [line(big, "zelte", 10_000)])).toBe(40_000_000);
  });

  it("refuses amounts that cannot be money", () => {
    expect(() => pointsForOrder(rule, -1)).toThrow(RangeError);
    expect(() => pointsForOrder(rule, 10.5)).toThrow(RangeError);
    expect(() => pointsForOrder(rule, 1_000, [], 0)).toThrow(RangeError);
  });

  it("rejects a malformed rule", () => {
    expect(() => parseEarnRule({ pointsPerUnit: -1 })).toThrow();
    expect(() => parseEarnRule({ pointsPerUnit: "1" })).toThrow();
    expect(() => parseEarnRule({ pointsValidMonths: 0 })).toThrow();
    expect(() => parseEarnRule({ rounding: "up" })).toThrow();
    expect(() => parseEarnRule({ categoryBonusPercent: { zelte: -50 } })).toThrow();
  });
});
