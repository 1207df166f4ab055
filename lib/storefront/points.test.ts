import { describe, expect, it } from "vitest";
import { parseEarnRule, pointsForOrder } from "../loyalty/earn-rule";
import { parseProductQuery, pointsForProduct, pointsLabel } from "./points";

const NOW = new Date("2026-11-20T10:00:00Z");
const rule = parseEarnRule({
  pointsPerUnit: 2,
  excludedCategories: ["gift-cards"],
  excludedSkus: ["DEPOSIT-1"],
  categoryBonusPercent: { Zelte: 100 },
  minOrderCents: 1_000,
  campaigns: [{ id: "herbst", name: { de: "Herbst", en: "Autumn" }, from: "2026-11-01T00:00:00Z", until: "2026-12-01T00:00:00Z", bonusPercent: 50, categories: ["jackets"] }],
});

const query = (q: string) => parseProductQuery(new URLSearchParams(q));

describe("points for one product", () => {
  it("is what an order of that one item earns now, by the same rule function", () => {
    for (const product of [
      { price: 11_900 },
      { price: 11_900, category: "zelte" },
      { price: 11_900, category: "jackets" },
      { price: 11_900, category: "gift-cards" },
      { price: 11_900, sku: "deposit-1" },
      { price: 999 },
      { price: 0 },
    ]) {
      const order = pointsForOrder(rule, product.price, [{ quantity: 1, unit_price_cents: product.price, ...product }], 100, NOW);
      expect(pointsForProduct(rule, product, NOW), JSON.stringify(product)).toBe(order);
    }
  });

  it("applies the category bonus, exclusions, the minimum order and running campaigns, never a tier multiplier", () => {
    expect(pointsForProduct(rule, { price: 11_900 }, NOW)).toBe(238);
    expect(pointsForProduct(rule, { price: 11_900, category: " ZELTE " }, NOW)).toBe(476);
    expect(pointsForProduct(rule, { price: 11_900, category: "jackets" }, NOW)).toBe(356);
    expect(pointsForProduct(rule, { price: 11_900, category: "jackets" }, new Date("2026-12-01T00:00:00Z"))).toBe(238);
    expect(pointsForProduct(rule, { price: 11_900, category: "gift-cards" }, NOW)).toBe(0);
    expect(pointsForProduct(rule, { price: 11_900, sku: "DEPOSIT-1" }, NOW)).toBe(0);
    expect(pointsForProduct(rule, { price: 999 }, NOW)).toBe(0);
  });
});

describe("the product asked about", () => {
  it("reads price in minor units, the currency in any case, and optional category and SKU", () => {
    expect(query("price=11900&currency=eur&category=tents&sku=T-2")).toEqual({ ok: true, product: { price: 11_900, currency: "EUR", category: "tents", sku: "T-2" } });
    expect(query("price=0&currency=EUR&category=")).toEqual({ ok: true, product: { price: 0, currency: "EUR", category: undefined, sku: undefined } });
  });

  it("refuses a price that is not a non-negative whole number of minor units, naming the field", () => {
    for (const price of ["", "-1", "119.00", "1e3", "abc", " 5", "0x10", "9999999999999999"]) {
      const result = query(`price=${encodeURIComponent(price)}&currency=EUR`);
      expect(result.ok, price).toBe(false);
      if (!result.ok) expect(result.errors[0]!.pointer, price).toBe("/price");
    }
    expect(query("currency=EUR")).toMatchObject({ ok: false, errors: [{ pointer: "/price" }] });
  });

  it("refuses a missing or malformed currency and an over-long category", () => {
    expect(query("price=100")).toMatchObject({ ok: false, errors: [{ pointer: "/currency" }] });
    expect(query("price=100&currency=EURO")).toMatchObject({ ok: false, errors: [{ pointer: "/currency" }] });
    expect(query(`price=100&currency=EUR&category=${"x".repeat(129)}`)).toMatchObject({ ok: false, errors: [{ pointer: "/category" }] });
  });
});

describe("the label", () => {
  it("says it in German and English, with each language's digits and the singular for one", () => {
    expect(pointsLabel(119)).toEqual({ de: "Sammle 119 Punkte", en: "Earn 119 points" });
    expect(pointsLabel(1)).toEqual({ de: "Sammle 1 Punkt", en: "Earn 1 point" });
    expect(pointsLabel(12_345)).toEqual({ de: "Sammle 12.345 Punkte", en: "Earn 12,345 points" });
  });
});
