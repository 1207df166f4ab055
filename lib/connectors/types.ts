import type { ShopEvent } from "../validations/shop-events";

import type { OrderFacts } from "../loyalty/shop-platforms";

export { platforms, type ConnectorPlatform, type OrderFacts, type Platform } from "../loyalty/shop-platforms";

/** What became of one delivery; every outcome but "invalid" is answered 200 so the platform does not retry. */
export type Mapping =
  | { outcome: "events"; events: ShopEvent[]; facts?: OrderFacts; coupons?: CouponUse }
  | { outcome: "privacy"; request: PrivacyRequest }
  | { outcome: "ignored"; reason: string }
  | { outcome: "rejected"; reason: string };

/**
 * The discount codes an order used at the shop's checkout, each in Treue's form (upper-case, once):
 * the ones that are Treue coupons are marked used by this order. `usedAt`: when the order was
 * placed (the checkout), if the platform says.
 */
export type CouponUse = { orderId: string; codes: string[]; usedAt: string | null };

export type MappingContext = {
  /** The program's currency: an order in another one is refused, never converted. */
  currency: string;
  /** The facts kept when the order earned (refunds need its tax mode and gross total). */
  facts: OrderFacts | null;
};

/** A platform's data-protection request about its customers (Shopify's mandatory privacy topics). */
export type PrivacyRequest =
  | { kind: "data-request"; customerId: string | null; email: string | null; requestId: string | null }
  | { kind: "redact-customer"; customerId: string | null; email: string | null }
  | { kind: "redact-shop"; shopDomain: string | null };
