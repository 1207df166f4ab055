import { describe, expect, it } from "vitest";
import { parseTierRule, relevantSince, tierChange, tierFloorAfterChange, tierStanding } from "./tier-standing";

const tiers = [
  { id: "gold", thresholdCents: 75_000 },
  { id: "bronze", thresholdCents: 0 },
  { id: "silber", thresholdCents: 25_000 },
];
const DAY = 86_400_000;
const now = new Date("2026-06-15T12:00:00Z");
const daysAgo = (days: number, netCents: number) => ({ paidAt: new Date(now.getTime() - days * DAY), netCents });
const rolling = parseTierRule({}, "UTC");

describe("tierStanding, rolling 12 months", () => {
  it("starts in the base tier with the way to the next", () => {
    expect(tierStanding(rolling, tiers, [], now)).toMatchObject({ tier: { id: "bronze" }, keptUntil: null, spendCents: 0, next: { id: "silber" }, toNextCents: 25_000, toKeepCents: null });
  });

  it("upgrades at exactly the threshold, not a cent before", () => {
    expect(tierStanding(rolling, tiers, [daysAgo(1, 24_999)], now)).toMatchObject({ tier: { id: "bronze" }, toNextCents: 1 });
    expect(tierStanding(rolling, tiers, [daysAgo(1, 25_000)], now)).toMatchObject({ tier: { id: "silber" }, next: { id: "gold" }, toNextCents: 50_000 });
  });

  it("counts an order paid exactly 365 days ago, and keeps the status 30 days after it leaves the window", () => {
    const edge = tierStanding(rolling, tiers, [daysAgo(365, 30_000)], now);
    expect(edge).toMatchObject({ tier: { id: "silber" }, spendCents: 30_000, toKeepCents: null });
    expect(edge.keptUntil).toEqual(new Date(now.getTime() + 30 * DAY));
  });

  it("keeps the status during the grace period with advance notice, then downgrades", () => {
    const orders = [daysAgo(380, 30_000)]; // left the window 15 days ago
    const inGrace = tierStanding(rolling, tiers, orders, now);
    expect(inGrace).toMatchObject({ tier: { id: "silber" }, spendCents: 0, toKeepCents: 25_000 });
    expect(inGrace.keptUntil).toEqual(new Date(now.getTime() + 15 * DAY));
    expect(tierStanding(rolling, tiers, [daysAgo(395, 30_000)], now)).toMatchObject({ tier: { id: "silber" } }); // last day of grace
    expect(tierStanding(rolling, tiers, [daysAgo(396, 30_000)], now)).toMatchObject({ tier: { id: "bronze" }, toKeepCents: null });
  });

  it("dates the status by when the spend will fall below it without new orders", () => {
    // 20 000 from 300 days ago and 10 000 from 10 days ago: Silber until the older one leaves (65 days) + 30.
    const standing = tierStanding(rolling, tiers, [daysAgo(300, 20_000), daysAgo(10, 10_000)], now);
    expect(standing.tier?.id).toBe("silber");
    expect(standing.keptUntil).toEqual(new Date(now.getTime() + 95 * DAY));
  });

  it("takes back a status when the refund brings the spend below it", () => {
    expect(tierStanding(rolling, tiers, [daysAgo(5, 80_000)], now).tier?.id).toBe("gold");
    expect(tierStanding(rolling, tiers, [daysAgo(5, 80_000 - 10_000)], now).tier?.id).toBe("silber");
    expect(tierStanding(rolling, tiers, [daysAgo(5, 0)], now).tier?.id).toBe("bronze");
  });

  it("follows a configured grace period", () => {
    const strict = parseTierRule({ graceDays: 0 }, "UTC");
    expect(tierStanding(strict, tiers, [daysAgo(366, 30_000)], now).tier?.id).toBe("bronze");
  });

  it("has no tier at all when the program defines none", () => {
    expect(tierStanding(rolling, [], [daysAgo(1, 99_999)], now)).toMatchObject({ tier: null, next: null, toNextCents: null });
  });
});

describe("tierStanding, calendar year", () => {
  const calendar = parseTierRule({ window: "calendar" }, "UTC");
  const at = (iso: string, netCents: number) => ({ paidAt: new Date(iso), netCents });

  it("keeps a status reached this year until the end of the next", () => {
    const standing = tierStanding(calendar, tiers, [at("2026-03-01T00:00:00Z", 80_000)], now);
    expect(standing).toMatchObject({ tier: { id: "gold" }, spendCents: 80_000 });
    expect(standing.keptUntil?.toISOString()).toBe("2027-12-31T23:59:59.999Z");
  });

  it("carries last year's status through this year, with what it takes to keep it", () => {
    const standing = tierStanding(calendar, tiers, [at("2025-12-31T23:59:59Z", 80_000), at("2026-01-01T00:00:00Z", 5_000)], now);
    expect(standing).toMatchObject({ tier: { id: "gold" }, spendCents: 5_000, toKeepCents: 70_000 });
    expect(standing.keptUntil?.toISOString()).toBe("2026-12-31T23:59:59.999Z");
  });

  it("forgets the year before last", () => {
    expect(tierStanding(calendar, tiers, [at("2024-12-31T12:00:00Z", 80_000)], now).tier?.id).toBe("bronze");
  });
});

describe("tierStanding, lifetime", () => {
  it("sums every order and never downgrades by time", () => {
    const lifetime = parseTierRule({ window: "lifetime" }, "UTC");
    expect(tierStanding(lifetime, tiers, [daysAgo(3_000, 50_000), daysAgo(1, 25_000)], now)).toMatchObject({ tier: { id: "gold" }, keptUntil: null, next: null });
  });
});

describe("relevantSince and tierChange", () => {
  it("loads only the orders that can matter", () => {
    expect(relevantSince(rolling, now)).toEqual(new Date(now.getTime() - 395 * DAY));
    expect(relevantSince(parseTierRule({ window: "calendar" }, "UTC"), now).toISOString()).toBe("2025-01-01T00:00:00.000Z");
  });

  it("tells an upgrade from a downgrade", () => {
    expect(tierChange(tiers, "bronze", "gold")).toBe("up");
    expect(tierChange(tiers, "gold", "silber")).toBe("down");
    expect(tierChange(tiers, null, "bronze")).toBe("up");
    expect(tierChange(tiers, "silber", "silber")).toBeNull();
  });

  it("rejects a malformed rule", () => {
    expect(() => parseTierRule({ window: "weekly" }, "UTC")).toThrow();
    expect(() => parseTierRule({ graceDays: -1 }, "UTC")).toThrow();
  });
});

describe("tier floors after the shop changes its tiers", () => {
  const ladder = [
    { id: "bronze", thresholdCents: 0 },
    { id: "silber", thresholdCents: 40_000 }, // raised from 250 € to 400 €
    { id: "gold", thresholdCents: 75_000 },
  ];
  const rule = parseTierRule({ window: "rolling", graceDays: 30 }, "UTC");
  const at = new Date("2026-11-25T12:00:00Z");
  const orders = [{ paidAt: new Date("2026-10-01T00:00:00Z"), netCents: 30_000 }];

  it("keeps a member the new threshold would demote at their tier for the grace period", () => {
    const plain = tierStanding(rule, ladder, orders, at);
    expect(plain.tier?.id).toBe("bronze");
    const floor = tierFloorAfterChange(rule, ladder, "silber", plain, at);
    expect(floor).toEqual({ tierId: "silber", until: new Date("2026-12-25T12:00:00Z") });
    expect(tierStanding(rule, ladder, orders, at, floor)).toMatchObject({ tier: { id: "silber" }, keptUntil: floor!.until, toKeepCents: 10_000 });
    // After the grace period the orders decide again.
    expect(tierStanding(rule, ladder, orders, new Date("2026-12-26T00:00:00Z"), floor).tier?.id).toBe("bronze");
  });

  it("sets no floor for a member who keeps or gains a tier, or whose tier was removed", () => {
    const plain = tierStanding(rule, ladder, orders, at);
    expect(tierFloorAfterChange(rule, ladder, "bronze", plain, at)).toBeNull();
    expect(tierFloorAfterChange(rule, ladder, "platin", plain, at)).toBeNull();
    expect(tierFloorAfterChange(rule, ladder, null, plain, at)).toBeNull();
  });

  it("never lowers what the orders earn", () => {
    const rich = [{ paidAt: new Date("2026-11-01T00:00:00Z"), netCents: 80_000 }];
    expect(tierStanding(rule, ladder, rich, at, { tierId: "silber", until: new Date("2027-01-01T00:00:00Z") }).tier?.id).toBe("gold");
  });
});
