// A shop order using a coupon: once, and only while the coupon is good.
import "server-only";
import type { Database } from "../../db/connect";
import { couponView, couponWithdrawal, lockCouponByCode, setCouponUsed, type CouponView, type CouponWithdrawal } from "../../db/queries/coupons";

export type MarkUsedOutcome =
  | { status: "used"; coupon: CouponView }
  | { status: "unknown" }
  | { status: "expired"; coupon: CouponView }
  | { status: "withdrawn"; reason: CouponWithdrawal["reason"]; coupon: CouponView }
  | { status: "already-used"; coupon: CouponView };

/**
 * Marks a coupon used by a shop order, once. The row lock makes two checkouts racing for one
 * code end with one winner; the same order reporting again (a retry) gets the same answer.
 */
export async function markCouponUsed(db: Database, code: string, orderId: string, now = new Date()): Promise<MarkUsedOutcome> {
  return db.transaction(async (tx) => {
    const coupon = await lockCouponByCode(tx, code);
    if (!coupon) return { status: "unknown" as const };
    if (coupon.usedAt) {
      return coupon.usedOrderId === orderId ? { status: "used" as const, coupon: couponView(coupon, now) } : { status: "already-used" as const, coupon: couponView(coupon, now) };
    }
    const withdrawn = await couponWithdrawal(tx, coupon);
    if (withdrawn) return { status: "withdrawn" as const, reason: withdrawn.reason, coupon: couponView(coupon, now) };
    if (coupon.expiresAt <= now) return { status: "expired" as const, coupon: couponView(coupon, now) };
    return { status: "used" as const, coupon: couponView(await setCouponUsed(tx, coupon.id, orderId, now), now) };
  });
}
