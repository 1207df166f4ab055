import { describe, expect, it } from "vitest";
import { isTierUp, tierForSpend } from "./tiers";

const tiers = [
  { id: "gold", name: "Gold", thresholdCents: 75_000 },
  { id: "bronze", name: "Bronze", thresholdCents: 0 },
  { id: "silber", name: "Silber", thresholdCents: 25_000 },
];

describe("tierForSpend", () => {
  it("reaches a tier at exactly its threshold", () => {
    expect(tierForSpend(tiers, 0)).toMatchObject({ tier: { id: "bronze" }, next: { id: "silber" } });
    expect(tierForSpend(tiers, 24_999)).toMatchObject({ tier: { id: "bronze" }, next: { id: "silber" } });
    expect(tierForSpend(tiers, 25_000)).toMatchObject({ tier: { id: "silber" }, next: { id: "gold" } });
    expect(tierForSpend(tiers, 1_000_000)).toMatchObject({ tier: { id: "gold" }, next: null });
  });

  it("has no tier when the program defines none", () => {
    expect(tierForSpend([], 5_000)).toEqual({ tier: null, next: null });
  });
});

describe("isTierUp", () => {
  const [gold, bronze, silber] = tiers;
  it("announces reaching a higher paid tier, from nothing or from below", () => {
    expect(isTierUp(tiers, "bronze", silber!)).toBe(true);
    expect(isTierUp(tiers, null, gold!)).toBe(true);
    expect(isTierUp(tiers, "silber", gold!)).toBe(true);
  });
  it("stays quiet for the entry tier, the same tier and a step down", () => {
    expect(isTierUp(tiers, null, bronze!)).toBe(false);
    expect(isTierUp(tiers, "silber", silber!)).toBe(false);
    expect(isTierUp(tiers, "gold", silber!)).toBe(false);
    expect(isTierUp(tiers, "gold", null)).toBe(false);
  });
});
