// A redeemed reward as a WooCommerce coupon, through the shop's REST API v3 (wp-json/wc/v3) with a
// REST API key (WooCommerce → Settings → Advanced → REST API, permissions Read/Write).
//
// How each reward kind becomes a coupon:
// - amount_off: discount_type "fixed_cart", amount in the program's currency ("5.00").
// - percent_off: discount_type "percent", amount the percentage ("15").
// - free_shipping: discount_type "fixed_cart", amount "0", free_shipping true. It takes effect only
//   where the shop offers a "Free shipping" method that a valid free-shipping coupon unlocks.
// - free_product: WooCommerce has no free-product coupon. It becomes a "percent" 100 coupon limited
//   to that product (product_ids, looked up by SKU) and to one item of it (limit_usage_to_x_items):
//   the shopper puts the product in the cart and it costs nothing.
// Every coupon is bound to the member: email_restrictions [e-mail] (checked against the billing
// address at checkout), usage_limit 1, usage_limit_per_user 1. individual_use is true: the points
// paid for this discount alone, and another coupon (a second Treue reward or a shop promotion)
// would compound it. A category limits it through product_categories (ids looked up by name or
// slug; Treue's WooCommerce orders carry no category, so it is the name staff gave the reward).
// WooCommerce has no start date; the coupon works from its creation, at redemption.
import { z } from "zod";
import { adminBaseUrl } from "./admin-url";
import { decimal } from "./money";
import type { DiscountAdapter, DiscountCall, ShopDiscount } from "./types";

export type WooCommerceDiscountsConfig = {
  /** The shop's address (where wp-json lives), e.g. https://shop.example. */
  adminUrl: string;
  consumerKey: string;
  consumerSecret: string;
  fetchImpl?: typeof fetch;
  /** How long one request may take; 10 s unless a test says otherwise. */
  timeoutMs?: number;
};

const TIMEOUT_MS = 10_000;
const API = "/wp-json/wc/v3";

type Refusal = { ok: false; retry: boolean; reason: string };
/** A failed request keeps WooCommerce's error code for the adapter's own decisions; callers get the refusal only. */
type Answer = { ok: true; status: number; body: unknown } | (Refusal & { code?: string });
const refusal = (answer: Refusal): Refusal => ({ ok: false, retry: answer.retry, reason: answer.reason });

const idSchema = z.object({ id: z.number().int().positive() });
const productsSchema = z.array(z.object({ id: z.number().int().positive(), sku: z.string().nullish() }));
const categoriesSchema = z.array(z.object({ id: z.number().int().positive(), name: z.string(), slug: z.string() }));
const couponsSchema = z.array(
  z.object({
    id: z.number().int().positive(),
    code: z.string(),
    discount_type: z.string(),
    amount: z.string(),
    email_restrictions: z.array(z.string()).default([]),
  }),
);
/** WordPress REST errors: { code, message, data: { status } }. Only the code is kept, and only if it looks like one. */
const errorSchema = z.object({ code: z.string().regex(/^[a-z0-9_]{1,80}$/i) });

/**
 * When the coupon should stop working in WooCommerce: the first UTC midnight at or after Treue's
 * expiry. WooCommerce compares the exact instant at checkout, but its admin shows the expiry as a
 * date, and saving the coupon there moves it to the start of that day in the site's time zone.
 * Rounding up to a whole day keeps the coupon valid through Treue's expiry (after such a save too,
 * unless the expiry lies within the site's UTC offset before midnight), for at most a day longer.
 */
export function wooExpiry(endsAt: Date): string {
  const day = new Date(Date.UTC(endsAt.getUTCFullYear(), endsAt.getUTCMonth(), endsAt.getUTCDate()));
  if (day.getTime() < endsAt.getTime()) day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 19);
}

const decodeEntities = (text: string) =>
  text.replace(/&(amp|lt|gt|quot|#0?39);/g, (_, name: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"' })[name] ?? "'");
const same = (a: string, b: string) => a.trim().toLocaleLowerCase("de") === b.trim().toLocaleLowerCase("de");

export function wooCommerceDiscounts(config: WooCommerceDiscountsConfig): DiscountAdapter {
  const fetchImpl = config.fetchImpl ?? fetch;
  const timeoutMs = config.timeoutMs ?? TIMEOUT_MS;
  const base = adminBaseUrl(config.adminUrl);
  const badUrl = { ok: false as const, retry: false, reason: "the WooCommerce shop URL must be https (or http to this machine); nothing was sent" };
  const authorization = `Basic ${Buffer.from(`${config.consumerKey}:${config.consumerSecret}`, "utf8").toString("base64")}`;

  async function request(method: "GET" | "POST" | "DELETE", path: string, body?: unknown): Promise<Answer> {
    if (!base) return badUrl;
    const url = `${base.origin}${base.pathname.replace(/\/+$/, "")}${API}${path}`;
    const what = `${method} ${path.replace(/\?.*$/, "")}`;
    let response: Response;
    try {
      response = await fetchImpl(url, {
        method,
        redirect: "manual",
        signal: AbortSignal.timeout(timeoutMs),
        headers: { authorization, accept: "application/json", ...(body !== undefined && { "content-type": "application/json" }) },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
    } catch (error) {
      const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
      return { ok: false, retry: true, reason: timedOut ? `WooCommerce did not answer ${what} within ${timeoutMs / 1000} s` : `WooCommerce could not be reached (${what})` };
    }
    const text = await response.text().catch(() => "");
    let parsed: unknown = null;
    try {
      parsed = text ? (JSON.parse(text) as unknown) : null;
    } catch {
      parsed = undefined;
    }
    const status = response.status;
    if (status >= 200 && status < 300) {
      if (parsed === undefined) return { ok: false, retry: true, reason: `WooCommerce answered ${what} with something other than JSON` };
      return { ok: true, status, body: parsed };
    }
    if (status === 0 || (status >= 300 && status < 400)) {
      return { ok: false, retry: false, reason: `WooCommerce answered ${what} with a redirect (${status || "opaque"}), which is not followed: set the shop's exact https address` };
    }
    const code = errorSchema.safeParse(parsed).data?.code;
    const named = code ? `${status} ${code}` : String(status);
    if (status === 429 || status === 408) return { ok: false, retry: true, code, reason: status === 429 ? `WooCommerce is limiting requests (${named})` : `WooCommerce timed out on ${what} (${named})` };
    if (status >= 500) return { ok: false, retry: true, code, reason: `WooCommerce failed on ${what} (${named})` };
    const hint = status === 401 || status === 403 ? "; check the REST API key, it needs Read/Write" : status === 404 && code === "rest_no_route" ? "; is the REST API (wc/v3) enabled at this address?" : "";
    return { ok: false, retry: false, code, reason: `WooCommerce refused ${what} (${named})${hint}` };
  }

  /** The product a free_product coupon is limited to: by SKU, or by id for Treue's "product-<id>" stand-in SKU. */
  async function productId(sku: string): Promise<DiscountCall<{ id: number }>> {
    const found = await request("GET", `/products?sku=${encodeURIComponent(sku)}&per_page=100`);
    if (!found.ok) return refusal(found);
    const products = productsSchema.safeParse(found.body);
    if (!products.success) return { ok: false, retry: false, reason: "WooCommerce listed products in an unexpected shape" };
    const match = products.data.find((product) => product.sku === sku);
    if (match) return { ok: true, id: match.id };
    const stand = /^product-(\d{1,18})$/.exec(sku);
    if (stand) {
      const byId = await request("GET", `/products/${stand[1]}`);
      if (byId.ok) {
        const product = idSchema.safeParse(byId.body);
        if (product.success) return { ok: true, id: product.data.id };
      } else if (byId.retry) return refusal(byId);
    }
    return { ok: false, retry: false, reason: `the shop has no product with SKU ${sku} (a variation's SKU is not found; use the product's)` };
  }

  async function categoryIds(name: string): Promise<DiscountCall<{ ids: number[] }>> {
    // WordPress searches the stored name ("Zelte &amp; Planen") and slug with LIKE, so it is asked for the
    // name's longest word, and the answer is matched here against the whole name or slug.
    const word = (name.match(/[\p{L}\p{N}]+/gu) ?? []).reduce((a, b) => (b.length > a.length ? b : a), "");
    if (!word) return { ok: false, retry: false, reason: `the category ${name.trim()} names no word to look up` };
    const found = await request("GET", `/products/categories?search=${encodeURIComponent(word)}&per_page=100`);
    if (!found.ok) return refusal(found);
    const categories = categoriesSchema.safeParse(found.body);
    if (!categories.success) return { ok: false, retry: false, reason: "WooCommerce listed product categories in an unexpected shape" };
    const ids = categories.data.filter((c) => same(decodeEntities(c.name), name) || same(c.slug, name)).map((c) => c.id);
    if (ids.length === 0) return { ok: false, retry: false, reason: `the shop has no product category named ${name.trim()}` };
    return { ok: true, ids };
  }

  async function couponBody(discount: ShopDiscount): Promise<DiscountCall<{ body: Record<string, unknown> }>> {
    const refuse = (reason: string) => ({ ok: false as const, retry: false, reason });
    if (Number.isNaN(discount.endsAt.getTime())) return refuse("the coupon has no valid expiry");
    // Money goes as a decimal string with the currency's own digits (500 JPY → "500", 1234 KWD → "1.234").
    const amount = (minorUnits: number) => decimal(minorUnits, discount.currency);
    if (amount(0) === null) return refuse(`${discount.currency} is not a currency`);
    let kind: Record<string, unknown>;
    switch (discount.kind) {
      case "amount_off":
        if (!discount.valueCents || discount.valueCents <= 0) return refuse("the reward names no amount to take off");
        kind = { discount_type: "fixed_cart", amount: amount(discount.valueCents) };
        break;
      case "percent_off":
        if (!discount.percentOff || discount.percentOff < 1 || discount.percentOff > 100) return refuse("the reward's percentage is not between 1 and 100");
        kind = { discount_type: "percent", amount: String(discount.percentOff) };
        break;
      case "free_shipping":
        kind = { discount_type: "fixed_cart", amount: "0", free_shipping: true };
        break;
      case "free_product": {
        if (!discount.sku) return refuse("the reward names no product SKU");
        const product = await productId(discount.sku);
        if (!product.ok) return product;
        kind = { discount_type: "percent", amount: "100", product_ids: [product.id], limit_usage_to_x_items: 1 };
        break;
      }
      default:
        return refuse(`a ${discount.kind} reward has no WooCommerce coupon`);
    }
    // The product already limits a free product; a category as well would widen it (WooCommerce applies either).
    let categories: number[] = [];
    if (discount.category && discount.kind !== "free_product") {
      const found = await categoryIds(discount.category);
      if (!found.ok) return found;
      categories = found.ids;
    }
    return {
      ok: true,
      body: {
        code: discount.code,
        description: discount.title,
        ...kind,
        individual_use: true,
        usage_limit: 1,
        usage_limit_per_user: 1,
        email_restrictions: [discount.customer.email],
        // The v3 controller writes date_expires (an offset is honoured) and drops date_expires_gmt, for
        // which WC_Coupon has no setter; both are sent and name the same instant.
        date_expires: `${wooExpiry(discount.endsAt)}Z`,
        date_expires_gmt: wooExpiry(discount.endsAt),
        ...(discount.minOrderCents !== null && discount.minOrderCents > 0 && { minimum_amount: amount(discount.minOrderCents) }),
        ...(categories.length > 0 && { product_categories: categories }),
      },
    };
  }

  /**
   * After "code already exists": the coupon Treue asked for may be there already (the first answer
   * was lost to a timeout). It counts as created only if it is that coupon, for that member.
   */
  async function existing(body: Record<string, unknown>): Promise<string | Refusal | null> {
    const found = await request("GET", `/coupons?code=${encodeURIComponent(String(body.code))}`);
    if (!found.ok) return found.retry ? refusal(found) : null;
    const coupons = couponsSchema.safeParse(found.body);
    if (!coupons.success) return null;
    const email = String((body.email_restrictions as string[])[0]).toLowerCase();
    const match = coupons.data.find(
      (c) =>
        same(c.code, String(body.code)) &&
        c.discount_type === body.discount_type &&
        // WooCommerce answers amounts rounded to 2 digits (wc_format_decimal), a KWD coupon's 1.234 as 1.23.
        Math.abs(Number(c.amount) - Number(body.amount)) <= 0.005 + 1e-9 &&
        c.email_restrictions.length === 1 &&
        c.email_restrictions[0]!.toLowerCase() === email,
    );
    return match ? String(match.id) : null;
  }

  return {
    platform: "woocommerce",

    async create(discount) {
      if (!base) return badUrl;
      const prepared = await couponBody(discount);
      if (!prepared.ok) return prepared;
      const created = await request("POST", "/coupons", prepared.body);
      if (!created.ok) {
        if (created.code === "woocommerce_rest_coupon_code_already_exists") {
          const id = await existing(prepared.body);
          if (typeof id === "string") return { ok: true, externalId: id };
          if (id) return id;
          return { ok: false, retry: false, reason: `the code ${discount.code} is already taken in the shop (400 woocommerce_rest_coupon_code_already_exists)` };
        }
        return refusal(created);
      }
      const coupon = idSchema.safeParse(created.body);
      if (!coupon.success) return { ok: false, retry: true, reason: "WooCommerce answered the new coupon without its id" };
      return { ok: true, externalId: String(coupon.data.id) };
    },

    async disable(externalId) {
      if (!base) return badUrl;
      if (!/^\d{1,18}$/.test(externalId)) return { ok: false, retry: false, reason: `${externalId} is no WooCommerce coupon id` };
      const deleted = await request("DELETE", `/coupons/${externalId}?force=true`);
      // Already gone (deleted by hand, or our earlier answer was lost): the coupon no longer works.
      if (!deleted.ok && deleted.code === "woocommerce_rest_shop_coupon_invalid_id") return { ok: true };
      return deleted.ok ? { ok: true } : refusal(deleted);
    },

    async check() {
      if (!base) return badUrl;
      const listed = await request("GET", "/coupons?per_page=1");
      if (!listed.ok) return refusal(listed);
      if (!Array.isArray(listed.body)) return { ok: false, retry: false, reason: "WooCommerce listed coupons in an unexpected shape" };
      return { ok: true, detail: "WooCommerce REST API v3: coupons readable (creating them needs a Read/Write key)" };
    },
  };
}
