import "server-only";
// order.refunded: the points the refunded part earned are taken back (lib/loyalty/refund.ts), from
// the balance as far as it goes and as debt beyond; the tier is settled by the order's net amount
// after the refund, and a friend's referral it qualified is cancelled when it no longer would.
import { DomainError } from "../../errors";
import { clawbackForRefund, splitClawback } from "../../loyalty/refund";
import { tierStanding } from "../../loyalty/tier-standing";
import type { ShopEvent } from "../../validations/shop-events";
import type { Tx } from "../../db/connect";
import { addPointsDebt, clawBackPoints, lockMemberState, lockOrderByShopId, recordOrderRefund } from "../../db/queries/order-refunds";
import type { ProgramConfig } from "../../db/queries/program";
import { cancelReferralForRefund } from "../../db/queries/referrals";
import { recordTier } from "../../db/queries/tiers";
import type { Applied } from "./order-paid";

export type OrderRefunded = Extract<ShopEvent, { type: "order.refunded" }>;

/** Inside the transaction that claimed the event id: the order, then its member, locked in that order. */
export async function applyOrderRefunded(tx: Tx, config: ProgramConfig, event: OrderRefunded, now: Date): Promise<Applied> {
  const { order_id: shopOrderId, amount_cents: amountCents } = event.data;
  const order = await lockOrderByShopId(tx, shopOrderId);
  if (!order) throw new DomainError("unknown-order", `no paid order ${shopOrderId} is known; send its order.paid first`);
  const { refundedCents, points } = clawbackForRefund(order, amountCents);
  const member = await lockMemberState(tx, order.memberId, config.tierRule, now);
  const balance = member?.balance ?? 0;
  const netAfter = order.subtotalCents - refundedCents;
  const history = (member?.orders ?? []).map((o) => (o.id === order.id ? { ...o, netCents: netAfter } : o));
  const standing = tierStanding(config.tierRule, config.tiers, history, now, member?.floor ?? null);
  await recordTier(tx, config.tiers, order.memberId, member?.tierId ?? null, standing, now);
  await cancelReferralForRefund(tx, config.referralRule, order.id, netAfter);
  const { fromBalance, toDebt } = splitClawback(balance, points);
  await recordOrderRefund(tx, order.id, refundedCents, order.pointsClawedBack + points);
  if (fromBalance > 0) await clawBackPoints(tx, order.memberId, fromBalance, shopOrderId, event.id);
  if (toDebt > 0) await addPointsDebt(tx, order.memberId, toDebt);
  return {
    memberId: order.memberId,
    pointsDelta: fromBalance === 0 ? 0 : -fromBalance,
    balance: balance - fromBalance,
    standing,
  };
}
