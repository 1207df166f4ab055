"use server";

import { redeemForMember, type RedeemResult } from "../server/rewards";
import { authedAction } from "./authed";

export type { RedeemResult };

/** Redeems as the signed-in member; the client's request id makes a retry charge once. `valueCents`: the amount chosen for a points_off reward. */
export const redeem = authedAction(async (member, rewardId: string, requestId: string, valueCents?: number): Promise<RedeemResult> =>
  // No revalidation: the shopper goes on to the Wallet as a new document, and other tabs hear of it (announceChange).
  redeemForMember(member.id, rewardId, requestId, valueCents),
);
