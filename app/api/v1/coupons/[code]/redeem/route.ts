import { NextResponse } from "next/server";
import { getDb } from "@/lib/db";
import { isStoreId } from "@/lib/loyalty/shop-event-ids";
import { markCouponUsed } from "@/lib/server/rewards";
import { parseJsonBody } from "@/lib/shop-api/json-body";
import { problem } from "@/lib/shop-api/problem";
import { readSignedRequest } from "@/lib/shop-api/signed-request";
import { couponCodeParam, markUsedSchema } from "@/lib/validations/coupons";

export const dynamic = "force-dynamic";

/** The shop marks a coupon used at checkout: once. The same order asking again gets the same 200. */
export async function POST(request: Request, { params }: { params: Promise<{ code: string }> }) {
  const signed = await readSignedRequest(request);
  if (!signed.ok) return signed.response;
  const body = parseJsonBody(signed.rawBody, markUsedSchema, { kind: "invalid-body", title: "Invalid body" });
  if (!body.ok) return body.response;
  // The till marks coupons used under its own ids (store:…): a shop order must never pose as one.
  if (isStoreId(body.data.order_id)) {
    return problem(422, "reserved-order-id", "Reserved order id", `order id ${body.data.order_id} starts with store:, which is reserved for coupons redeemed at the shop's till in Treue's console: use an id without that prefix`);
  }
  const code = couponCodeParam((await params).code);
  const outcome = code ? await markCouponUsed(await getDb(), code, body.data.order_id) : { status: "unknown" as const };
  switch (outcome.status) {
    case "unknown":
      return problem(404, "not-found", "Unknown coupon", "no coupon has this code");
    case "expired":
      return problem(410, "coupon-expired", "Coupon expired", `coupon ${outcome.coupon.code} expired at ${outcome.coupon.expires_at}`);
    case "withdrawn":
      // The type a shop already handles for a code that no longer works; the detail says why.
      return problem(410, "coupon-expired", "Coupon no longer valid", `coupon ${outcome.coupon.code} ${outcome.reason === "cancelled" ? "was cancelled and its points refunded" : "was replaced by a new code"}`);
    case "already-used":
      return problem(409, "coupon-used", "Coupon already used", `coupon ${outcome.coupon.code} was used by order ${outcome.coupon.used_order_id} at ${outcome.coupon.used_at}`);
    case "used":
      return NextResponse.json(outcome.coupon, { headers: { "cache-control": "no-store" } });
  }
}
