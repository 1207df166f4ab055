import { describe, expect, it } from "vitest";
import { parseEarnRule, pointsForOrder, ruleVersionAt } from "./earn-rule";

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

describe("minimum order, excluded SKUs and bonus campaigns", () => {
  const weekend = {
    id: "weekend",
    name: { de: "Doppelte Punkte", en: "Double points" },
    from: "2026-11-28T00:00:00+01:00",
    until: "2026-11-30T00:00:00+01:00",
    bonusPercent: 100,
  };
  const tents = { ...weekend, id: "tents", bonusPercent: 50, categories: ["Zelte"] };
  const rule = parseEarnRule({ minOrderCents: 2_000, excludedSkus: ["GIFT-25"], campaigns: [weekend] });
  const line = (unit: number, category?: string, sku?: string) => ({ quantity: 1, unit_price_cents: unit, category, sku });

  it("earns nothing below the minimum order, and from the minimum on", () => {
    expect(pointsForOrder(rule, 1_999)).toBe(0);
    expect(pointsForOrder(rule, 2_000)).toBe(20);
  });

  it("leaves out an excluded SKU whatever its category", () => {
    expect(pointsForOrder(rule, 7_500, [line(5_000, "jacken", "JACKE-1"), line(2_500, "jacken", "gift-25")])).toBe(50);
  });

  it("doubles during a store-wide campaign, only between its start and end", () => {
    expect(pointsForOrder(rule, 5_000, [], 100, new Date("2026-11-28T10:00:00+01:00"))).toBe(100);
    expect(pointsForOrder(rule, 5_000, [], 100, new Date("2026-11-27T23:59:59+01:00"))).toBe(50);
    expect(pointsForOrder(rule, 5_000, [], 100, new Date("2026-11-30T00:00:00+01:00"))).toBe(50);
    // Without a time (a preview of the plain rule) no campaign applies.
    expect(pointsForOrder(rule, 5_000)).toBe(50);
  });

  it("adds a category campaign's bonus only to that category's share", () => {
    const r = parseEarnRule({ campaigns: [tents] });
    const at = new Date("2026-11-29T12:00:00Z");
    expect(pointsForOrder(r, 10_000, [line(5_000, "zelte"), line(5_000, "jacken")], 100, at)).toBe(125);
  });

  it("refuses a campaign that ends before it starts", () => {
    expect(() => parseEarnRule({ campaigns: [{ ...weekend, until: "2026-11-27T00:00:00Z" }] })).toThrow(/endAfterStart/);
  });
});

describe("ruleVersionAt", () => {
  const v = (version: number, iso: string) => ({ version, effectiveFrom: new Date(iso) });
  const versions = [v(1, "2026-01-01T00:00:00Z"), v(3, "2026-12-01T00:00:00Z"), v(2, "2026-06-01T00:00:00Z")];

  it("picks the latest version in force at the time", () => {
    expect(ruleVersionAt(versions, new Date("2026-07-01T00:00:00Z"))?.version).toBe(2);
    expect(ruleVersionAt(versions, new Date("2026-12-01T00:00:00Z"))?.version).toBe(3);
    expect(ruleVersionAt(versions, new Date("2026-11-30T23:59:59Z"))?.version).toBe(2);
  });

  it("gives an order older than every version the first rule, and nothing without versions", () => {
    expect(ruleVersionAt(versions, new Date("2025-01-01T00:00:00Z"))?.version).toBe(1);
    expect(ruleVersionAt([], new Date())).toBeUndefined();
  });
});
