import { getIssuedCoupon } from "@/lib/db/queries/storefront";
import { redeemForMember } from "@/lib/server/rewards";
import { problem } from "@/lib/shop-api/problem";
import { issuedCouponView } from "@/lib/storefront/issued-coupon";
import { widgetAction, widgetPreflight } from "@/lib/storefront/widget-route";

export const dynamic = "force-dynamic";

/** Redeem from the launcher: the app's own redemption (points, limits, the shop's discount), then the code. */
export function POST(request: Request) {
  return widgetAction(request, async ({ db, body, visitor }) => {
    if (visitor.kind !== "member") return problem(401, "unauthenticated", "Not a member", "redeeming needs the shop's signed identity of a member");
    const result = await redeemForMember(visitor.memberId, body.reward_id, body.request_id);
    if (result.status === "invalid") return problem(400, "invalid-body", "Invalid redemption", "reward_id (the reward's id) and request_id (a UUID made once per tap) are required");
    if (result.status === "refused") return Response.json({ status: "refused", reason: result.reason, missing_points: result.missingPoints ?? null }, { status: 409 });
    const coupon = await getIssuedCoupon(db, visitor.memberId, result.couponId);
    return { status: "issued", coupon: coupon && issuedCouponView(coupon, body.lang) };
  });
}

export const OPTIONS = widgetPreflight;
