// A program and a shopper for the assistant's tests, built through the real rules (tier standing,
// reward availability) so the figures the tests expect are computed by hand from these lines alone:
// Silber from 200 €, Gold from 500 €, 1 point per euro; the member spent 320 € in the last 12
// months (150 € + 150 € + 20 €) and holds 140 points.
import { parseEarnRule } from "../earn-rule";
import { rewardAvailability, type RewardRules } from "../rewards";
import { parseTierRule, tierStanding } from "../tier-standing";
import type { AssistantTier, OrderFact, RewardFact, ShopperFacts } from "./facts";

export const NOW = new Date("2025-06-15T10:00:00Z");
export const TIME_ZONE = "Europe/Berlin";

export const TIERS: AssistantTier[] = [
  { id: "bronze", name: { de: "Bronze", en: "Bronze" }, thresholdCents: 0, multiplierPercent: 100 },
  { id: "silver", name: { de: "Silber", en: "Silver" }, thresholdCents: 20_000, multiplierPercent: 100 },
  { id: "gold", name: { de: "Gold", en: "Gold" }, thresholdCents: 50_000, multiplierPercent: 150 },
];

/** 1 point per full euro; orders under 10 € and gift cards earn nothing. */
export const EARN_RULE = parseEarnRule({ pointsPerUnit: 1, minOrderCents: 1_000, excludedCategories: ["Geschenkkarten"] });

export const ORDERS: OrderFact[] = [
  // Newest first. 10023 earned nothing although 20 € earn 20 points: the claim case.
  { orderId: "10023", paidAt: new Date("2025-06-01T08:00:00Z"), subtotalCents: 2_000, items: [], pointsEarned: 0, refundedCents: 0, pointsClawedBack: 0 },
  { orderId: "10022", paidAt: new Date("2025-04-20T12:00:00Z"), subtotalCents: 15_000, items: [], pointsEarned: 150, refundedCents: 0, pointsClawedBack: 0 },
  { orderId: "10021", paidAt: new Date("2025-02-10T12:00:00Z"), subtotalCents: 15_000, items: [], pointsEarned: 150, refundedCents: 0, pointsClawedBack: 0 },
];

function reward(id: string, de: string, en: string, rules: Partial<RewardRules> & { pointsCost: number }, balance: number, tierRank: number): RewardFact {
  const full: RewardRules = { active: true, stock: null, perMemberLimit: null, minTierRank: null, ...rules };
  return { id, name: { de, en }, category: null, pointsCost: full.pointsCost, availability: rewardAvailability(full, { balance, tierRank, redeemedCount: 0 }) };
}

export function rewardsFor(balance: number, tierRank: number): RewardFact[] {
  return [
    reward("five-off", "5 € Rabatt", "€5 off", { pointsCost: 100 }, balance, tierRank),
    reward("shipping", "Gratis-Versand", "Free shipping", { pointsCost: 80 }, balance, tierRank),
    reward("ten-off", "10 € Rabatt", "€10 off", { pointsCost: 200 }, balance, tierRank),
    reward("bottle", "Trinkflasche", "Water bottle", { pointsCost: 500 }, balance, tierRank),
    reward("lounge", "Gold-Lounge", "Gold lounge", { pointsCost: 50, minTierRank: 2 }, balance, tierRank),
  ];
}

/** The shopper; `changes` replaces whole fields (orders, coupons …) for one test. */
export function shopperFacts(changes: Partial<ShopperFacts> = {}): ShopperFacts {
  const tierRule = parseTierRule({ window: "rolling", graceDays: 30 }, TIME_ZONE);
  const orders = changes.recentOrders ?? ORDERS;
  const standing = tierStanding(
    tierRule,
    TIERS,
    orders.map((o) => ({ paidAt: o.paidAt, netCents: o.subtotalCents - o.refundedCents })),
    NOW,
  );
  return {
    now: NOW,
    timeZone: TIME_ZONE,
    currency: "EUR",
    memberName: "Anna",
    balance: 140,
    rules: { ruleAt: () => ({ rule: EARN_RULE, version: 1 }), tierRule, tiers: TIERS },
    standing,
    rewards: rewardsFor(140, 1),
    affinity: new Map(),
    expiry: { mode: "per-earning", at: new Date("2025-07-09T22:30:00Z"), points: 40 },
    coupons: [
      { code: "TREUE-7K3M-Q9XD-2HNV", name: { de: "5 € Rabatt", en: "€5 off" }, usedAt: new Date("2025-05-20T09:00:00Z"), expiresAt: new Date("2025-06-19T09:00:00Z"), shopStatus: "created" },
      { code: "SOMMER10", name: { de: "10 € Rabatt", en: "€10 off" }, usedAt: null, expiresAt: new Date("2025-07-01T12:00:00Z"), shopStatus: null },
    ],
    openTasks: [
      { id: "newsletter", name: { de: "Newsletter abonnieren", en: "Subscribe to the newsletter" }, points: 10 },
      { id: "review", name: { de: "Produkt bewerten", en: "Review a product" }, points: 50 },
      { id: "photo", name: { de: "Foto hochladen", en: "Upload a photo" }, points: 30 },
      { id: "survey", name: { de: "Kurze Umfrage", en: "Short survey" }, points: 20 },
    ],
    referral: { enabled: true, referrerPoints: 500, stats: { invited: 3, joined: 2, purchased: 1, pointsEarned: 500, pointsPending: 0 } },
    recentOrders: orders,
    ...changes,
  };
}
