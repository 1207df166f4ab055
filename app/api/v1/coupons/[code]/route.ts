import { NextResponse } from "next/server";
import { getDb } from "@/lib/db";
import { getCoupon } from "@/lib/db/queries/coupons";
import { problem } from "@/lib/shop-api/problem";
import { readSignedRequest } from "@/lib/shop-api/signed-request";
import { couponCodeParam } from "@/lib/validations/coupons";

export const dynamic = "force-dynamic";

/** A coupon's value and conditions, for the shop's checkout. Expired coupons are 410, used ones say so. */
export async function GET(request: Request, { params }: { params: Promise<{ code: string }> }) {
  const signed = await readSignedRequest(request);
  if (!signed.ok) return signed.response;
  const code = couponCodeParam((await params).code);
  const coupon = code ? await getCoupon(await getDb(), code) : null;
  if (!coupon) return problem(404, "not-found", "Unknown coupon", "no coupon has this code");
  if (coupon.status === "expired") return problem(410, "coupon-expired", "Coupon expired", `coupon ${coupon.code} expired at ${coupon.expires_at}`);
  return NextResponse.json(coupon, { headers: { "cache-control": "no-store" } });
}
