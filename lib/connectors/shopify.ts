// Shopify's webhooks (orders/paid, orders/cancelled, refunds/create, customers/create|update) as
// Treue's shop events, and the discount codes an order used (orders/paid, orders/create). Pure:
// topic, payload and context in, events out. See docs/connectors.md.
import { z } from "zod";
import { toCents } from "../loyalty/money";
import { couponUse, rejected } from "./mapping";
import type { Mapping, MappingContext, OrderFacts } from "./types";
import type { ShopEvent } from "../validations/shop-events";

const idLike = z.union([z.number().int(), z.string().min(1)]).transform(String);
const amount = z.union([z.string(), z.number()]);
const taxLines = z.array(z.object({ price: amount })).nullish();

const customerSchema = z.object({
  id: idLike,
  email: z.string().nullish(),
  first_name: z.string().nullish(),
  last_name: z.string().nullish(),
  updated_at: z.string().nullish(),
});

const lineSchema = z.object({
  id: idLike,
  sku: z.string().nullish(),
  title: z.string().nullish(),
  name: z.string().nullish(),
  quantity: z.number().int().min(0),
  price: amount,
  gift_card: z.boolean().nullish(),
  total_discount: amount.nullish(),
  discount_allocations: z.array(z.object({ amount })).nullish(),
  tax_lines: taxLines,
  variant_id: idLike.nullish(),
  product_id: idLike.nullish(),
});

const orderSchema = z.object({
  id: idLike,
  email: z.string().nullish(),
  contact_email: z.string().nullish(),
  customer: customerSchema.nullish(),
  currency: z.string(),
  taxes_included: z.boolean().default(false),
  total_price: amount.nullish(),
  line_items: z.array(lineSchema).default([]),
  processed_at: z.string().nullish(),
  created_at: z.string().nullish(),
  cancelled_at: z.string().nullish(),
  /** The codes entered at checkout; `discount_applications` names them too (several when they combine). */
  discount_codes: z.array(z.object({ code: z.string().nullish() })).nullish(),
  discount_applications: z.array(z.object({ type: z.string().nullish(), code: z.string().nullish() })).nullish(),
});

const refundSchema = z.object({
  id: idLike,
  order_id: idLike,
  created_at: z.string().nullish(),
  processed_at: z.string().nullish(),
  refund_line_items: z
    .array(z.object({ quantity: z.number().int(), subtotal: amount, total_tax: amount.nullish(), line_item: z.object({ gift_card: z.boolean().nullish() }).nullish() }))
    .default([]),
});

const cents = (value: unknown) => toCents(value) ?? 0;
const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

/** A line's merchandise after its discounts, and the tax in it (Shopify allocates order discounts to lines). */
function lineAmounts(line: z.infer<typeof lineSchema>) {
  const discount = line.discount_allocations ? sum(line.discount_allocations.map((d) => cents(d.amount))) : cents(line.total_discount);
  const gross = cents(line.price) * line.quantity - discount;
  return { gross, tax: sum((line.tax_lines ?? []).map((t) => cents(t.price))) };
}

/** The earning base of an order: merchandise after discounts, without shipping, gift cards and tax. */
export function shopifyOrderFacts(order: z.infer<typeof orderSchema>): OrderFacts {
  let gross = 0;
  let net = 0;
  for (const line of order.line_items) {
    if (line.gift_card) continue; // a gift card is money, not merchandise: it earns when spent
    const { gross: lineGross, tax } = lineAmounts(line);
    gross += lineGross;
    net += order.taxes_included ? lineGross - tax : lineGross;
  }
  return { orderId: order.id, taxesIncluded: order.taxes_included, grossCents: Math.max(0, gross), netCents: Math.max(0, net) };
}

/** The discount codes the order used: `discount_codes`, and the code applications (automatic and manual discounts have none). */
function couponsOf(order: z.infer<typeof orderSchema>) {
  const applied = (order.discount_applications ?? []).filter((a) => a.type === "discount_code").map((a) => a.code);
  return couponUse(order.id, [...(order.discount_codes ?? []).map((d) => d.code), ...applied], order.created_at ?? order.processed_at);
}

function customerOf(order: z.infer<typeof orderSchema>) {
  const email = order.customer?.email || order.email || order.contact_email;
  const name = [order.customer?.first_name, order.customer?.last_name].filter(Boolean).join(" ");
  return email ? { ...(order.customer && { id: order.customer.id }), email, ...(name && { name }) } : null;
}

export function mapShopify(topic: string, payload: unknown, context: MappingContext): Mapping {
  switch (topic) {
    case "orders/paid":
      return orderPaid(payload, context);
    case "orders/create":
      return orderCreated(payload);
    case "orders/cancelled":
      return orderCancelled(payload, context);
    case "refunds/create":
      return refundCreated(payload, context);
    case "customers/create":
    case "customers/update":
      return customerChanged(payload);
    case "customers/data_request":
    case "customers/redact":
    case "shop/redact":
      return privacyRequest(topic, payload);
    default:
      return { outcome: "ignored", reason: `topic ${topic || "(none)"} is not used by Treue` };
  }
}

function parse<T>(schema: z.ZodType<T>, payload: unknown): { ok: true; value: T } | { ok: false; mapping: Mapping } {
  const parsed = schema.safeParse(payload);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, mapping: rejected(parsed.error) };
}

function orderPaid(payload: unknown, context: MappingContext): Mapping {
  const parsed = parse(orderSchema, payload);
  if (!parsed.ok) return parsed.mapping;
  const order = parsed.value;
  if (order.currency !== context.currency) return { outcome: "rejected", reason: `the order is in ${order.currency}, the program in ${context.currency}` };
  const customer = customerOf(order);
  if (!customer) return { outcome: "rejected", reason: "the order names no customer e-mail address" };
  const facts = shopifyOrderFacts(order);
  const items = order.line_items
    .filter((line) => !line.gift_card && line.quantity > 0)
    .map((line) => {
      const { gross, tax } = lineAmounts(line);
      const net = order.taxes_included ? gross - tax : gross;
      return {
        sku: line.sku || (line.variant_id ? `variant-${line.variant_id}` : `line-${line.id}`),
        name: line.title || line.name || line.sku || "Artikel",
        quantity: line.quantity,
        unit_price_cents: Math.max(0, Math.round(net / line.quantity)),
      };
    });
  const event: ShopEvent = {
    id: `shopify:order:${order.id}:paid`,
    type: "order.paid",
    occurred_at: order.processed_at ?? order.created_at ?? new Date().toISOString(),
    data: { order_id: order.id, customer, currency: order.currency, subtotal_cents: facts.netCents, items },
  };
  return { outcome: "events", events: [event], facts, coupons: couponsOf(order) };
}

/** A new order earns nothing before it is paid, but the codes it used are used from now on (Shopify counts them so). */
function orderCreated(payload: unknown): Mapping {
  const parsed = parse(orderSchema, payload);
  if (!parsed.ok) return parsed.mapping;
  const coupons = couponsOf(parsed.value);
  if (!coupons) return { outcome: "ignored", reason: `order ${parsed.value.id} placed without a discount code; it earns when paid` };
  return { outcome: "events", events: [], coupons };
}

function orderCancelled(payload: unknown, context: MappingContext): Mapping {
  const parsed = parse(orderSchema, payload);
  if (!parsed.ok) return parsed.mapping;
  if (!context.facts) return { outcome: "ignored", reason: `order ${parsed.value.id} never earned points here` };
  const at = parsed.value.cancelled_at ?? new Date().toISOString();
  // Cancelling a paid order takes back all it earned (Treue caps at what is still left).
  return { outcome: "events", events: [{ id: `shopify:order:${parsed.value.id}:cancelled`, type: "order.refunded", occurred_at: at, data: { order_id: parsed.value.id, amount_cents: Math.max(1, context.facts.netCents) } }] };
}

function refundCreated(payload: unknown, context: MappingContext): Mapping {
  const parsed = parse(refundSchema, payload);
  if (!parsed.ok) return parsed.mapping;
  const refund = parsed.value;
  if (!context.facts) return { outcome: "ignored", reason: `order ${refund.order_id} never earned points here` };
  // Refunded merchandise only: shipping refunds (order adjustments) and gift cards earned nothing.
  const refunded = sum(
    refund.refund_line_items.filter((r) => !r.line_item?.gift_card).map((r) => cents(r.subtotal) - (context.facts!.taxesIncluded ? cents(r.total_tax) : 0)),
  );
  if (refunded <= 0) return { outcome: "ignored", reason: `refund ${refund.id} returns no merchandise` };
  return {
    outcome: "events",
    events: [{ id: `shopify:refund:${refund.id}`, type: "order.refunded", occurred_at: refund.processed_at ?? refund.created_at ?? new Date().toISOString(), data: { order_id: refund.order_id, amount_cents: refunded } }],
  };
}

function customerChanged(payload: unknown): Mapping {
  const parsed = parse(customerSchema, payload);
  if (!parsed.ok) return parsed.mapping;
  const customer = parsed.value;
  if (!customer.email) return { outcome: "ignored", reason: `customer ${customer.id} has no e-mail address` };
  const name = [customer.first_name, customer.last_name].filter(Boolean).join(" ");
  return {
    outcome: "events",
    events: [
      {
        id: `shopify:customer:${customer.id}:${customer.updated_at ?? "created"}`,
        type: "customer.updated",
        occurred_at: customer.updated_at ?? new Date().toISOString(),
        data: { customer: { id: customer.id, email: customer.email, ...(name && { name }) } },
      },
    ],
  };
}

const privacySchema = z.object({
  shop_domain: z.string().nullish(),
  customer: z.object({ id: idLike.nullish(), email: z.string().nullish() }).nullish(),
  data_request: z.object({ id: idLike }).nullish(),
});

function privacyRequest(topic: string, payload: unknown): Mapping {
  const parsed = parse(privacySchema, payload);
  if (!parsed.ok) return parsed.mapping;
  const { customer, shop_domain: shopDomain, data_request: dataRequest } = parsed.value;
  const who = { customerId: customer?.id ?? null, email: customer?.email?.toLowerCase() ?? null };
  if (topic === "shop/redact") return { outcome: "privacy", request: { kind: "redact-shop", shopDomain: shopDomain ?? null } };
  if (topic === "customers/redact") return { outcome: "privacy", request: { kind: "redact-customer", ...who } };
  return { outcome: "privacy", request: { kind: "data-request", ...who, requestId: dataRequest?.id ?? null } };
}

/** The order a delivery is about, so its kept facts can be read before mapping. */
export function shopifyOrderRef(topic: string, payload: unknown): string | null {
  const body = payload as { id?: unknown; order_id?: unknown } | null;
  const ref = topic === "refunds/create" ? body?.order_id : topic === "orders/cancelled" ? body?.id : null;
  return typeof ref === "number" || typeof ref === "string" ? String(ref) : null;
}
