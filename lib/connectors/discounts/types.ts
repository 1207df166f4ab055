// A redeemed reward as a real discount in the shop: what Treue asks each platform's admin API to
// create, and what the platform's answer means for the coupon. One adapter per platform
// (shopify.ts, woocommerce.ts, shopware.ts); run.ts drives them and settle.ts settles their answers.
import type { RewardKind } from "../../loyalty/rewards";
import type { ConnectorPlatform } from "../types";

/** The coupon as the shop should honour it: one use, by this customer, until it expires. */
export type ShopDiscount = {
  /** The code the shopper types (Treue's coupon code), unique in the shop. */
  code: string;
  /** How the discount is named in the shop's admin (German first: the program's language). */
  title: string;
  kind: RewardKind;
  /** amount_off: money off the order, in minor units of `currency`. */
  valueCents: number | null;
  /** percent_off: 1–100. */
  percentOff: number | null;
  /** free_product: the product's SKU. */
  sku: string | null;
  /** The order's subtotal must reach this (minor units), or null. */
  minOrderCents: number | null;
  /** The shop's product category the discount is limited to (as order items name it), or null. */
  category: string | null;
  /** ISO 4217, the program's currency. */
  currency: string;
  startsAt: Date;
  endsAt: Date;
  customer: { email: string; shopCustomerId: string | null };
};

/**
 * A platform's answer. `retry`: the shop is down, slow or rate-limiting, so the same call may work
 * later; otherwise the refusal is for good (the points go back). `reason` is for staff (Connections),
 * never the platform's raw answer body.
 */
export type DiscountCall<T> = ({ ok: true } & T) | { ok: false; retry: boolean; reason: string };

export interface DiscountAdapter {
  readonly platform: ConnectorPlatform;
  /** Creates the discount; `externalId` is the platform's id of it, to disable it later. */
  create(discount: ShopDiscount): Promise<DiscountCall<{ externalId: string }>>;
  /** Ends a discount (the coupon was cancelled): deleted or disabled, whichever the platform offers. */
  disable(externalId: string): Promise<DiscountCall<object>>;
  /** A harmless read with the credentials: whether discounts can be created (Console → Connections). */
  check(): Promise<DiscountCall<{ detail: string }>>;
}

/** Reward kinds that can become a discount on each platform; others keep Treue's own code only. */
export const DISCOUNT_KINDS: Record<ConnectorPlatform, readonly RewardKind[]> = {
  shopify: ["amount_off", "percent_off", "free_shipping", "free_product"],
  woocommerce: ["amount_off", "percent_off", "free_shipping", "free_product"],
  shopware: ["amount_off", "percent_off", "free_shipping", "free_product"],
};
