// A coupon just redeemed from the launcher, as the panel shows it: the code once the shop has it
// (until then it could not be used at checkout), and whether the shop's cart takes it by link.
import type { LocalizedText } from "../db/schema";

export type IssuedCoupon = { code: string; expiresAt: Date; shopStatus: string | null; shopPlatform: string | null; rewardName: LocalizedText };

export type IssuedCouponView = {
  reward: string;
  /** Null while the shop is still creating the discount: the app's wallet shows it when it is there. */
  code: string | null;
  expires_at: string;
  /** Shopify's storefront applies a code by visiting /discount/CODE; other platforms take it at checkout. */
  apply: "shopify-link" | null;
  /** "failed": the shop refused the discount for good, and the points went back (lib/connectors/discounts). */
  state: "ready" | "pending" | "failed";
};

export function issuedCouponView(coupon: IssuedCoupon, lang: "de" | "en"): IssuedCouponView {
  const ready = coupon.shopStatus === null || coupon.shopStatus === "created";
  const state = ready ? "ready" : coupon.shopStatus === "failed" ? "failed" : "pending";
  return {
    state,
    reward: coupon.rewardName[lang],
    code: ready ? coupon.code : null,
    expires_at: coupon.expiresAt.toISOString(),
    apply: ready && coupon.shopPlatform === "shopify" ? "shopify-link" : null,
  };
}
