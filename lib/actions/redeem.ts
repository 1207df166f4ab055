"use server";

import { getDb } from "../db";
import { redeemReward } from "../db/queries/rewards";
import { redeemRequestSchema } from "../validations/rewards";
import { authedAction } from "./authed";

export type RedeemResult = { status: "issued"; couponId: string } | { status: "refused"; reason: string; missingPoints?: number } | { status: "invalid" };

/** Redeems as the signed-in member; the client's request id makes a retry charge once. */
export const redeem = authedAction(async (member, rewardId: string, requestId: string): Promise<RedeemResult> => {
  const parsed = redeemRequestSchema.safeParse({ rewardId, requestId });
  if (!parsed.success) return { status: "invalid" };
  const outcome = await redeemReward(await getDb(), member.id, parsed.data.rewardId, parsed.data.requestId);
  if (outcome.status === "unknown-reward") return { status: "refused", reason: "inactive" };
  if (outcome.status === "refused") {
    const { availability } = outcome;
    return { status: "refused", reason: availability.reason, ...(availability.reason === "insufficient-points" && { missingPoints: availability.missingPoints }) };
  }
  // No revalidation: the shopper goes on to the Wallet as a new document, and other tabs hear of it (announceChange).
  return { status: "issued", couponId: outcome.coupon.id };
});
