// Redeeming a reward for a member, wherever the shopper taps (the app's Rewards screen, the
// launcher on the shop's pages): the one path, so both charge, limit and reach the shop alike.
import "server-only";
import { discountAdapters, discountChooser, processShopDiscounts } from "../../connectors/discounts/run";
import { getDb } from "../../db";
import { programCurrency } from "../../db/queries/program";
import { redeemReward } from "./redeem-reward";
import { nudgeDelivery } from "../../jobs/runner";
import { redeemRequestSchema } from "../../validations/rewards";

export type RedeemResult = { status: "issued"; couponId: string } | { status: "refused"; reason: string; missingPoints?: number } | { status: "invalid" };

/** How long the shopper waits for the shop to create the discount before the wallet says it is on its way. */
const SHOP_WAIT_MS = 3_000;

/** Redeems as `memberId`; the client's request id makes a retry charge once. `valueCents`: the amount chosen for a points_off reward. */
export async function redeemForMember(memberId: string, rewardId: unknown, requestId: unknown, valueCents?: unknown): Promise<RedeemResult> {
  const parsed = redeemRequestSchema.safeParse({ rewardId, requestId, valueCents });
  if (!parsed.success) return { status: "invalid" };
  const db = await getDb();
  const adapters = await discountAdapters(db);
  const shopFor = discountChooser(adapters);
  const outcome = await redeemReward(db, memberId, parsed.data.rewardId, parsed.data.requestId, new Date(), shopFor, parsed.data.valueCents);
  if (outcome.status === "unknown-reward") return { status: "refused", reason: "inactive" };
  if (outcome.status === "refused") {
    const { availability } = outcome;
    return { status: "refused", reason: availability.reason, ...(availability.reason === "insufficient-points" && { missingPoints: availability.missingPoints }) };
  }
  if (outcome.coupon.shopStatus === "pending") {
    // The first try now, while the shopper waits; the job queue goes on with it if the shop is slow or down.
    const currency = await programCurrency(db);
    const first = processShopDiscounts(db, () => new Date(), { couponId: outcome.coupon.id, currency, adapters });
    await Promise.race([first.catch(() => undefined), new Promise((resolve) => setTimeout(resolve, SHOP_WAIT_MS))]);
    nudgeDelivery();
  }
  return { status: "issued", couponId: outcome.coupon.id };
}
