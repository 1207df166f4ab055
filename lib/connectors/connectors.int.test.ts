// Each platform's real-shaped webhooks (lib/connectors/fixtures), signed the platform's way, through
// the route itself, against what the same order earns through POST /api/v1/events.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { and, desc, eq } from "drizzle-orm";
import { expect, it, vi } from "vitest";
import { POST as shopifyRoute } from "../../app/api/connectors/shopify/route";
import { POST as wooRoute } from "../../app/api/connectors/woocommerce/route";
import { POST as shopwareConfirm } from "../../app/api/connectors/shopware/confirm/route";
import { GET as shopwareRegister } from "../../app/api/connectors/shopware/register/route";
import { POST as shopwareWebhook } from "../../app/api/connectors/shopware/webhook/route";
import type { Database } from "../db/connect";
import { findLedgerMismatches } from "../db/ledger-audit";
import { applyShopEvent } from "../server/orders/apply-shop-event";
import { seedDemo } from "../db/seed-demo";
import { auditLog, connectorDeliveries, ledgerEntries, members, orders } from "../db/schema";
import { describeEachDatabase, routesUse } from "../db/test-databases";
import { bodyHash } from "../shop-api/canonical-json";
import { shopEventSchema } from "../validations/shop-events";
import { hmacSha256 } from "./signature";

// The Shopware shop's public name, as DNS would answer (this machine may have none); the registration checks it.
vi.mock("node:dns/promises", () => {
  const lookup = async (host: string) => {
    if (host !== "gipfel-shop.example") throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND" });
    return [{ address: "93.184.215.14", family: 4 }];
  };
  return { lookup, default: { lookup } };
});

process.env.TREUE_SHOPIFY_SECRET = "shpss_fixture_secret";
process.env.TREUE_WOOCOMMERCE_SECRET = "wc_fixture_secret";
process.env.TREUE_SHOPWARE_APP_SECRET = "sw_app_fixture_secret";
process.env.TREUE_SHOPWARE_APP_NAME = "TreueLoyalty";
process.env.NEXTAUTH_SECRET ??= "connector-test-secret-connector-test-secret";

const fixture = (name: string) => JSON.parse(readFileSync(path.join(import.meta.dirname, "fixtures", `${name}.json`), "utf8")) as Record<string, unknown>;
let delivery = 0;

async function shopify(db: Database, topic: string, payload: unknown, { secret = "shpss_fixture_secret", webhookId = `wh-${++delivery}` } = {}) {
  routesUse(db);
  const body = JSON.stringify(payload);
  const response = await shopifyRoute(
    new Request("http://treue.test/api/connectors/shopify", {
      method: "POST",
      body,
      headers: { "content-type": "application/json", "x-shopify-topic": topic, "x-shopify-hmac-sha256": hmacSha256(secret, body, "base64"), "x-shopify-webhook-id": webhookId, "x-shopify-event-id": `ev-${webhookId}` },
    }),
  );
  return { status: response.status, body: (await response.json()) as { status: string; events?: { status: string; points_delta?: number }[]; detail?: string } };
}

async function woo(db: Database, topic: string, payload: unknown, { secret = "wc_fixture_secret", signed = true } = {}) {
  routesUse(db);
  const body = typeof payload === "string" ? payload : JSON.stringify(payload);
  const headers: Record<string, string> = { "x-wc-webhook-topic": topic, "x-wc-webhook-delivery-id": `d-${++delivery}` };
  if (signed) headers["x-wc-webhook-signature"] = hmacSha256(secret, body, "base64");
  const response = await wooRoute(new Request("http://treue.test/api/connectors/woocommerce", { method: "POST", body, headers }));
  return { status: response.status, body: (await response.json()) as { status: string; events?: { status: string; points_delta?: number }[] } };
}

async function shopware(db: Database, payload: unknown, secret: string) {
  routesUse(db);
  const body = JSON.stringify(payload);
  const response = await shopwareWebhook(new Request("http://treue.test/api/connectors/shopware/webhook", { method: "POST", body, headers: { "shopware-shop-signature": hmacSha256(secret, body, "hex") } }));
  return { status: response.status, body: (await response.json()) as { status: string; events?: { id: string; status: string; points_delta?: number }[] } };
}

/** A shop registered and confirmed by the app handshake; returns the per-shop secret it was given. */
async function connectShopware(db: Database, shopId: string, shopUrl: string): Promise<string> {
  routesUse(db);
  const query = `shop-id=${shopId}&shop-url=${encodeURIComponent(shopUrl)}&timestamp=${Math.floor(Date.now() / 1000)}`;
  const registered = await shopwareRegister(new Request(`http://treue.test/api/connectors/shopware/register?${query}`, { headers: { "shopware-app-signature": hmacSha256("sw_app_fixture_secret", query, "hex") } }));
  const { secret } = (await registered.json()) as { secret: string };
  const confirmation = JSON.stringify({ apiKey: "SWIAKEY", secretKey: "sw-secret-key", timestamp: Date.now(), shopUrl, shopId });
  expect((await shopwareConfirm(new Request("http://treue.test/api/connectors/shopware/confirm", { method: "POST", body: confirmation, headers: { "shopware-shop-signature": hmacSha256(secret, confirmation, "hex") } }))).status).toBe(204);
  return secret;
}

/**
 * A Shopware shop's Admin API as its documentation describes it, on a real port: OAuth client
 * credentials for a token, then a criteria search of the completed refunds of one order.
 */
async function fakeShopwareAdmin(refunds: () => { id: string; totalPrice: number }[] | "down") {
  const requests: { path: string; body: Record<string, unknown>; authorization?: string }[] = [];
  const server = createServer((request, response) => {
    let raw = "";
    request.on("data", (chunk: Buffer) => (raw += chunk.toString()));
    request.on("end", () => {
      const body = JSON.parse(raw || "{}") as Record<string, unknown>;
      requests.push({ path: request.url ?? "", body, authorization: request.headers.authorization });
      const answer = (status: number, json: unknown) => response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(json));
      const listed = refunds();
      if (listed === "down") return answer(503, { errors: [{ status: "503", title: "Service Unavailable" }] });
      if (request.method === "POST" && request.url === "/api/oauth/token") {
        const ok = body.grant_type === "client_credentials" && body.client_id === "SWIAKEY" && body.client_secret === "sw-secret-key";
        return ok ? answer(200, { token_type: "Bearer", expires_in: 600, access_token: "sw-token-1" }) : answer(401, { errors: [{ status: "401", title: "Unauthorized" }] });
      }
      if (request.method === "POST" && request.url === "/api/search/order-transaction-capture-refund") {
        if (request.headers.authorization !== "Bearer sw-token-1") return answer(401, { errors: [{ status: "401" }] });
        const filters = body.filter as { field: string; value: string }[];
        const orderId = filters.find((f) => f.field === "transactionCapture.transaction.orderId")?.value;
        const completedOnly = filters.some((f) => f.field === "stateMachineState.technicalName" && f.value === "completed");
        if (!orderId || !completedOnly) return answer(400, { errors: [{ status: "400", detail: "expected the order's completed refunds" }] });
        return answer(200, { total: listed.length, data: listed.map((r) => ({ id: r.id, captureId: "cap-1", amount: { unitPrice: r.totalPrice, quantity: 1, totalPrice: r.totalPrice, calculatedTaxes: [] } })) });
      }
      answer(404, { errors: [{ status: "404" }] });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, requests, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describeEachDatabase("platform connectors", (db) => {
  const balance = async (where: ReturnType<typeof eq>) => (await db().select({ b: members.pointsBalance }).from(members).where(where))[0]?.b;
  /** The same order as a shop would send it to /api/v1/events, for another customer. */
  async function twin(orderId: string, subtotalCents: number, items: object[]) {
    const event = shopEventSchema.parse({ id: `twin-${orderId}`, type: "order.paid", occurred_at: "2026-11-20T10:15:00Z", data: { order_id: orderId, customer: { id: `twin-${orderId}`, email: `twin-${orderId}@example.com` }, currency: "EUR", subtotal_cents: subtotalCents, items } });
    const outcome = await applyShopEvent(db(), event, bodyHash(event));
    return outcome.status === "conflict" ? 0 : outcome.result.points_delta;
  }
  async function twinRefund(orderId: string, amountCents: number, n: number) {
    const event = shopEventSchema.parse({ id: `twin-refund-${orderId}-${n}`, type: "order.refunded", occurred_at: "2026-11-24T10:00:00Z", data: { order_id: orderId, amount_cents: amountCents } });
    const outcome = await applyShopEvent(db(), event, bodyHash(event));
    return outcome.status === "conflict" ? 0 : outcome.result.points_delta;
  }

  it("earns on Shopify's orders/paid what the same order earns through the shop API: merchandise after discounts, without tax, shipping and gift cards", async () => {
    await seedDemo(db(), new Date("2026-11-20T00:00:00Z"));
    const paid = await shopify(db(), "orders/paid", fixture("shopify-order-paid-de"));
    expect(paid).toMatchObject({ status: 200, body: { status: "applied" } });
    const [order] = await db().select().from(orders).where(eq(orders.shopOrderId, "5512345678901"));
    // 224.10 - 35.78 tax (tent) + 23.22 - 3.71 tax (socks); the 4.90 shipping and the 50 € gift card earn nothing.
    expect(order).toMatchObject({ subtotalCents: 20_783, currency: "EUR" });
    const expected = await twin("twin-1042", 20_783, [{ sku: "ZELT-2", name: "Zelt Duo", quantity: 1, unit_price_cents: 18_832 }, { sku: "SOCKE-TREK", name: "Trekkingsocken", quantity: 2, unit_price_cents: 976 }]);
    expect(paid.body.events?.[0]?.points_delta).toBe(expected);
    expect(await balance(eq(members.shopCustomerId, "7001234567890"))).toBe(expected);
    const [member] = await db().select().from(members).where(eq(members.shopCustomerId, "7001234567890"));
    expect(member).toMatchObject({ email: "lena.berg@example.de", name: "Lena Berg" });
  });

  it("never earns twice: a re-sent webhook, another delivery of the same order and 50 concurrent retries apply once", async () => {
    const order = fixture("shopify-order-paid-de");
    const before = await balance(eq(members.shopCustomerId, "7001234567890"));
    const renamed = { ...order, customer: { ...(order.customer as object), first_name: "Lena M." } };
    expect((await shopify(db(), "orders/paid", renamed)).body.status).toBe("duplicate");

    const fresh = { ...order, id: 5512345670000, name: "#1099" };
    const retries = await Promise.all(Array.from({ length: 50 }, () => shopify(db(), "orders/paid", fresh, { webhookId: "wh-retry" })));
    expect(retries.filter((r) => r.body.status === "applied")).toHaveLength(1);
    expect(retries.filter((r) => r.body.status === "duplicate")).toHaveLength(49);
    const earned = retries.find((r) => r.body.status === "applied")!.body.events![0]!.points_delta!;
    expect(await balance(eq(members.shopCustomerId, "7001234567890"))).toBe(before! + earned);
    expect(await db().$count(ledgerEntries, eq(ledgerEntries.sourceRef, "order:5512345670000"))).toBe(1);
  });

  it("claws back a partial refund (merchandise without tax; the shipping refund earns nothing back) and a full refund, like the shop API", async () => {
    const who = eq(members.shopCustomerId, "7001234567890");
    const before = (await balance(who))!;
    const partial = await shopify(db(), "refunds/create", fixture("shopify-refund-partial"));
    expect(partial.body.status).toBe("applied");
    // 11.61 - 1.85 tax = 9.76 € of merchandise taken back.
    expect(partial.body.events?.[0]?.points_delta).toBe(await twinRefund("twin-1042", 976, 1));
    expect((await db().select().from(orders).where(eq(orders.shopOrderId, "5512345678901")))[0]?.refundedCents).toBe(976);

    const full = await shopify(db(), "refunds/create", fixture("shopify-refund-full"));
    expect(full.body.status).toBe("applied");
    const [order] = await db().select().from(orders).where(eq(orders.shopOrderId, "5512345678901"));
    expect(order!.refundedCents).toBe(order!.subtotalCents);
    expect(order!.pointsClawedBack).toBe(order!.pointsEarned);
    expect(await balance(who)).toBe(before - order!.pointsEarned);
    expect(await findLedgerMismatches(db())).toEqual([]);
  });

  it("credits a guest checkout to the member with that e-mail address and ignores topics Treue does not use", async () => {
    expect((await shopify(db(), "orders/paid", fixture("shopify-order-paid-guest"))).body.status).toBe("applied");
    const [guest] = await db().select().from(members).where(eq(members.email, "gast.kaeufer@example.de"));
    expect(guest).toMatchObject({ shopCustomerId: null });
    expect(guest!.pointsBalance).toBeGreaterThan(0);
    expect(await shopify(db(), "orders/create", fixture("shopify-order-paid-guest"))).toMatchObject({ status: 200, body: { status: "ignored" } });
    expect(await shopify(db(), "orders/paid", { ...fixture("shopify-order-paid-guest"), id: 1, currency: "CHF" })).toMatchObject({ status: 200, body: { status: "rejected" } });
    expect(await db().$count(orders, eq(orders.shopOrderId, "1"))).toBe(0);
  });

  it("refuses a forged or unsigned webhook with 401 and writes nothing", async () => {
    const deliveries = await db().$count(connectorDeliveries);
    const forged = { ...fixture("shopify-order-paid-de"), id: 5512345671111 };
    expect(await shopify(db(), "orders/paid", forged, { secret: "guessed" })).toMatchObject({ status: 401, body: { type: expect.stringContaining("invalid-signature") } });
    expect((await woo(db(), "order.updated", { ...fixture("woocommerce-order-processing"), id: 1 }, { signed: false })).status).toBe(401);
    expect(await db().$count(orders, eq(orders.shopOrderId, "5512345671111"))).toBe(0);
    expect(await db().$count(connectorDeliveries)).toBe(deliveries);
  });

  it("earns on WooCommerce once the order is paid, takes refunds back at their share of the order total, and answers the set-up ping", async () => {
    expect(await woo(db(), "", "webhook_id=12", { signed: false })).toEqual({ status: 200, body: { status: "ping" } });
    const pending = { ...fixture("woocommerce-order-processing"), status: "pending", date_paid_gmt: null };
    expect((await woo(db(), "order.created", pending)).body.status).toBe("ignored");

    const paid = await woo(db(), "order.updated", fixture("woocommerce-order-processing"));
    expect(paid.body.status).toBe("applied");
    expect((await db().select().from(orders).where(eq(orders.shopOrderId, "4711")))[0]).toMatchObject({ subtotalCents: 20_783, paidAt: new Date("2026-11-20T10:15:09Z") });
    expect(paid.body.events?.[0]?.points_delta).toBe(await twin("twin-4711", 20_783, [{ sku: "ZELT-2", name: "Zelt Duo", quantity: 1, unit_price_cents: 18_832 }, { sku: "SOCKE-TREK", name: "Trekkingsocken", quantity: 2, unit_price_cents: 976 }]));
    // Updated again (completed): nothing new.
    expect((await woo(db(), "order.updated", { ...fixture("woocommerce-order-processing"), status: "completed" })).body).toMatchObject({ status: "ignored", detail: "order 4711 already earned; nothing new" });

    const partial = await woo(db(), "order.updated", fixture("woocommerce-order-refund-partial"));
    // 23.22 € of a 252.22 € order: that share of the 207.83 € of merchandise, 19.13 €.
    expect(partial.body.events?.find((e) => e.status === "applied")?.points_delta).toBe(await twinRefund("twin-4711", 1_913, 1));
    await woo(db(), "order.updated", fixture("woocommerce-order-refunded"));
    const [order] = await db().select().from(orders).where(eq(orders.shopOrderId, "4711"));
    expect(order!.refundedCents).toBe(20_783);
    expect(order!.pointsClawedBack).toBe(order!.pointsEarned);
    const [member] = await db().select().from(members).where(and(eq(members.shopCustomerId, "318"), eq(members.email, "jonas.weber@example.de")));
    expect(member!.pointsBalance).toBe(0);
    expect(await findLedgerMismatches(db())).toEqual([]);
  });

  it("acts on Shopify's privacy topics: a data request reaches the owner's audit, a redaction erases the shopper, shop/redact erases the shop's shoppers only", async () => {
    const [lena] = await db().select().from(members).where(eq(members.shopCustomerId, "7001234567890"));
    const request = await shopify(db(), "customers/data_request", { shop_id: 1, shop_domain: "gipfel.myshopify.com", orders_requested: [5512345678901], customer: { id: 7001234567890, email: "lena.berg@example.de", phone: null }, data_request: { id: 9999 } });
    expect(request.body).toMatchObject({ status: "applied", detail: expect.stringContaining(`/console/members/${lena!.id}`) });
    expect(await db().$count(auditLog, and(eq(auditLog.action, "privacy.data-request"), eq(auditLog.target, `member:${lena!.id}`)))).toBe(1);

    const redact = await shopify(db(), "customers/redact", { shop_id: 1, shop_domain: "gipfel.myshopify.com", customer: { id: null, email: "gast.kaeufer@example.de", phone: null }, orders_to_redact: [5512345678999] });
    expect(redact.body.status).toBe("applied");
    expect(await db().$count(members, eq(members.email, "gast.kaeufer@example.de"))).toBe(0);
    expect((await shopify(db(), "customers/redact", { shop_id: 1, customer: { id: 1, email: "nobody@example.de" } })).body.status).toBe("ignored");

    expect((await shopify(db(), "shop/redact", { shop_id: 1, shop_domain: "gipfel.myshopify.com" })).body.status).toBe("applied");
    expect((await db().select().from(members).where(eq(members.id, lena!.id)))[0]).toMatchObject({ shopCustomerId: null, name: null, erasedAt: expect.any(Date) });
    expect(await db().$count(members, eq(members.email, "jonas.weber@example.de"))).toBe(1); // a WooCommerce shopper stays
    expect(await findLedgerMismatches(db())).toEqual([]);
  });

  it("registers a Shopware shop by the app handshake and earns on its paid orders with the shop's own secret", async () => {
    routesUse(db());
    const query = `shop-id=sWsHoP1234ab&shop-url=${encodeURIComponent("https://gipfel-shop.example")}&timestamp=${Math.floor(Date.now() / 1000)}`;
    const register = (signature: string) => shopwareRegister(new Request(`http://treue.test/api/connectors/shopware/register?${query}`, { headers: { "shopware-app-signature": signature } }));
    expect((await register(hmacSha256("wrong", query, "hex"))).status).toBe(401);
    const registered = await register(hmacSha256("sw_app_fixture_secret", query, "hex"));
    expect(registered.status).toBe(200);
    const { proof, secret, confirmation_url: confirmationUrl } = (await registered.json()) as { proof: string; secret: string; confirmation_url: string };
    expect(proof).toBe(hmacSha256("sw_app_fixture_secret", "sWsHoP1234abhttps://gipfel-shop.exampleTreueLoyalty", "hex"));
    expect(confirmationUrl).toMatch(/\/api\/connectors\/shopware\/confirm$/);

    const confirmation = JSON.stringify({ apiKey: "SWIAKEY", secretKey: "sw-secret-key", timestamp: Date.now(), shopUrl: "https://gipfel-shop.example", shopId: "sWsHoP1234ab" });
    const confirm = (signature: string) => shopwareConfirm(new Request("http://treue.test/api/connectors/shopware/confirm", { method: "POST", body: confirmation, headers: { "shopware-shop-signature": signature } }));
    expect((await confirm(hmacSha256("sw_app_fixture_secret", confirmation, "hex"))).status).toBe(401); // the shop's secret, not the app's
    expect((await confirm(hmacSha256(secret, confirmation, "hex"))).status).toBe(204);

    const send = (payload: unknown, key = secret) => shopware(db(), payload, key);
    const paid = fixture("shopware-order-paid");
    expect((await send(paid, "forged")).status).toBe(401);
    const earned = await send(paid);
    expect(earned.body.status).toBe("applied");
    // 249.00 + 25.80 - 27.48 promotion, minus their 19 % tax (39.76 + 4.12 - 4.39): 207.83 € of merchandise; shipping apart.
    expect((await db().select().from(orders).where(eq(orders.shopOrderId, "0190f3a1b2c34d5e8f6a7b8c9d0e1f2a")))[0]).toMatchObject({ subtotalCents: 20_783 });
    expect(earned.body.events?.[0]?.points_delta).toBe(await twin("twin-sw-10042", 20_783, [{ sku: "ZELT-2", name: "Zelt Duo", quantity: 1, unit_price_cents: 24_900 }, { sku: "SOCKE-TREK", name: "Trekkingsocken", quantity: 2, unit_price_cents: 1_290 }]));
    expect((await send(paid)).body.status).toBe("duplicate");
    const refunded = { ...paid, data: { ...(paid.data as object), event: "state_enter.order_transaction.state.refunded" } };
    expect((await send(refunded)).body.status).toBe("applied");
    const [order] = await db().select().from(orders).where(eq(orders.shopOrderId, "0190f3a1b2c34d5e8f6a7b8c9d0e1f2a"));
    expect(order!.refundedCents).toBe(20_783);
    expect(await findLedgerMismatches(db())).toEqual([]);
  });
  it("takes back a Shopware partial refund's share, read through the shop's Admin API, once per refund", async () => {
    let listed: { id: string; totalPrice: number }[] | "down" = [];
    const admin = await fakeShopwareAdmin(() => listed);
    try {
      const secret = await connectShopware(db(), "sWpArTiAl001", admin.url);
      const base = fixture("shopware-order-paid") as { data: { payload: { order: Record<string, unknown> }; event: string }; source: Record<string, unknown> };
      const orderId = "0190f3a1b2c34d5e8f6a7b8c9d0e9999";
      const announce = (event: string) => ({ ...base, data: { event, payload: { order: { ...base.data.payload.order, id: orderId, orderNumber: "10077" } } }, source: { ...base.source, shopId: "sWpArTiAl001", eventId: `ev-${++delivery}` } });
      const partial = () => shopware(db(), announce("state_enter.order_transaction.state.refunded_partially"), secret);
      const order = async () => (await db().select().from(orders).where(eq(orders.shopOrderId, orderId)))[0]!;

      expect((await partial()).body.status).toBe("ignored"); // never earned here: the shop is not even asked
      expect(admin.requests).toHaveLength(0);
      expect((await shopware(db(), announce("state_enter.order_transaction.state.paid"), secret)).body.status).toBe("applied");
      const earned = (await order()).pointsEarned;

      // Marked partially refunded by hand, without a refund record: nothing to take back, said so.
      const none = await partial();
      expect(none.body).toMatchObject({ status: "ignored", detail: expect.stringContaining("no completed refund") });

      // 59.50 € back of 252.22 € paid: that share of the 207.83 € earning base (49.03 €).
      listed = [{ id: "rf-1", totalPrice: 59.5 }];
      const first = await partial();
      expect(first.body.status).toBe("applied");
      expect((await order()).refundedCents).toBe(4_903);
      expect(first.body.events?.[0]?.points_delta).toBeLessThan(0);
      expect(admin.requests.at(-1)).toMatchObject({ path: "/api/search/order-transaction-capture-refund", authorization: "Bearer sw-token-1" });

      // A second partial refund: Shopware announces the state again; the first refund never counts twice.
      listed = [{ id: "rf-1", totalPrice: 59.5 }, { id: "rf-2", totalPrice: 20 }];
      const second = await partial();
      expect(second.body.events?.map((e) => e.status)).toEqual(["duplicate", "applied"]);
      expect((await order()).refundedCents).toBe(4_903 + 1_648);

      // The shop is down: 502 so Shopware sends again later, nothing written, the failure shown in Connections.
      listed = "down";
      const before = await order();
      const down = await partial();
      expect(down.status).toBe(502);
      expect(await order()).toEqual(before);
      const [logged] = await db().select().from(connectorDeliveries).where(eq(connectorDeliveries.platform, "shopware")).orderBy(desc(connectorDeliveries.id)).limit(1);
      expect(logged).toMatchObject({ outcome: "failed", detail: expect.stringContaining("503") });

      // The full refund takes the rest; points never go below what was earned.
      listed = [];
      expect((await shopware(db(), announce("state_enter.order_transaction.state.refunded"), secret)).body.status).toBe("applied");
      expect(await order()).toMatchObject({ refundedCents: 20_783, pointsClawedBack: earned });
      expect(await findLedgerMismatches(db())).toEqual([]);
    } finally {
      await admin.close();
    }
  });
});
