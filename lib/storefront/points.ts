// Points on product pages: what one item at its price earns under the program's current rule, as
// the shop's order of that one item would. The rule itself is lib/loyalty/earn-rule.ts; this only
// reads the question from the query and words the answer.
import { z } from "zod";
import { pointsForOrder, type EarnRule } from "../loyalty/earn-rule";

const optionalName = z
  .string()
  .trim()
  .max(128, "at most 128 characters")
  .optional()
  .transform((v) => (v === "" ? undefined : v));

export const productQuerySchema = z.object({
  price: z
    .string("price is required: the product's price in minor units (cents), e.g. 11900")
    .regex(/^\d{1,15}$/, "price must be a non-negative whole number of minor units (cents), e.g. 11900")
    .transform(Number)
    .refine(Number.isSafeInteger, "price is too large"),
  currency: z
    .string("currency is required, e.g. EUR")
    .regex(/^[A-Za-z]{3}$/, "currency must be an ISO 4217 code such as EUR")
    .transform((v) => v.toUpperCase()),
  category: optionalName,
  sku: optionalName,
});
export type ProductQuery = z.infer<typeof productQuerySchema>;

export type ProductQueryResult = { ok: true; product: ProductQuery } | { ok: false; errors: { pointer: string; detail: string }[] };

/** The product asked about, from the query string (the first value of each parameter). */
export function parseProductQuery(params: URLSearchParams): ProductQueryResult {
  const raw = Object.fromEntries(["price", "currency", "category", "sku"].map((key) => [key, params.get(key) ?? undefined]));
  const parsed = productQuerySchema.safeParse(raw);
  if (parsed.success) return { ok: true, product: parsed.data };
  return { ok: false, errors: parsed.error.issues.map((issue) => ({ pointer: `/${issue.path.join("/")}`, detail: issue.message })) };
}

/**
 * What a guest earns buying this one product now: the order of one item at its price, priced by
 * the very function a paid order is (category bonus and exclusions, excluded SKUs, the minimum
 * order, campaigns running at `at`), without a tier multiplier (a guest has none).
 */
export function pointsForProduct(rule: EarnRule, product: { price: number; category?: string | undefined; sku?: string | undefined }, at: Date): number {
  const line = { quantity: 1, unit_price_cents: product.price, category: product.category, sku: product.sku };
  return pointsForOrder(rule, product.price, [line], 100, at);
}

/** "Sammle 119 Punkte" / "Earn 119 points", numbers written as each language writes them. */
export function pointsLabel(points: number): { de: string; en: string } {
  const de = new Intl.NumberFormat("de-DE").format(points);
  const en = new Intl.NumberFormat("en-GB").format(points);
  return { de: `Sammle ${de} ${points === 1 ? "Punkt" : "Punkte"}`, en: `Earn ${en} ${points === 1 ? "point" : "points"}` };
}
