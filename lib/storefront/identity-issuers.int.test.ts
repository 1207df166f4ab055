// The storefront identity Treue signs for Shopify (through the app proxy) and Shopware (from the
// app's storefront token), through the routes, on PGlite and PostgreSQL: a member the shop's
// customer id names, a customer Treue knows only from the shop's Admin API (a stand-in on a local
// port that checks each request as the platform would), and a shopper who is not signed in.
import { createHmac } from "node:crypto";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as shopifyIdentity } from "../../app/api/storefront/shopify/identity/route";
import { OPTIONS as shopwarePreflight, POST as shopwareIdentity } from "../../app/api/storefront/shopware/identity/route";
import { SHOPIFY_ADMIN_API_VERSION } from "../connectors/discounts/shopify";
import { confirmShopwareShop, registerShopwareShop } from "../db/queries/connectors";
import { members } from "../db/schema";
import { describeEachDatabase, routesUse } from "../db/test-databases";
import { verifyStorefrontIdentity } from "./identity";
import { signAppProxy } from "./shopify-app-proxy";

type Seen = { method: string; path: string; headers: IncomingHttpHeaders; body: string };
type Reply = { status: number; body: unknown };

/** A stand-in for a platform's Admin API on a local port: `answer` replies to each request and may note what broke the platform's contract. */
async function standIn(answer: (request: Seen, violation: (what: string) => void) => Reply) {
  const seen: Seen[] = [];
  const violations: string[] = [];
  const server = createServer((request, response) => {
    let body = "";
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => (body += chunk));
    request.on("end", () => {
      const entry = { method: request.method ?? "", path: request.url ?? "", headers: request.headers, body };
      seen.push(entry);
      const reply = answer(entry, (what) => violations.push(`${entry.method} ${entry.path}: ${what}`));
      response.writeHead(reply.status, { "content-type": "application/json" }).end(typeof reply.body === "string" ? reply.body : JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, violations, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const json = (text: string): Record<string, unknown> | null => {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return null;
  }
};

// --- Shopify's GraphQL Admin API: POST /admin/api/<version>/graphql.json with the app's access token.
const SHOPIFY_TOKEN = "shpat_identity_fixture";
const shopifyCustomers = new Map<string, string>([["7302", "Jonas.Weber@Example.DE"]]);
let shopifyDown = false;
const shopify = await standIn((request, violation) => {
  if (shopifyDown) return { status: 503, body: "<html>Stacktrace GEHEIM-INNEN</html>" };
  if (request.method !== "POST" || request.path !== `/admin/api/${SHOPIFY_ADMIN_API_VERSION}/graphql.json`) {
    violation("not the GraphQL endpoint");
    return { status: 404, body: { errors: "Not Found" } };
  }
  if (request.headers["x-shopify-access-token"] !== SHOPIFY_TOKEN) return { status: 401, body: { errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" } };
  if (!request.headers["content-type"]?.startsWith("application/json")) violation("not sent as application/json");
  const body = json(request.body) as { query?: unknown; variables?: { id?: unknown } } | null;
  const query = typeof body?.query === "string" ? body.query : "";
  if (!/customer\(id: \$id\)/.test(query) || !/defaultEmailAddress\s*\{\s*emailAddress\s*\}/.test(query)) violation("not the customer lookup");
  // Customer.email is deprecated since 2025-04.
  if (/[{\s]email[\s}]/.test(query)) violation("asks for the deprecated Customer.email");
  const id = body?.variables?.id;
  const match = typeof id === "string" ? /^gid:\/\/shopify\/Customer\/(\d+)$/.exec(id) : null;
  if (!match) return { status: 200, body: { errors: [{ message: `Invalid global id '${String(id)}'`, extensions: { code: "argumentLiteralsIncompatible" } }] } };
  const email = shopifyCustomers.get(match[1]!);
  return { status: 200, body: { data: { customer: email === undefined ? null : { id, defaultEmailAddress: { emailAddress: email } } }, extensions: { cost: { requestedQueryCost: 2 } } } };
});

// --- Shopware's Admin API: a client-credentials token, then POST /api/search/customer with it.
const SHOPWARE_KEY = "SWIAIDENTITYFIXTURE01";
const SHOPWARE_SECRET_KEY = "sw-identity-secret-key";
const shopwareCustomers = new Map<string, string>([["0190f3a1b2c34d5e8f6a7b8c9d0e2001", "Max.Mustermann@example.co.uk"]]);
const shopware = await standIn((request, violation) => {
  if (request.method !== "POST") violation("not a POST");
  const body = json(request.body) as Record<string, unknown> | null;
  if (request.path === "/api/oauth/token") {
    if (body?.grant_type !== "client_credentials" || body.client_id !== SHOPWARE_KEY || body.client_secret !== SHOPWARE_SECRET_KEY) {
      return { status: 401, body: { errors: [{ code: "0", status: "401", title: "Unauthorized", detail: "Client authentication failed" }] } };
    }
    return { status: 200, body: { token_type: "Bearer", expires_in: 600, access_token: "sw-access-token" } };
  }
  if (request.path !== "/api/search/customer") {
    violation("an endpoint the identity does not need");
    return { status: 404, body: { errors: [{ status: "404", title: "Not Found" }] } };
  }
  if (request.headers.authorization !== "Bearer sw-access-token") return { status: 401, body: { errors: [{ status: "401", title: "Unauthorized" }] } };
  if (request.headers.accept !== "application/json") violation("does not ask for plain JSON (it would get JSON:API)");
  const filter = (body?.filter as { type?: string; field?: string; value?: unknown }[] | undefined)?.[0];
  if (filter?.type !== "equals" || filter.field !== "id" || typeof filter.value !== "string") violation("not a search by id");
  const id = String(filter?.value ?? "");
  const email = shopwareCustomers.get(id);
  return { status: 200, body: { total: email ? 1 : 0, data: email ? [{ id, email, apiAlias: "customer" }] : [], aggregations: [] } };
});

const SHOP_SECRET = "treue-identity-fixture-secret";
const APP_SECRET = "shpss_app_proxy_fixture";
const STOREFRONT = "https://shop.example";
process.env.TREUE_SHOP_SECRET = SHOP_SECRET;
process.env.TREUE_SHOPIFY_APP_SECRET = APP_SECRET;
process.env.TREUE_SHOPIFY_ADMIN_URL = shopify.url;
process.env.TREUE_SHOPIFY_ADMIN_TOKEN = SHOPIFY_TOKEN;
process.env.TREUE_STOREFRONT_ORIGINS = STOREFRONT;
process.env.TREUE_ENCRYPTION_KEY ??= "storefront-identity-test-key-storefront-identity";
process.env.NEXTAUTH_SECRET ??= "storefront-identity-test-secret-storefront-identity";
const KEY = process.env.TREUE_ENCRYPTION_KEY;

afterAll(async () => {
  await shopify.close();
  await shopware.close();
});

type Identity = { customer: string; email: string; ts: string; signature: string };

/** What the storefront script would do with an answer: check the identity like a printed <treue-identity>. */
function accepted(identity: Identity) {
  return verifyStorefrontIdentity({ secret: SHOP_SECRET, customerId: identity.customer, email: identity.email, ts: identity.ts, signature: identity.signature, now: new Date() });
}

async function read(response: Response) {
  expect(response.headers.get("cache-control")).toBe("private, no-store");
  expect(response.headers.get("set-cookie")).toBeNull();
  return { status: response.status, body: (await response.json()) as { identity?: Identity | null; type?: string; detail?: string } };
}

describeEachDatabase("the storefront identity from Shopify's app proxy", (db) => {
  // The configured shop is the Admin API's host: here the stand-in's, so Shopify's `shop` names it.
  const SHOP = "127.0.0.1";
  const proxied = (customerId: string, extra: { shop?: string; timestamp?: number; secret?: string } = {}) => {
    const query = new URLSearchParams({ shop: extra.shop ?? SHOP, logged_in_customer_id: customerId, path_prefix: "/apps/treue", timestamp: String(extra.timestamp ?? Math.floor(Date.now() / 1000)) });
    query.set("signature", signAppProxy(extra.secret ?? APP_SECRET, query));
    return query.toString();
  };
  const ask = async (query: string) => read(await shopifyIdentity(new Request(`http://treue.test/api/storefront/shopify/identity?${query}`)));

  beforeAll(async () => {
    routesUse(db());
    await db().insert(members).values({ email: "anna@example.com", shopCustomerId: "7301" });
  });

  it("signs the identity of the member the shop's customer id names, without asking Shopify", async () => {
    routesUse(db());
    const before = shopify.seen.length;
    const { status, body } = await ask(proxied("7301"));
    expect(status).toBe(200);
    expect(body.identity).toMatchObject({ customer: "7301", email: "anna@example.com" });
    expect(accepted(body.identity!)).toEqual({ ok: true, customerId: "7301", email: "anna@example.com" });
    expect(shopify.seen.length).toBe(before);
  });

  it("takes the e-mail of a customer Treue does not know yet from Shopify's Admin API", async () => {
    routesUse(db());
    const before = shopify.seen.length;
    const { status, body } = await ask(proxied("7302"));
    expect(status).toBe(200);
    expect(accepted(body.identity!)).toEqual({ ok: true, customerId: "7302", email: "jonas.weber@example.de" });
    expect(shopify.seen.length).toBe(before + 1);
    expect(JSON.parse(shopify.seen.at(-1)!.body)).toMatchObject({ variables: { id: "gid://shopify/Customer/7302" } });
    expect(shopify.violations).toEqual([]);
  });

  it("answers no identity for a shopper who is not signed in, or a customer the shop does not have", async () => {
    routesUse(db());
    expect(await ask(proxied(""))).toEqual({ status: 200, body: { identity: null } });
    expect(await ask(proxied("999000111"))).toEqual({ status: 200, body: { identity: null } });
  });

  it("refuses a request Shopify did not sign now for the configured shop, and never answers 500", async () => {
    routesUse(db());
    const refused = async (query: string, status: number) => {
      const { status: got, body } = await ask(query);
      expect(got, query).toBe(status);
      expect(body.identity).toBeUndefined();
      return body;
    };
    expect((await refused(proxied("7301", { secret: "another-app" }), 401)).type).toBe("urn:treue:problem:invalid-signature");
    await refused(proxied("7301").replace("logged_in_customer_id=7301", "logged_in_customer_id=7302"), 401);
    await refused(proxied("7301", { timestamp: Math.floor(Date.now() / 1000) - 301 }), 401);
    await refused(proxied("7301", { timestamp: Math.floor(Date.now() / 1000) + 301 }), 401);
    // The shopper's own ?logged_in_customer_id=7301 beside Shopify's empty one, both signed by Shopify.
    const injected = new URLSearchParams(`logged_in_customer_id=7301&shop=${SHOP}&logged_in_customer_id=&path_prefix=%2Fapps%2Ftreue&timestamp=${Math.floor(Date.now() / 1000)}`);
    injected.set("signature", signAppProxy(APP_SECRET, injected));
    await refused(injected.toString(), 401);
    expect((await refused(proxied("7301", { shop: "andere.myshopify.com" }), 403)).type).toBe("urn:treue:problem:forbidden");
    for (const junk of ["", "signature=x", "shop=%ZZ&timestamp=abc&signature=1", `${proxied("7301")}&signature=${"0".repeat(64)}`]) await refused(junk, 401);
  });

  it("answers 502 when Shopify cannot be asked, and tells nothing of Shopify's answer", async () => {
    routesUse(db());
    shopifyDown = true;
    try {
      const response = await shopifyIdentity(new Request(`http://treue.test/api/storefront/shopify/identity?${proxied("7303")}`));
      expect(response.status).toBe(502);
      expect(await response.text()).not.toMatch(/GEHEIM|Stacktrace|127\.0\.0\.1/);
    } finally {
      shopifyDown = false;
    }
  });
});

describeEachDatabase("the storefront identity from a Shopware app token", (db) => {
  const SHOP_ID = "sWiDeNtItY000001";
  const SHOP_SECRET_SW = "9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b";
  const UNCONFIRMED = "sWuNcOnFiRmEd001";
  const b64url = (value: string | Buffer) => Buffer.from(value).toString("base64url");

  /** The token Shopware's storefront gets from /app-system/TreueLoyalty/generate-token (HS256 under the shop's app secret). */
  function appToken(customerId: string | undefined, options: { shopId?: string; secret?: string; issuedAt?: number } = {}): string {
    const iat = options.issuedAt ?? Math.floor(Date.now() / 1000);
    const header = b64url(JSON.stringify({ typ: "JWT", alg: "HS256" }));
    const payload = b64url(JSON.stringify({ iss: options.shopId ?? SHOP_ID, iat, nbf: iat, exp: iat + 600, inAppPurchases: [], salesChannelId: "98432def39fc4624b33213a56b8c944d", ...(customerId && { customerId }) }));
    return `${header}.${payload}.${b64url(createHmac("sha256", options.secret ?? SHOP_SECRET_SW).update(`${header}.${payload}`).digest())}`;
  }
  const post = (body: unknown, origin: string | null = STOREFRONT) =>
    shopwareIdentity(
      new Request("http://treue.test/api/storefront/shopware/identity", {
        method: "POST",
        headers: { "content-type": "application/json", ...(origin && { origin }) },
        body: typeof body === "string" ? body : JSON.stringify(body),
      }),
    );

  beforeAll(async () => {
    routesUse(db());
    await registerShopwareShop(db(), { shopId: SHOP_ID, shopUrl: shopware.url, secret: SHOP_SECRET_SW }, KEY);
    await confirmShopwareShop(db(), SHOP_ID, { apiKey: SHOPWARE_KEY, secretKey: SHOPWARE_SECRET_KEY }, KEY);
    await registerShopwareShop(db(), { shopId: UNCONFIRMED, shopUrl: shopware.url, secret: SHOP_SECRET_SW }, KEY);
    await db().insert(members).values({ email: "erika@example.com", shopCustomerId: "0190f3a1b2c34d5e8f6a7b8c9d0e2000" });
  });

  it("signs the identity of the member the token's customer id names, for the shop's page to read", async () => {
    routesUse(db());
    const before = shopware.seen.length;
    const response = await post({ token: appToken("0190f3a1b2c34d5e8f6a7b8c9d0e2000") });
    expect(response.headers.get("access-control-allow-origin")).toBe(STOREFRONT);
    expect(response.headers.get("access-control-allow-credentials")).toBeNull();
    const { status, body } = await read(response);
    expect(status).toBe(200);
    expect(accepted(body.identity!)).toEqual({ ok: true, customerId: "0190f3a1b2c34d5e8f6a7b8c9d0e2000", email: "erika@example.com" });
    expect(shopware.seen.length).toBe(before);
  });

  it("takes the e-mail of a customer Treue does not know yet from the shop's Admin API", async () => {
    routesUse(db());
    const { status, body } = await read(await post({ token: appToken("0190f3a1b2c34d5e8f6a7b8c9d0e2001") }));
    expect(status).toBe(200);
    expect(accepted(body.identity!)).toEqual({ ok: true, customerId: "0190f3a1b2c34d5e8f6a7b8c9d0e2001", email: "max.mustermann@example.co.uk" });
    expect(shopware.seen.slice(-2).map((r) => r.path)).toEqual(["/api/oauth/token", "/api/search/customer"]);
    expect(JSON.parse(shopware.seen.at(-1)!.body)).toMatchObject({ filter: [{ type: "equals", field: "id", value: "0190f3a1b2c34d5e8f6a7b8c9d0e2001" }] });
    expect(shopware.violations).toEqual([]);
    // A customer the shop does not have: no identity.
    expect((await read(await post({ token: appToken("0190f3a1b2c34d5e8f6a7b8c9d0e2999") }))).body).toEqual({ identity: null });
  });

  it("answers no identity for a shopper who is not signed in (Shopware gave the page no token)", async () => {
    routesUse(db());
    for (const body of [{}, { token: null }, { token: "" }]) expect(await read(await post(body))).toEqual({ status: 200, body: { identity: null } });
  });

  it("refuses a token that is not a confirmed shop's, not valid now, or names no customer", async () => {
    routesUse(db());
    const refused = async (token: string, status: number) => {
      const response = await post({ token });
      // The page may read why: the CORS header is on refusals too.
      expect(response.headers.get("access-control-allow-origin")).toBe(STOREFRONT);
      const { status: got, body } = await read(response);
      expect(got).toBe(status);
      expect(body.identity).toBeUndefined();
      return body;
    };
    const customer = "0190f3a1b2c34d5e8f6a7b8c9d0e2000";
    expect((await refused(appToken(customer, { secret: "another-shops-secret" }), 401)).type).toBe("urn:treue:problem:invalid-signature");
    await refused(appToken(customer, { issuedAt: Math.floor(Date.now() / 1000) - 700 }), 401);
    await refused(appToken(customer, { shopId: "sWnIeGeHoErT0001" }), 401);
    await refused(appToken(customer, { shopId: UNCONFIRMED }), 401);
    await refused("eyJhbGciOiJub25lIn0.e30.", 401);
    expect((await refused(appToken(undefined), 400)).detail).toMatch(/read customers/);
  });

  it("refuses a body that is not {token}, and never answers 500", async () => {
    routesUse(db());
    expect((await read(await post("{nope"))).status).toBe(400);
    expect((await read(await post({ token: 42 }))).status).toBe(400);
    expect((await read(await post([1, 2]))).body).toEqual({ identity: null });
    expect((await post({ token: "x".repeat(40_000) })).status).toBe(413);
  });

  it("answers only the shop's storefront origins, and their preflight", async () => {
    routesUse(db());
    const elsewhere = await post({ token: appToken("0190f3a1b2c34d5e8f6a7b8c9d0e2000") }, "https://evil.example");
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.headers.get("access-control-allow-origin")).toBeNull();
    const preflight = (origin: string) =>
      shopwarePreflight(new Request("http://treue.test/api/storefront/shopware/identity", { method: "OPTIONS", headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "content-type" } }));
    const allowed = await preflight(STOREFRONT);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get("access-control-allow-origin")).toBe(STOREFRONT);
    expect(allowed.headers.get("access-control-allow-methods")).toBe("POST");
    expect(allowed.headers.get("access-control-allow-headers")).toBe("content-type");
    const other = await preflight("https://evil.example");
    expect(other.status).toBe(403);
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
  });
});

describe("the stand-ins", () => {
  it("answered every request as the platforms document them", () => {
    expect(shopify.violations).toEqual([]);
    expect(shopware.violations).toEqual([]);
  });
});
