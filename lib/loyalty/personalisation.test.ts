import { describe, expect, it } from "vitest";
import { birthdayInWeek, byAffinity, categoryAffinity, nextReward, type RewardCandidate } from "./personalisation";

const catalog: RewardCandidate[] = [
  { id: "shipping", pointsCost: 150, category: null, open: true },
  { id: "bottle", pointsCost: 400, category: "Bike", open: true },
  { id: "lamp", pointsCost: 350, category: "Zelte", open: true },
  { id: "gold-bag", pointsCost: 300, category: "bags", open: false }, // tier-gated
];

describe("nextReward", () => {
  it("shows shoppers of different baskets different rewards", () => {
    expect(nextReward(catalog, 100, categoryAffinity([{ category: "bike", count: 2 }]))?.id).toBe("bottle");
    expect(nextReward(catalog, 100, categoryAffinity([{ category: "zelte", count: 1 }]))?.id).toBe("lamp");
  });

  it("says how many points are missing, or that it can be redeemed now", () => {
    expect(nextReward(catalog, 100, categoryAffinity([{ category: "bike", count: 1 }]))).toEqual({ id: "bottle", affordable: false, missingPoints: 300 });
    expect(nextReward(catalog, 500, categoryAffinity([{ category: "bike", count: 1 }]))).toEqual({ id: "bottle", affordable: true, missingPoints: 0 });
  });

  it("without a matching category: the dearest affordable, else the closest", () => {
    const none = categoryAffinity([]);
    expect(nextReward(catalog, 380, none)?.id).toBe("lamp");
    expect(nextReward(catalog, 100, none)?.id).toBe("shipping");
  });

  it("never picks a reward the shopper cannot have, whatever they buy", () => {
    expect(nextReward(catalog, 1_000, categoryAffinity([{ category: "bags", count: 9 }]))?.id).toBe("bottle");
    expect(nextReward([{ ...catalog[3]! }], 1_000, categoryAffinity([]))).toBeNull();
  });
});

describe("byAffinity", () => {
  it("puts the shopper's categories first, most bought first, and keeps the shop's order otherwise", () => {
    const affinity = categoryAffinity([
      { category: "Zelte", count: 1 },
      { category: "bike", count: 3 },
    ]);
    expect(byAffinity(catalog, (r) => r.category, affinity).map((r) => r.id)).toEqual(["bottle", "lamp", "shipping", "gold-bag"]);
  });
});

describe("birthdayInWeek", () => {
  it("finds a birthday in the week, also across New Year and on 28 February for the 29th", () => {
    expect(birthdayInWeek("1990-05-14", { year: 2027, month: 4, day: 10 })).toBe(true); // week of Mon 10 May 2027
    expect(birthdayInWeek("1990-05-17", { year: 2027, month: 4, day: 10 })).toBe(false);
    expect(birthdayInWeek("1990-01-02", { year: 2026, month: 11, day: 28 })).toBe(true);
    expect(birthdayInWeek("1992-02-29", { year: 2027, month: 1, day: 22 })).toBe(true);
    expect(birthdayInWeek(null, { year: 2027, month: 1, day: 22 })).toBe(false);
  });
});
