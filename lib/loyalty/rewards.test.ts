import { describe, expect, it } from "vitest";
import { generateCouponCode, normaliseCouponCode } from "./coupon-code";
import { couponExpiry, couponState, rewardAvailability } from "./rewards";

const reward = { pointsCost: 250, active: true, stock: null, perMemberLimit: null, minTierRank: null };
const member = { balance: 300, tierRank: 0, redeemedCount: 0 };

describe("rewardAvailability", () => {
  it("lets a member redeem what the balance covers, to the exact point", () => {
    expect(rewardAvailability(reward, member)).toEqual({ ok: true });
    expect(rewardAvailability(reward, { ...member, balance: 250 })).toEqual({ ok: true });
  });

  it("says how many points are missing", () => {
    expect(rewardAvailability(reward, { ...member, balance: 249 })).toEqual({ ok: false, reason: "insufficient-points", missingPoints: 1 });
  });

  it("blocks sold-out rewards, the per-member limit and tier gates before points", () => {
    const poor = { ...member, balance: 0 };
    expect(rewardAvailability({ ...reward, stock: 0 }, poor)).toMatchObject({ reason: "sold-out" });
    expect(rewardAvailability({ ...reward, perMemberLimit: 1 }, { ...poor, redeemedCount: 1 })).toMatchObject({ reason: "limit-reached" });
    expect(rewardAvailability({ ...reward, minTierRank: 1 }, poor)).toMatchObject({ reason: "tier-required" });
    expect(rewardAvailability({ ...reward, minTierRank: 1 }, { ...member, tierRank: null })).toMatchObject({ reason: "tier-required" });
    expect(rewardAvailability({ ...reward, active: false }, member)).toMatchObject({ reason: "inactive" });
  });

  it("allows a reward with stock left, under the limit, at the required tier", () => {
    expect(rewardAvailability({ ...reward, stock: 1, perMemberLimit: 2, minTierRank: 1 }, { ...member, tierRank: 2, redeemedCount: 1 })).toEqual({ ok: true });
  });
});

describe("coupons", () => {
  it("generates readable, unguessable codes", () => {
    const codes = new Set(Array.from({ length: 2_000 }, generateCouponCode));
    expect(codes.size).toBe(2_000);
    for (const code of codes) expect(code).toMatch(/^TREUE-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
  });

  it("treats codes case-insensitively", () => {
    expect(normaliseCouponCode("  treue-7k3m-q9xd-2hnv ")).toBe("TREUE-7K3M-Q9XD-2HNV");
  });

  it("is active until its expiry, and used once used", () => {
    const issued = new Date("2026-11-01T10:00:00Z");
    const expiresAt = couponExpiry(issued, 30);
    expect(expiresAt.toISOString()).toBe("2026-12-01T10:00:00.000Z");
    expect(couponState({ usedAt: null, expiresAt }, new Date("2026-12-01T09:59:59Z"))).toBe("active");
    expect(couponState({ usedAt: null, expiresAt }, expiresAt)).toBe("expired");
    expect(couponState({ usedAt: issued, expiresAt }, new Date("2027-01-01"))).toBe("used");
  });
});
