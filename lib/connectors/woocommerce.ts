// WooCommerce's webhooks (order.created / order.updated, customer.updated) as Treue's shop events.
// An order is updated many times: it earns once, when its status first reaches one the shop counts
// as paid; each entry of `refunds[]` and the status "refunded" take points back. See docs/connectors.md.
import { z } from "zod";
import { toCents } from "../loyalty/money";
import { couponUse, refundShareEvent, rejected } from "./mapping";
import type { CouponUse, Mapping, MappingContext, OrderFacts } from "./types";
import type { ShopEvent } from "../validations/shop-events";

export const DEFAULT_PAID_STATUSES = ["processing", "completed"] as const;

const idLike = z.union([z.number().int(), z.string().min(1)]).transform(String);
const amount = z.union([z.string(), z.number()]);
/** WooCommerce's *_gmt dates carry no zone: they are UTC. */
const gmt = z
  .string()
  .nullish()
  .transform((v) => (v ? (/[zZ]|[+-]\d\d:\d\d$/.test(v) ? v : `${v}Z`) : null));

const orderSchema = z.object({
  id: idLike,
  status: z.string(),
  currency: z.string(),
  prices_include_tax: z.boolean().default(false),
  total: amount,
  customer_id: z.union([z.number().int(), z.string()]).nullish(),
  billing: z.object({ email: z.string().nullish(), first_name: z.string().nullish(), last_name: z.string().nullish() }).nullish(),
  date_paid_gmt: gmt,
  date_created_gmt: gmt,
  date_modified_gmt: gmt,
  line_items: z
    .array(z.object({ id: idLike, name: z.string().nullish(), sku: z.string().nullish(), product_id: idLike.nullish(), quantity: z.number().int().min(0), total: amount }))
    .default([]),
  refunds: z.array(z.object({ id: idLike, total: amount })).default([]),
  /** The coupons applied at checkout; WooCommerce keeps their codes lower-case. */
  coupon_lines: z.array(z.object({ code: z.string().nullish() })).default([]),
});

const customerSchema = z.object({
  id: idLike,
  email: z.string().nullish(),
  first_name: z.string().nullish(),
  last_name: z.string().nullish(),
  date_modified_gmt: gmt,
});

const cents = (value: unknown) => toCents(value) ?? 0;

/** Line totals are after discounts and without tax in either tax mode; the order total includes shipping and tax. */
export function wooOrderFacts(order: z.infer<typeof orderSchema>): OrderFacts {
  const net = order.line_items.reduce((s, line) => s + cents(line.total), 0);
  return { orderId: order.id, taxesIncluded: order.prices_include_tax, grossCents: Math.max(0, cents(order.total)), netCents: Math.max(0, net) };
}

export function mapWooCommerce(topic: string, payload: unknown, context: MappingContext & { paidStatuses: readonly string[] }): Mapping {
  if (topic === "order.created" || topic === "order.updated") return orderChanged(payload, context);
  if (topic === "customer.created" || topic === "customer.updated") return customerChanged(payload);
  return { outcome: "ignored", reason: `topic ${topic || "(none)"} is not used by Treue` };
}

function orderChanged(payload: unknown, context: MappingContext & { paidStatuses: readonly string[] }): Mapping {
  const parsed = orderSchema.safeParse(payload);
  if (!parsed.success) return rejected(parsed.error);
  const order = parsed.data;
  const paidNow = context.paidStatuses.includes(order.status);
  const facts = context.facts ?? (paidNow ? wooOrderFacts(order) : null);
  if (!facts) return { outcome: "ignored", reason: `order ${order.id} is ${order.status}, not yet paid` };
  if (order.currency !== context.currency) return { outcome: "rejected", reason: `the order is in ${order.currency}, the program in ${context.currency}` };

  const events: ShopEvent[] = [];
  let coupons: CouponUse | undefined;
  if (!context.facts) {
    const email = order.billing?.email;
    if (!email) return { outcome: "rejected", reason: "the order names no billing e-mail address" };
    const name = [order.billing?.first_name, order.billing?.last_name].filter(Boolean).join(" ");
    const customerId = order.customer_id && String(order.customer_id) !== "0" ? String(order.customer_id) : undefined; // 0: a guest
    events.push({
      id: `woocommerce:order:${order.id}:paid`,
      type: "order.paid",
      occurred_at: order.date_paid_gmt ?? order.date_created_gmt ?? new Date().toISOString(),
      data: {
        order_id: order.id,
        customer: { ...(customerId && { id: customerId }), email, ...(name && { name }) },
        currency: order.currency,
        subtotal_cents: facts.netCents,
        items: order.line_items
          .filter((line) => line.quantity > 0)
          .map((line) => ({
            sku: line.sku || `product-${line.product_id ?? line.id}`,
            name: line.name || line.sku || "Artikel",
            quantity: line.quantity,
            unit_price_cents: Math.max(0, Math.round(cents(line.total) / line.quantity)),
          })),
      },
    });
    // Marked used once, with the order's first paid status (like its points); a pending order may never be paid.
    coupons = couponUse(order.id, order.coupon_lines.map((line) => line.code), order.date_created_gmt);
  }
  const at = order.date_modified_gmt ?? new Date().toISOString();
  for (const refund of order.refunds) {
    const event = refundShareEvent(`woocommerce:refund:${refund.id}`, order.id, cents(refund.total), facts, at);
    if (event) events.push(event);
  }
  if (order.status === "refunded" || order.status === "cancelled") {
    events.push({ id: `woocommerce:order:${order.id}:${order.status}`, type: "order.refunded", occurred_at: at, data: { order_id: order.id, amount_cents: Math.max(1, facts.netCents) } });
  }
  return events.length > 0 ? { outcome: "events", events, facts, coupons } : { outcome: "ignored", reason: `order ${order.id} already earned; nothing new` };
}

function customerChanged(payload: unknown): Mapping {
  const parsed = customerSchema.safeParse(payload);
  if (!parsed.success) return rejected(parsed.error);
  const customer = parsed.data;
  if (!customer.email) return { outcome: "ignored", reason: `customer ${customer.id} has no e-mail address` };
  const name = [customer.first_name, customer.last_name].filter(Boolean).join(" ");
  return {
    outcome: "events",
    events: [
      {
        id: `woocommerce:customer:${customer.id}:${customer.date_modified_gmt ?? "created"}`,
        type: "customer.updated",
        occurred_at: customer.date_modified_gmt ?? new Date().toISOString(),
        data: { customer: { id: customer.id, email: customer.email, ...(name && { name }) } },
      },
    ],
  };
}

/** The order a delivery is about, so its kept facts can be read before mapping. */
export function wooOrderRef(topic: string, payload: unknown): string | null {
  if (topic !== "order.created" && topic !== "order.updated") return null;
  const id = (payload as { id?: unknown } | null)?.id;
  return typeof id === "number" || typeof id === "string" ? String(id) : null;
}
