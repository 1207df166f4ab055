// Shopware 6 (app system): the registration handshake's proofs and the order webhooks as Treue's
// shop events. Pure. An order earns when its payment enters "paid"; "refunded" and "cancelled"
// take back the rest; "refunded_partially" takes back each completed refund's share, read through
// the shop's Admin API (shopware-admin.ts). See docs/connectors.md.
import { z } from "zod";
import { toCents } from "../loyalty/money";
import { couponUse, refundShareEvent, rejected } from "./mapping";
import { hmacSha256 } from "./signature";
import type { Mapping, MappingContext, OrderFacts } from "./types";
import type { ShopEvent } from "../validations/shop-events";

/** The proof Treue answers registration with: HMAC(shopId + shopUrl + appName) under the app secret. */
export function registrationProof(shopId: string, shopUrl: string, appName: string, appSecret: string): string {
  return hmacSha256(appSecret, `${shopId}${shopUrl}${appName}`, "hex");
}

const amount = z.union([z.number(), z.string()]);
const taxes = z.array(z.object({ tax: amount })).nullish();
const lineSchema = z.object({
  id: z.string().nullish(),
  type: z.string().nullish(),
  label: z.string().nullish(),
  quantity: z.number().int().min(0),
  totalPrice: amount,
  /** A promotion's `code` is the code entered at checkout; empty for a promotion applied without one. */
  payload: z.object({ productNumber: z.string().nullish(), code: z.string().nullish() }).passthrough().nullish(),
  price: z.object({ calculatedTaxes: taxes }).passthrough().nullish(),
});
const orderSchema = z.object({
  id: z.string().min(1),
  orderNumber: z.string().nullish(),
  orderDateTime: z.string().nullish(),
  currency: z.object({ isoCode: z.string() }).nullish(),
  price: z.object({ taxStatus: z.string().nullish() }).passthrough().nullish(),
  amountTotal: amount.nullish(),
  orderCustomer: z.object({ customerId: z.string().nullish(), email: z.string().nullish(), firstName: z.string().nullish(), lastName: z.string().nullish() }).nullish(),
  lineItems: z.array(lineSchema).default([]),
});
const webhookSchema = z.object({ data: z.object({ event: z.string(), payload: z.object({ order: orderSchema.passthrough() }).passthrough() }).passthrough() }).passthrough();

const cents = (value: unknown) => toCents(value) ?? 0;
/** Products and the promotions (negative lines) that discount them count; shipping is no line item. */
const MERCHANDISE = new Set(["product", "promotion", "custom", "credit"]);

export function shopwareOrderFacts(order: z.infer<typeof orderSchema>): OrderFacts {
  const gross = order.price?.taxStatus !== "net" && order.price?.taxStatus !== "tax-free";
  let total = 0;
  let net = 0;
  for (const line of order.lineItems) {
    if (line.type && !MERCHANDISE.has(line.type)) continue;
    const value = cents(line.totalPrice);
    const tax = (line.price?.calculatedTaxes ?? []).reduce((s, t) => s + cents(t.tax), 0);
    total += value;
    net += gross ? value - tax : value;
  }
  return { orderId: order.id, taxesIncluded: gross, grossCents: Math.max(0, cents(order.amountTotal ?? total)), netCents: Math.max(0, net) };
}

export function mapShopware(payload: unknown, context: MappingContext): Mapping {
  const parsed = webhookSchema.safeParse(payload);
  if (!parsed.success) {
    const event = (payload as { data?: { event?: unknown } } | null)?.data?.event;
    if (typeof event === "string" && !event.includes("order")) return { outcome: "ignored", reason: `event ${event} is not used by Treue` };
    return rejected(parsed.error);
  }
  const { event, payload: body } = parsed.data.data;
  const order = body.order;
  const at = order.orderDateTime ?? new Date().toISOString();
  switch (event) {
    case "state_enter.order_transaction.state.paid":
      return orderPaid(order, context);
    case "state_enter.order_transaction.state.refunded":
    case "state_enter.order_transaction.state.cancelled":
    case "state_enter.order.state.cancelled":
    case PARTIAL_REFUND: {
      if (!context.facts) return { outcome: "ignored", reason: `order ${order.orderNumber ?? order.id} never earned points here` };
      // Its amounts are read from the shop (mapShopwareRefunds); the intake does that before mapping.
      if (event === PARTIAL_REFUND) return { outcome: "ignored", reason: "a partial refund's amount comes from the shop's Admin API" };
      return { outcome: "events", events: [{ id: `shopware:order:${order.id}:${event}`, type: "order.refunded", occurred_at: new Date().toISOString(), data: { order_id: order.id, amount_cents: Math.max(1, context.facts.netCents) } }] };
    }
    case "checkout.order.placed":
      return { outcome: "ignored", reason: `order ${order.orderNumber ?? order.id} placed; it earns when paid` };
    default:
      return { outcome: "ignored", reason: `event ${event} is not used by Treue (at ${at})` };
  }
}

function orderPaid(order: z.infer<typeof orderSchema>, context: MappingContext): Mapping {
  const currency = order.currency?.isoCode ?? context.currency;
  if (currency !== context.currency) return { outcome: "rejected", reason: `the order is in ${currency}, the program in ${context.currency}` };
  const email = order.orderCustomer?.email;
  if (!email) return { outcome: "rejected", reason: "the order names no customer e-mail address" };
  const facts = shopwareOrderFacts(order);
  const name = [order.orderCustomer?.firstName, order.orderCustomer?.lastName].filter(Boolean).join(" ");
  const customerId = order.orderCustomer?.customerId ?? undefined;
  const event: ShopEvent = {
    id: `shopware:order:${order.id}:paid`,
    type: "order.paid",
    occurred_at: order.orderDateTime ?? new Date().toISOString(),
    data: {
      order_id: order.id,
      customer: { ...(customerId && { id: customerId }), email, ...(name && { name }) },
      currency,
      subtotal_cents: facts.netCents,
      items: order.lineItems
        .filter((line) => line.type === "product" && line.quantity > 0)
        .map((line) => ({
          sku: line.payload?.productNumber || line.id || "product",
          name: line.label || "Artikel",
          quantity: line.quantity,
          unit_price_cents: Math.max(0, Math.round(cents(line.totalPrice) / line.quantity)),
        })),
    },
  };
  const codes = order.lineItems.filter((line) => line.type === "promotion").map((line) => line.payload?.code);
  return { outcome: "events", events: [event], facts, coupons: couponUse(order.id, codes, order.orderDateTime) };
}

/** Announces a partial refund without its amount: the refunds are read from the shop itself. */
export const PARTIAL_REFUND = "state_enter.order_transaction.state.refunded_partially";

/**
 * A partial refund's completed refund records as refund events, each its share of the order's
 * total, once per refund id however often Shopware announces the state.
 */
export function mapShopwareRefunds(orderId: string, refunds: readonly { id: string; totalPrice: number | string }[], context: MappingContext): Mapping {
  const facts = context.facts;
  if (!facts) return { outcome: "ignored", reason: `order ${orderId} never earned points here` };
  const at = new Date().toISOString();
  const events = refunds.map((refund) => refundShareEvent(`shopware:refund:${refund.id}`, orderId, cents(refund.totalPrice), facts, at)).filter((event) => event !== null);
  if (events.length === 0) {
    return { outcome: "ignored", reason: `order ${orderId} was marked partially refunded but the shop records no completed refund with an amount: take the points back by hand (Console → Members)` };
  }
  return { outcome: "events", events };
}

export function shopwareOrderRef(payload: unknown): string | null {
  const id = (payload as { data?: { payload?: { order?: { id?: unknown } } } } | null)?.data?.payload?.order?.id;
  return typeof id === "string" ? id : null;
}
