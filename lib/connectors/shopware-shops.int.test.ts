// A registered Shopware shop names the URL the server later calls with that shop's Admin API
// credentials: only https to public addresses, checked at registration and again before each call;
// the shop's errors are not echoed back; and one shop's webhooks never touch another shop's orders.
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { desc, eq } from "drizzle-orm";
import { beforeAll, expect, it, vi } from "vitest";
import { POST as shopwareConfirm } from "../../app/api/connectors/shopware/confirm/route";
import { GET as shopwareRegister } from "../../app/api/connectors/shopware/register/route";
import { POST as shopwareWebhook } from "../../app/api/connectors/shopware/webhook/route";
import { findLedgerMismatches } from "../db/ledger-audit";
import { seedDemo } from "../db/seed-demo";
import { connectorDeliveries, orders, shopwareShops } from "../db/schema";
import { describeEachDatabase, routesUse } from "../db/test-databases";
import { hmacSha256 } from "./signature";

/** Name resolution as the test says (this machine has no DNS): a name not listed does not resolve. */
const dns = vi.hoisted(() => new Map<string, string[]>());
vi.mock("node:dns/promises", () => {
  const lookup = async (host: string) => {
    const found = dns.get(host);
    if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND" });
    return found.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };
  return { lookup, default: { lookup } };
});

process.env.TREUE_SHOPWARE_APP_SECRET = "sw_app_fixture_secret";
process.env.TREUE_SHOPWARE_APP_NAME = "TreueLoyalty";
process.env.NEXTAUTH_SECRET ??= "connector-test-secret-connector-test-secret";

const base = JSON.parse(readFileSync(path.join(import.meta.dirname, "fixtures", "shopware-order-paid.json"), "utf8")) as { data: { payload: { order: Record<string, unknown> }; event: string }; source: Record<string, unknown> };
let n = 0;

function register(shopId: string, shopUrl: string) {
  const query = `shop-id=${shopId}&shop-url=${encodeURIComponent(shopUrl)}&timestamp=${Math.floor(Date.now() / 1000)}`;
  return shopwareRegister(new Request(`http://treue.test/api/connectors/shopware/register?${query}`, { headers: { "shopware-app-signature": hmacSha256("sw_app_fixture_secret", query, "hex") } }));
}

async function connect(shopId: string, shopUrl: string): Promise<string> {
  const registered = await register(shopId, shopUrl);
  expect(registered.status).toBe(200);
  const { secret } = (await registered.json()) as { secret: string };
  const confirmation = JSON.stringify({ apiKey: "SWIAKEY", secretKey: "sw-secret-key", timestamp: Date.now(), shopUrl, shopId });
  expect((await shopwareConfirm(new Request("http://treue.test/api/connectors/shopware/confirm", { method: "POST", body: confirmation, headers: { "shopware-shop-signature": hmacSha256(secret, confirmation, "hex") } }))).status).toBe(204);
  return secret;
}

async function send(shopId: string, secret: string, orderId: string, event: string, order: Record<string, unknown> = {}) {
  const payload = { ...base, data: { event, payload: { order: { ...base.data.payload.order, id: orderId, ...order } } }, source: { ...base.source, shopId, eventId: `ev-${++n}` } };
  const body = JSON.stringify(payload);
  const response = await shopwareWebhook(new Request("http://treue.test/api/connectors/shopware/webhook", { method: "POST", body, headers: { "shopware-shop-signature": hmacSha256(secret, body, "hex") } }));
  return { status: response.status, text: await response.text() };
}

/** A stand-in for a shop's Admin API on a local port; `answer` decides each reply. */
async function fakeShop(answer: (request: IncomingMessage, response: ServerResponse) => void) {
  const seen: string[] = [];
  const server = createServer((request, response) => {
    seen.push(request.url ?? "");
    request.resume();
    request.on("end", () => answer(request, response));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { port: (server.address() as AddressInfo).port, seen, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describeEachDatabase("Shopware shops", (db) => {
  beforeAll(async () => {
    routesUse(db());
    await seedDemo(db(), new Date());
  });

  it("refuses a registration whose shop URL is not https on a public address, and stores nothing", async () => {
    routesUse(db());
    dns.set("gipfel-shop.example", ["93.184.215.14"]);
    dns.set("intern.example", ["10.20.30.40"]);
    dns.set("halb-intern.example", ["93.184.215.14", "192.168.1.10"]);
    dns.set("metadaten.example", ["169.254.169.254"]);
    dns.set("v6-lokal.example", ["fd00::1"]);
    const refused = [
      "http://gipfel-shop.example",
      "ftp://gipfel-shop.example",
      "https://127.0.0.1",
      "https://[::1]:8443",
      "https://10.0.0.5",
      "https://169.254.169.254/latest/meta-data",
      "https://[::ffff:10.0.0.5]",
      "https://intern.example",
      "https://halb-intern.example",
      "https://metadaten.example",
      "https://v6-lokal.example",
      "https://nirgends.example",
      "https://admin:geheim@gipfel-shop.example",
      "keine URL",
    ];
    for (const [i, shopUrl] of refused.entries()) {
      const response = await register(`sWrEfUsEd${i}`, shopUrl);
      expect(response.status, shopUrl).toBe(400);
      expect(response.headers.get("content-type")).toBe("application/problem+json");
      expect(((await response.json()) as { type: string }).type).toBe("urn:treue:problem:invalid-input");
    }
    expect(await db().$count(shopwareShops)).toBe(0);
    expect((await register("sWpUbLiC01", "https://gipfel-shop.example/shop")).status).toBe(200);
    expect(await db().$count(shopwareShops, eq(shopwareShops.shopId, "sWpUbLiC01"))).toBe(1);
  });

  it("allows plain http to a local stand-in only in tests, never in production", async () => {
    routesUse(db());
    vi.stubEnv("NODE_ENV", "production");
    try {
      expect((await register("sWlOoPbAcK", "http://127.0.0.1:8080")).status).toBe(400);
    } finally {
      vi.unstubAllEnvs();
    }
    expect((await register("sWlOoPbAcK", "http://127.0.0.1:8080")).status).toBe(200);
    expect((await register("sWlOoPbAcK2", "http://10.0.0.5:8080")).status).toBe(400);
  });

  it("checks the shop's address again before each Admin API call and tells the caller nothing of the shop's answer", async () => {
    routesUse(db());
    const shop = await fakeShop((_request, response) => response.writeHead(500, { "content-type": "text/plain" }).end("Stacktrace: PDOException at db-intern-7:3306 (GEHEIM-INNEN)"));
    try {
      dns.set("wandel-shop.test", ["127.0.0.1"]);
      const secret = await connect("sWwAnDeL01", `http://wandel-shop.test:${shop.port}`);
      const orderId = "0190f3a1b2c34d5e8f6a7b8c9d0e7001";
      expect((await send("sWwAnDeL01", secret, orderId, "state_enter.order_transaction.state.paid")).text).toContain('"applied"');

      // The shop fails with a body of its own: it reaches neither the caller nor the delivery log.
      const failed = await send("sWwAnDeL01", secret, orderId, "state_enter.order_transaction.state.refunded_partially");
      expect(failed.status).toBe(502);
      expect(shop.seen).toEqual(["/api/oauth/token"]);
      expect(failed.text).not.toMatch(/GEHEIM|PDOException|127\.0\.0\.1|wandel-shop/);
      const [logged] = await db().select().from(connectorDeliveries).where(eq(connectorDeliveries.platform, "shopware")).orderBy(desc(connectorDeliveries.id)).limit(1);
      expect(logged!.detail).toContain("500");
      expect(logged!.detail).not.toMatch(/GEHEIM|PDOException/);

      // The name now points into the private network: the server does not call it.
      dns.set("wandel-shop.test", ["10.11.12.13"]);
      const moved = await send("sWwAnDeL01", secret, orderId, "state_enter.order_transaction.state.refunded_partially");
      expect(moved.status).toBe(502);
      expect(moved.text).not.toMatch(/10\.11\.12\.13|wandel-shop/);
      const [refused] = await db().select().from(connectorDeliveries).where(eq(connectorDeliveries.platform, "shopware")).orderBy(desc(connectorDeliveries.id)).limit(1);
      expect(refused!.detail).toMatch(/public address/);

      // A shop that cannot be reached at all: the caller learns nothing of why.
      await shop.close();
      dns.set("wandel-shop.test", ["127.0.0.1"]);
      const down = await send("sWwAnDeL01", secret, orderId, "state_enter.order_transaction.state.refunded_partially");
      expect(down.status).toBe(502);
      expect(down.text).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|wandel-shop|fetch failed/);
    } finally {
      await shop.close().catch(() => {});
    }
  });

  it("follows no redirect the shop answers with", async () => {
    routesUse(db());
    const elsewhere = await fakeShop((_request, response) => response.writeHead(200, { "content-type": "application/json" }).end('{"access_token":"gestohlen"}'));
    const shop = await fakeShop((_request, response) => response.writeHead(307, { location: `http://127.0.0.1:${elsewhere.port}/api/oauth/token` }).end());
    try {
      const secret = await connect("sWuMlEiTuNg", `http://127.0.0.1:${shop.port}`);
      const orderId = "0190f3a1b2c34d5e8f6a7b8c9d0e7002";
      await send("sWuMlEiTuNg", secret, orderId, "state_enter.order_transaction.state.paid");
      expect((await send("sWuMlEiTuNg", secret, orderId, "state_enter.order_transaction.state.refunded_partially")).status).toBe(502);
      expect(shop.seen).toEqual(["/api/oauth/token"]);
      expect(elsewhere.seen).toEqual([]);
    } finally {
      await shop.close();
      await elsewhere.close();
    }
  });

  it("keeps each shop's orders to that shop: another registered shop can neither read nor take them back", async () => {
    routesUse(db());
    dns.set("gipfel-shop.example", ["93.184.215.14"]);
    dns.set("fremder-shop.example", ["93.184.215.15"]);
    const own = await connect("sWeIgEnEr01", "https://gipfel-shop.example");
    const other = await connect("sWfReMdEr01", "https://fremder-shop.example");
    const orderId = "0190f3a1b2c34d5e8f6a7b8c9d0e7003";
    const order = async () => (await db().select().from(orders).where(eq(orders.shopOrderId, orderId)))[0]!;

    expect((await send("sWeIgEnEr01", own, orderId, "state_enter.order_transaction.state.paid")).text).toContain('"applied"');
    const earned = await order();
    expect(earned.pointsEarned).toBeGreaterThan(0);

    // The other shop announces a refund of that order, then claims it as its own with other amounts first.
    expect((await send("sWfReMdEr01", other, orderId, "state_enter.order_transaction.state.refunded")).text).not.toContain('"applied"');
    await send("sWfReMdEr01", other, orderId, "state_enter.order_transaction.state.paid", { amountTotal: 1, lineItems: [] });
    expect((await send("sWfReMdEr01", other, orderId, "state_enter.order.state.cancelled")).text).not.toContain('"applied"');
    expect(await order()).toMatchObject({ refundedCents: 0, pointsClawedBack: 0 });

    // The order's own shop still takes it back in full.
    expect((await send("sWeIgEnEr01", own, orderId, "state_enter.order_transaction.state.refunded")).text).toContain('"applied"');
    expect(await order()).toMatchObject({ refundedCents: earned.subtotalCents, pointsClawedBack: earned.pointsEarned });
    expect(await findLedgerMismatches(db())).toEqual([]);
  });
});
