// A Shopify app proxy's request (shopify.dev: apps/build/online-store/app-proxies/authenticate-app-proxies):
// Shopify forwards the shop's /apps/<subpath>/… to the app's proxy URL, without the shopper's
// cookies, with the shopper's own query parameters and its own: `shop`, `logged_in_customer_id`
// (empty when nobody is signed in), `path_prefix`, `timestamp` and `signature`. The signature is
// the lower-case hex HMAC-SHA256, under the app's client secret, of every other parameter as
// `key=value` (the values of a repeated key joined with ","), URL-decoded, sorted, concatenated
// without any separator. Pure: the caller brings the secrets, the clock and the shop it expects.
import { createHmac, timingSafeEqual } from "node:crypto";

/** How far a request's `timestamp` may be from our clock, either way. */
export const APP_PROXY_WINDOW_SECONDS = 5 * 60;

/**
 * Shopify's own parameters: each must come exactly once. The shopper's query is forwarded and
 * signed too, so a shopper who adds `?logged_in_customer_id=1` gets a request carrying that and
 * Shopify's own (empty) one, under a valid signature of "logged_in_customer_id=1,". Taking the
 * first value would believe the shopper; refusing any repetition believes nobody.
 */
const SHOPIFY_PARAMS = ["shop", "logged_in_customer_id", "path_prefix", "timestamp", "signature"] as const;

/** A Shopify customer id: its numeric id, as webhooks and `logged_in_customer_id` carry it. */
const CUSTOMER_ID = /^[1-9][0-9]{0,19}$/;
const TIMESTAMP = /^[0-9]{1,12}$/;
const SIGNATURE = /^[0-9a-fA-F]{64}$/;

export type AppProxyRefusal = "missing" | "duplicate" | "malformed" | "mismatch" | "stale" | "future" | "wrong-shop";

export type AppProxyCheck =
  | {
      ok: true;
      /** The shop's myshopify.com domain, lower-cased. */
      shop: string;
      /** The signed-in customer's id, or null when nobody is signed in. */
      customerId: string | null;
      pathPrefix: string | null;
    }
  | { ok: false; reason: AppProxyRefusal };

/** The exact string Shopify signs: every parameter but `signature`, as `key=value`, sorted, joined without separator. */
export function appProxyMessage(params: URLSearchParams): string {
  const values = new Map<string, string[]>();
  for (const [key, value] of params) {
    if (key === "signature") continue;
    values.set(key, [...(values.get(key) ?? []), value]);
  }
  // Shopify's reference (Ruby) sorts the "key=value" strings byte by byte; so does this.
  return [...values]
    .map(([key, list]) => Buffer.from(`${key}=${list.join(",")}`, "utf8"))
    .sort(Buffer.compare)
    .map((part) => part.toString("utf8"))
    .join("");
}

/** The `signature` Shopify sends for `params` under `secret` (tests and the docs' worked example). */
export function signAppProxy(secret: string, params: URLSearchParams): string {
  return createHmac("sha256", secret).update(appProxyMessage(params), "utf8").digest("hex");
}

/**
 * Checks a proxied request's query at `now`. Order: Shopify's parameters present and each once,
 * well formed; the signature under any of `secrets` (all are tried, in constant time each); the
 * timestamp within five minutes either way; then the shop, when `expectedShop` names one.
 */
export function verifyAppProxyRequest(input: { params: URLSearchParams; secrets: readonly string[]; now: Date; expectedShop: string | null }): AppProxyCheck {
  const { params, now } = input;
  const signature = params.get("signature");
  const shop = params.get("shop");
  const timestamp = params.get("timestamp");
  if (!signature || !shop || !timestamp) return { ok: false, reason: "missing" };
  if (SHOPIFY_PARAMS.some((key) => params.getAll(key).length > 1)) return { ok: false, reason: "duplicate" };
  const customer = params.get("logged_in_customer_id") ?? "";
  if (!SIGNATURE.test(signature) || !TIMESTAMP.test(timestamp) || (customer !== "" && !CUSTOMER_ID.test(customer))) return { ok: false, reason: "malformed" };

  const given = Buffer.from(signature, "hex");
  const message = appProxyMessage(params);
  let matched = false;
  for (const secret of input.secrets) {
    if (!secret) continue; // an empty key would let anyone sign
    const expected = createHmac("sha256", secret).update(message, "utf8").digest();
    matched = timingSafeEqual(expected, given) || matched;
  }
  if (!matched) return { ok: false, reason: "mismatch" };

  const age = Math.floor(now.getTime() / 1000) - Number(timestamp);
  if (age > APP_PROXY_WINDOW_SECONDS) return { ok: false, reason: "stale" };
  if (-age > APP_PROXY_WINDOW_SECONDS) return { ok: false, reason: "future" };
  const domain = shop.toLowerCase();
  if (input.expectedShop !== null && domain !== input.expectedShop.toLowerCase()) return { ok: false, reason: "wrong-shop" };
  return { ok: true, shop: domain, customerId: customer === "" ? null : customer, pathPrefix: params.get("path_prefix") };
}
