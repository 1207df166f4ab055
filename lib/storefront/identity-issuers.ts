// The storefront identity for platforms whose shop cannot sign it in its own server code: Treue
// signs it (docs/storefront.md), once the platform itself has vouched for the signed-in customer.
// - Shopify: the app proxy's request, signed by Shopify under the app's client secret, names the
//   customer (GET /api/storefront/shopify/identity, reached as the shop's /apps/treue/identity).
// - Shopware 6: the token the storefront gets for the app, signed by the shop under the secret
//   Treue made at its registration (POST /api/storefront/shopware/identity, from the shop's pages).
// The e-mail is the member's that the shop knows by that customer id, else the shop's Admin API's,
// else there is no identity. Answers are `{"identity": {customer, email, ts, signature}}` or
// `{"identity": null}`, never cached.
import "server-only";
import { ShopifyAdminError, shopifyAdminHost, shopifyCustomerEmail, type ShopifyAdminAccess } from "../connectors/shopify-customer";
import { customerEmail, ShopwareAdminError } from "../connectors/shopware-admin";
import { getDb, type Database } from "../db";
import { getConnectorSettings, getDiscountSettings, getShopwareCredentials, getShopwareShop } from "../db/queries/connectors";
import { memberEmailByShopCustomerId } from "../db/queries/storefront-identity";
import { env } from "../env";
import { guardedFetch } from "../http/guarded-fetch";
import { readJson } from "../http/json";
import { log } from "../log";
import { problem } from "../shop-api/problem";
import { shopSecrets } from "../shop-api/shop-secret";
import { storefrontRefused, withStorefrontHeaders, type StorefrontAccess } from "./cors";
import { signStorefrontIdentity } from "./identity";
import { storefrontRequestAccess } from "./request-access";
import { verifyAppProxyRequest } from "./shopify-app-proxy";
import { MAX_SHOPWARE_TOKEN_LENGTH, shopwareTokenShop, verifyShopwareAppToken } from "./shopware-app-token";

/** The identity as the `<treue-identity>` element's attributes carry it. */
export type IssuedIdentity = { customer: string; email: string; ts: string; signature: string };

/** One shopper's answer: no browser or shared cache may keep it. */
const PRIVATE = "private, no-store";

/** The identity of `customerId` with `email`, signed now; null when the address is not one an identity can carry. */
export function issueIdentity(secret: string, customerId: string, email: string, now: Date): IssuedIdentity | null {
  const ts = Math.floor(now.getTime() / 1000);
  try {
    return { customer: customerId, email, ts: String(ts), signature: signStorefrontIdentity(secret, { customerId, email, ts }) };
  } catch (error) {
    if (error instanceof RangeError) return null; // an address the shop stores but an identity cannot carry
    throw error;
  }
}

function answer(identity: IssuedIdentity | null, access?: StorefrontAccess): Response {
  return Response.json({ identity }, { headers: { ...access?.headers, "cache-control": PRIVATE } });
}

function refused(response: Response, access?: StorefrontAccess): Response {
  response.headers.set("cache-control", PRIVATE);
  return access ? withStorefrontHeaders(response, access) : response;
}

const noShopSecret = () => problem(503, "not-configured", "Storefront identity not configured", "create the shop secret in the console (Connections → Shop API) or set TREUE_SHOP_SECRET: it signs the storefront identity");
const upstream = (platform: string) =>
  problem(502, "upstream-unavailable", "Shop's Admin API unavailable", `the ${platform} Admin API could not be asked for the customer's e-mail address; try again later`);

/** The Admin API access Treue has for the Shopify shop: configuration first, then the console's. */
async function shopifyAdmin(db: Database, keySecret: string | undefined): Promise<ShopifyAdminAccess | null> {
  const configured = env().shopAdmin.shopify;
  if (configured) return configured;
  const stored = (await getDiscountSettings(db, keySecret)).find((s) => s.platform === "shopify");
  const token = stored?.credentials?.accessToken;
  return stored?.adminUrl && token ? { adminUrl: stored.adminUrl, accessToken: token } : null;
}

/** Calls to an address typed into the console go to public addresses only (tests run stand-ins on loopback). */
function shopFetch(): typeof fetch {
  return guardedFetch({ privateNetwork: env().shopPrivateNetwork || process.env.NODE_ENV === "test" });
}

/**
 * GET from Shopify's app proxy. The signature's secret: TREUE_SHOPIFY_APP_SECRET, else the Shopify
 * webhook secrets (configuration and console). The shop: the one Treue's Admin API access is for.
 */
export async function shopifyProxyIdentity(request: Request, now = new Date()): Promise<Response> {
  const config = env();
  const db = await getDb();
  const shopSecret = (await shopSecrets(now, db))?.signing;
  if (!shopSecret) return refused(noShopSecret());
  const secrets = config.shopifyAppSecret
    ? [config.shopifyAppSecret]
    : [config.connectorSecrets.shopify, (await getConnectorSettings(db, "shopify", config.encryptionKey)).secret].filter((s): s is string => Boolean(s));
  if (secrets.length === 0) {
    return refused(problem(503, "not-configured", "Shopify app proxy not configured", "set TREUE_SHOPIFY_APP_SECRET (the app's client secret) or the Shopify webhook secret"));
  }
  const admin = await shopifyAdmin(db, config.encryptionKey);
  const check = verifyAppProxyRequest({ params: new URL(request.url).searchParams, secrets, now, expectedShop: admin ? shopifyAdminHost(admin.adminUrl) : null });
  if (!check.ok) {
    log.warn({ event: "storefront.app_proxy_refused", reason: check.reason }, `Shopify app proxy request refused (${check.reason})`);
    if (check.reason === "wrong-shop") return refused(problem(403, "forbidden", "Another shop", "the app proxy request is for a shop other than the one Treue's Shopify connection is for"));
    return refused(problem(401, "invalid-signature", "Invalid signature", `the app proxy request is not signed by Shopify under the app's client secret, or not now (${check.reason})`));
  }
  if (check.customerId === null) return answer(null);
  let email = await memberEmailByShopCustomerId(db, check.customerId);
  if (email === null && admin) {
    try {
      email = await shopifyCustomerEmail({ ...admin, fetchImpl: shopFetch() }, check.customerId);
    } catch (error) {
      if (!(error instanceof ShopifyAdminError)) throw error;
      log.warn({ event: "storefront.identity_lookup_failed", platform: "shopify", detail: error.message }, "the customer's e-mail address could not be read from Shopify");
      return refused(upstream("Shopify"));
    }
  }
  return answer(email === null ? null : issueIdentity(shopSecret, check.customerId, email, now));
}

/** POST from a Shopware shop's page with `{"token": "…"}`, the token Shopware made for the app. */
export async function shopwareTokenIdentity(request: Request, now = new Date()): Promise<Response> {
  const access = await storefrontRequestAccess(request);
  if (!access.allowed) return refused(storefrontRefused(), access);
  const config = env();
  const shopSecret = (await shopSecrets(now))?.signing;
  if (!shopSecret) return refused(noShopSecret(), access);
  if (!config.encryptionKey) return refused(problem(503, "not-configured", "Shopware not configured", "set TREUE_ENCRYPTION_KEY (or the auth secret): it opens the shops' secrets"), access);
  const body = await readJson(request, 2 * MAX_SHOPWARE_TOKEN_LENGTH);
  if (!body.ok) {
    return refused(
      body.problem === "too-large" ? problem(413, "payload-too-large", "Payload too large", "the body is only {\"token\": \"…\"}") : problem(400, "invalid-json", "Invalid JSON", "the body must be {\"token\": \"…\"}"),
      access,
    );
  }
  const token = body.json !== null && typeof body.json === "object" && !Array.isArray(body.json) ? (body.json as { token?: unknown }).token : undefined;
  if (token !== undefined && token !== null && typeof token !== "string") return refused(problem(400, "invalid-input", "Invalid token", "token must be the JWT Shopware made for the app, as a string"), access);
  // Shopware makes no token for a shopper who is not signed in: the script has none to send.
  if (!token) return answer(null, access);

  const db = await getDb();
  const shopId = shopwareTokenShop(token);
  // A shop that never finished registering is not trusted to name customers.
  const shop = shopId ? await getShopwareShop(db, shopId, config.encryptionKey) : null;
  const check = shop?.confirmed ? await verifyShopwareAppToken({ token, secret: shop.secret, shopId: shop.shopId, now }) : ({ ok: false, reason: "unknown-shop" } as const);
  if (!check.ok) {
    log.warn({ event: "storefront.app_token_refused", reason: check.reason }, `Shopware app token refused (${check.reason})`);
    if (check.reason === "no-customer") {
      return refused(problem(400, "invalid-input", "No customer in the token", "the token names no customer: the app needs the permission to read customers (manifest 1.1.0 or later)"), access);
    }
    return refused(problem(401, "invalid-signature", "Invalid token", `the token is not one a registered shop signed for the app, or no longer valid (${check.reason})`), access);
  }
  let email = await memberEmailByShopCustomerId(db, check.customerId);
  if (email === null) {
    const credentials = await getShopwareCredentials(db, check.shopId, config.encryptionKey);
    if (credentials) {
      try {
        email = await customerEmail(credentials, check.customerId);
      } catch (error) {
        if (!(error instanceof ShopwareAdminError)) throw error;
        log.warn({ event: "storefront.identity_lookup_failed", platform: "shopware", detail: error.message }, "the customer's e-mail address could not be read from Shopware");
        return refused(upstream("Shopware"), access);
      }
    }
  }
  return answer(email === null ? null : issueIdentity(shopSecret, check.customerId, email, now), access);
}

/** The preflight of a page that posts its token as application/json: the shop's storefront origins only. */
export async function shopwareIdentityPreflight(request: Request): Promise<Response> {
  const access = await storefrontRequestAccess(request);
  if (!access.allowed) return withStorefrontHeaders(new Response(null, { status: 403 }), access);
  const headers = { "access-control-allow-methods": "POST", "access-control-allow-headers": "content-type", "access-control-max-age": "600" };
  return withStorefrontHeaders(new Response(null, { status: 204, headers }), access);
}
