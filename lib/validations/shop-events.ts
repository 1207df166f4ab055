// The shop API's event bodies (docs/api.md), checked at the boundary before anything is read or
// written. Unknown extra fields are ignored so a shop may send more than we need.
import { z } from "zod";

// Fits the database's integer columns with room to add; 10 million euros is not a web-shop order.
const MAX_CENTS = 1_000_000_000;

// PostgreSQL text cannot hold NUL; refusing it here keeps such input a 400, never a 500.
const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, "must not be empty")
    .max(max, `must be at most ${max} characters`)
    .refine((v) => !v.includes("\u0000"), "must not contain NUL characters");
const id = text(128);
const cents = (what: string) =>
  z
    .number({ error: `${what} must be a number of cents` })
    .int(`${what} must be a whole number of cents`)
    .min(0, `${what} must not be negative`)
    .max(MAX_CENTS, `${what} must be at most ${MAX_CENTS}`);

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date as YYYY-MM-DD")
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
  }, "is not a real calendar date");

const currencies = new Set(Intl.supportedValuesOf("currency"));

export const shopCustomerSchema = z.object({
  id,
  email: z.string().trim().max(254).pipe(z.email("must be an e-mail address")).transform((e) => e.toLowerCase()),
  name: text(200).optional(),
  birthday: isoDate.optional(),
});

export const orderItemSchema = z.object({
  sku: id,
  name: text(500),
  quantity: z.number().int("must be a whole number").min(1, "must be at least 1").max(10_000),
  unit_price_cents: cents("unit_price_cents"),
  category: id.optional(),
});

/** What a connector knows of a customer: a guest checkout has no shop customer id (matched by e-mail then). */
export const connectorCustomerSchema = shopCustomerSchema.extend({ id: id.optional() });

export const orderPaidSchema = z.object({
  order_id: id,
  customer: shopCustomerSchema,
  currency: z.string().refine((c) => /^[A-Z]{3}$/.test(c) && currencies.has(c), "must be an ISO 4217 code such as EUR"),
  subtotal_cents: cents("subtotal_cents"),
  items: z.array(orderItemSchema).max(500, "at most 500 items").default([]),
});

export const orderRefundedSchema = z.object({
  order_id: id,
  amount_cents: cents("amount_cents").refine((v) => v > 0, "amount_cents must be greater than 0"),
});

export const customerUpdatedSchema = z.object({ customer: shopCustomerSchema });

const envelope = { id, occurred_at: z.iso.datetime({ offset: true, error: "must be an ISO 8601 date-time" }) };

function eventSchema<C extends typeof shopCustomerSchema | typeof connectorCustomerSchema>(customer: C) {
  return z.discriminatedUnion(
    "type",
    [
      z.object({ ...envelope, type: z.literal("order.paid"), data: orderPaidSchema.extend({ customer }) }),
      z.object({ ...envelope, type: z.literal("order.refunded"), data: orderRefundedSchema }),
      z.object({ ...envelope, type: z.literal("customer.updated"), data: customerUpdatedSchema.extend({ customer }) }),
    ],
    { error: "type must be one of order.paid, order.refunded, customer.updated" },
  );
}

/** POST /api/v1/events (docs/api.md): the shop names its customer. */
export const shopEventSchema = eventSchema(shopCustomerSchema);
/** The same events as the platform connectors make them (lib/connectors), guests included. */
export const connectorEventSchema = eventSchema(connectorCustomerSchema);

export type ShopEvent = z.infer<typeof connectorEventSchema>;

/** Zod's findings as problem+json `errors`: where and what, for the shop's developer. */
export function describeIssues(error: z.ZodError): { pointer: string; detail: string }[] {
  return error.issues.slice(0, 20).map((issue) => ({
    pointer: `/${issue.path.map(String).join("/")}`,
    detail: issue.message,
  }));
}
