import type { z } from "zod";
import { proRata } from "../loyalty/money";
import { couponCodeParam } from "../validations/coupons";
import { describeIssues, type ShopEvent } from "../validations/shop-events";
import type { CouponUse, Mapping, OrderFacts } from "./types";

/** Where and what is wrong with a payload, for the delivery log: "/line_items/0/price: …". */
export function firstIssue(error: z.ZodError): string {
  const [issue] = describeIssues(error);
  return issue ? `${issue.pointer}: ${issue.detail}` : "unexpected payload";
}

/** A payload Treue cannot use: answered 200 (so the platform does not retry) and shown in Connections. */
export function rejected(error: z.ZodError): Mapping {
  return { outcome: "rejected", reason: firstIssue(error) };
}

/**
 * A refund the platform reports as what the customer got back (tax and any shipping included):
 * its share of the order's total is the share of the earning merchandise taken back. None when
 * nothing of the earning base is affected.
 */
export function refundShareEvent(id: string, orderId: string, refundedCents: number, facts: OrderFacts, at: string): ShopEvent | null {
  const share = proRata(Math.abs(refundedCents), facts.netCents, facts.grossCents);
  return share > 0 ? { id, type: "order.refunded", occurred_at: at, data: { order_id: orderId, amount_cents: share } } : null;
}

/**
 * The codes an order used, as Treue writes coupon codes: the shops compare codes regardless of case
 * (WooCommerce even stores them lower-case), Treue issues them upper-case. A code that cannot be one
 * of Treue's (empty, spaces, other characters) is dropped here; the rest are looked up.
 */
export function couponUse(orderId: string, codes: readonly (string | null | undefined)[], usedAt: string | null | undefined): CouponUse | undefined {
  const normalised = new Set(codes.map((code) => (code ? couponCodeParam(code) : null)).filter((code) => code !== null));
  return normalised.size > 0 ? { orderId, codes: [...normalised], usedAt: usedAt ?? null } : undefined;
}
