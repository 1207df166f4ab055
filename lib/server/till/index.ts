// The shop's till (Console → Kasse): finding a member by their card, booking an in-store purchase
// through the shop's own order path, redeeming a coupon shown from a phone. SQL: lib/db/queries/till.ts.
export { lookUpAtTill, type TillLookup } from "./find-member";
export { bookStorePurchase, type TillBooking } from "./book-purchase";
export { redeemCouponAtTill, type TillRedemption } from "./redeem-coupon";
