// Whether a member can redeem a reward, and if not, the one reason to show. Pure.

/** points_off: the shopper chooses the money off, in steps of points (lib/loyalty/points-off.ts); its coupon is amount_off. */
export const rewardKinds = ["amount_off", "percent_off", "free_shipping", "free_product", "sale_access", "points_off"] as const;
export type RewardKind = (typeof rewardKinds)[number];
export type RewardRules = {
  pointsCost: number;
  active: boolean;
  stock: number | null;
  perMemberLimit: number | null;
  /** Rank (0 = lowest tier) a member must hold, or null. */
  minTierRank: number | null;
};

export type RedeemerState = {
  balance: number;
  /** Rank of the tier held now, or null when the program has none. */
  tierRank: number | null;
  /** Coupons this member already got for this reward. */
  redeemedCount: number;
};

export type Availability =
  | { ok: true }
  | { ok: false; reason: "inactive" | "sold-out" | "limit-reached" | "tier-required" }
  | { ok: false; reason: "insufficient-points"; missingPoints: number };

/** The first reason that blocks, in the order a shopper can do least about. */
export function rewardAvailability(reward: RewardRules, member: RedeemerState): Availability {
  if (!reward.active) return { ok: false, reason: "inactive" };
  if (reward.stock !== null && reward.stock <= 0) return { ok: false, reason: "sold-out" };
  if (reward.perMemberLimit !== null && member.redeemedCount >= reward.perMemberLimit) return { ok: false, reason: "limit-reached" };
  if (reward.minTierRank !== null && (member.tierRank ?? -1) < reward.minTierRank) return { ok: false, reason: "tier-required" };
  if (member.balance < reward.pointsCost) return { ok: false, reason: "insufficient-points", missingPoints: reward.pointsCost - member.balance };
  return { ok: true };
}

export type CouponState = "active" | "used" | "expired";

export function couponState(coupon: { usedAt: Date | null; expiresAt: Date }, now: Date): CouponState {
  if (coupon.usedAt) return "used";
  return coupon.expiresAt <= now ? "expired" : "active";
}

/**
 * The coupon as the shopper's wallet shows it: "pending" while the shop creates its discount (the
 * code is not shown yet: it would not work), "failed" when the shop refused it for good (the
 * points came back), else its state as a code.
 */
export type WalletState = CouponState | "pending" | "failed";

export function walletState(coupon: { usedAt: Date | null; expiresAt: Date; shopStatus: string | null }, now: Date): WalletState {
  if (coupon.usedAt) return "used";
  if (coupon.shopStatus === "failed") return "failed";
  if (coupon.shopStatus === "pending") return "pending";
  return couponState(coupon, now);
}

/** When a coupon issued now stops being valid: exactly `validDays` × 24 h later. */
export function couponExpiry(issuedAt: Date, validDays: number): Date {
  return new Date(issuedAt.getTime() + validDays * 86_400_000);
}
