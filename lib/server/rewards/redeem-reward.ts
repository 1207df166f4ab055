// Redeeming a reward for points: the checks, the charge and the coupon in one transaction.
import "server-only";
import type { ConnectorPlatform } from "../../connectors/types";
import type { Database } from "../../db/connect";
import { getProgramConfig } from "../../db/queries/program";
import {
  availabilityFor,
  countRedeemed,
  couponForRequest,
  couponTermsOf,
  debitRedemption,
  insertCoupon,
  memberRewardState,
  rewardOfferedTo,
  takeCouponCode,
  type Coupon,
  type Reward,
} from "../../db/queries/rewards";
import { holdForShop } from "../../db/queries/shop-discounts";
import { pointsOffQuote, pointsOffRules, type PointsOffRefusal } from "../../loyalty/points-off";
import { couponExpiry, type Availability } from "../../loyalty/rewards";

export type RedeemOutcome =
  | { status: "issued" | "duplicate"; coupon: Coupon }
  | { status: "refused"; availability: Exclude<Availability, { ok: true }> | PointsOffRefusal }
  | { status: "unknown-reward" };

/**
 * Redeems a reward in one transaction: the member row is locked first (so balance and
 * per-member limit checks cannot race), stock is taken by a conditional decrement, the code
 * comes from the shop's pool (SKIP LOCKED) or is generated, and the debit is a ledger row the
 * balance CHECK guards. The client's request id makes a retry or a double tap return the same coupon.
 * A points_off reward charges the points for `chosenCents` (the shopper's choice) and issues money
 * off of that much; an amount that is no whole step, outside its bounds or beyond the balance is refused.
 */
export async function redeemReward(
  db: Database,
  memberId: string,
  rewardId: string,
  requestId: string,
  now = new Date(),
  /** The connection that creates this reward's discount in the shop (lib/connectors/discounts/run.ts), if any. */
  shopFor: (reward: Reward) => ConnectorPlatform | null = () => null,
  /** points_off: the money off the shopper chose, in minor units. */
  chosenCents?: number,
): Promise<RedeemOutcome> {
  const config = await getProgramConfig(db);
  return db.transaction(async (tx) => {
    const member = await memberRewardState(tx, config, memberId, now, true);
    if (!member) return { status: "unknown-reward" as const };
    const earlier = await couponForRequest(tx, memberId, requestId);
    if (earlier) return { status: "duplicate" as const, coupon: earlier };

    const reward = await rewardOfferedTo(tx, memberId, rewardId, now);
    if (!reward) return { status: "unknown-reward" as const };
    const availability = availabilityFor(config, reward, member, await countRedeemed(tx, memberId, rewardId));
    if (!availability.ok) return { status: "refused" as const, availability };
    let pointsCost = reward.pointsCost;
    let valueCents: number | undefined;
    const pointsOff = pointsOffRules(reward);
    if (reward.kind === "points_off") {
      const quote = pointsOff ? pointsOffQuote(pointsOff, chosenCents ?? Number.NaN, member.balance) : ({ ok: false, reason: "not-a-step" } as const);
      if (!quote.ok) return { status: "refused" as const, availability: quote };
      pointsCost = quote.points;
      valueCents = quote.valueCents;
    }

    const taken = await takeCouponCode(tx, reward);
    if (!taken) return { status: "refused" as const, availability: { ok: false as const, reason: "sold-out" as const } };
    const terms = couponTermsOf(reward, config.currency, valueCents);
    const coupon = await insertCoupon(tx, { memberId, rewardId, code: taken.code, requestId, pointsCost, terms, issuedAt: now, expiresAt: couponExpiry(now, reward.couponValidDays) }, taken.poolId);
    await debitRedemption(tx, memberId, rewardId, coupon.id, pointsCost, now);
    // The points are held; the code shows once the shop has the discount (or they come back).
    // Money off of the chosen value, to the shop as to everything else.
    const platform = shopFor(pointsOff ? { ...reward, kind: "amount_off" } : reward);
    if (platform) {
      await holdForShop(tx, coupon.id, platform, now);
      return { status: "issued" as const, coupon: { ...coupon, shopStatus: "pending" as const, shopPlatform: platform, shopNextAttemptAt: now, shopUpdatedAt: now } };
    }
    return { status: "issued" as const, coupon };
  });
}
