import "server-only";
import { and, eq } from "drizzle-orm";
import { couponState, type CouponState } from "../../loyalty/rewards";
import type { Database, Tx } from "../connect";
import { coupons, ledgerEntries, type CouponTerms } from "../schema";

export type CouponView = {
  code: string;
  status: CouponState;
  reward_id: string;
  member_id: string;
  kind: CouponTerms["kind"];
  name: string;
  amount_off_cents: number | null;
  percent_off: number | null;
  sku: string | null;
  min_order_cents: number | null;
  issued_at: string;
  expires_at: string;
  used_at: string | null;
  used_order_id: string | null;
};

export function couponView(coupon: typeof coupons.$inferSelect, now: Date): CouponView {
  return {
    code: coupon.code,
    status: couponState(coupon, now),
    reward_id: coupon.rewardId,
    member_id: coupon.memberId,
    kind: coupon.terms.kind,
    name: coupon.terms.name.de,
    amount_off_cents: coupon.terms.valueCents,
    percent_off: coupon.terms.percentOff,
    sku: coupon.terms.sku,
    min_order_cents: coupon.terms.minOrderCents,
    issued_at: coupon.issuedAt.toISOString(),
    expires_at: coupon.expiresAt.toISOString(),
    used_at: coupon.usedAt?.toISOString() ?? null,
    used_order_id: coupon.usedOrderId,
  };
}

export async function getCoupon(db: Database, code: string, now = new Date()): Promise<CouponView | null> {
  const [coupon] = await db.select().from(coupons).where(eq(coupons.code, code));
  return coupon ? couponView(coupon, now) : null;
}

/** Support took the coupon back: cancelled (its points went back) or replaced by a reissued code. */
export type CouponWithdrawal = { reason: "cancelled" } | { reason: "replaced"; code: string };

/**
 * Whether support cancelled or reissued a coupon, told by the rows those actions wrote (the
 * refund's ledger row, the replacement's request id), never by the clock: both also end the
 * coupon's validity, but an instance whose clock runs behind would still see it valid.
 */
export async function couponWithdrawal(tx: Tx | Database, coupon: { id: string; memberId: string; shopStatus?: string | null }): Promise<CouponWithdrawal | null> {
  // The shop refused its discount for good: the points went back as for a cancellation.
  if (coupon.shopStatus === "failed") return { reason: "cancelled" };
  const [refund] = await tx.select({ id: ledgerEntries.id }).from(ledgerEntries).where(eq(ledgerEntries.idempotencyKey, cancelKey(coupon.id)));
  if (refund) return { reason: "cancelled" };
  const [replacement] = await tx.select({ code: coupons.code }).from(coupons).where(and(eq(coupons.memberId, coupon.memberId), eq(coupons.requestId, reissueRequestId(coupon.id))));
  return replacement ? { reason: "replaced", code: replacement.code } : null;
}

/** The idempotency key of a cancelled coupon's refund in the ledger. */
export const cancelKey = (couponId: string) => `coupon-cancel:${couponId}`;
/** The request id of the coupon that replaces a reissued one. */
export const reissueRequestId = (couponId: string) => `reissue:${couponId}`;

/** The coupon with this code, locked for the rest of the transaction (two checkouts racing for it end one after the other). */
export async function lockCouponByCode(tx: Tx, code: string) {
  const [coupon] = await tx.select().from(coupons).where(eq(coupons.code, code)).for("update");
  return coupon;
}

export async function setCouponUsed(tx: Tx, couponId: string, orderId: string, now: Date) {
  const [used] = await tx.update(coupons).set({ usedAt: now, usedOrderId: orderId }).where(eq(coupons.id, couponId)).returning();
  return used!;
}
