// Rewards and coupons as a member and a shop use them: redeeming (the app and the shop's launcher
// share one path) and a shop order using a coupon. The SQL is lib/db/queries/rewards.ts and coupons.ts.
export { redeemForMember, type RedeemResult } from "./redeem";
export { redeemReward, type RedeemOutcome } from "./redeem-reward";
export { markCouponUsed, type MarkUsedOutcome } from "./coupon-use";
