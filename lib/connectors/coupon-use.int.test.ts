// A Treue coupon code used at the shop's checkout comes back with the platform's order webhook and
// is marked used by that order, as the shop API's POST /api/v1/coupons/{code}/redeem would mark it:
// once, again for the same order, never for another. The order earns whatever became of the code.
import { readFileSync } from "node:fs";
import path from "node:path";
import { and, desc, eq, gt } from "drizzle-orm";
import { beforeAll, expect, it, vi } from "vitest";
import { POST as shopifyRoute } from "../../app/api/connectors/shopify/route";
import { POST as wooRoute } from "../../app/api/connectors/woocommerce/route";
import { POST as shopwareConfirm } from "../../app/api/connectors/shopware/confirm/route";
import { GET as shopwareRegister } from "../../app/api/connectors/shopware/register/route";
import { POST as shopwareWebhook } from "../../app/api/connectors/shopware/webhook/route";
import type { Database } from "../db/connect";
import { findLedgerMismatches } from "../db/ledger-audit";
import { cancelCoupon } from "../server/members";
import { redeemReward } from "../server/rewards";
import { DEMO_OWNER, seedDemo } from "../db/seed-demo";
import { connectorDeliveries, coupons, ledgerEntries, members, orders } from "../db/schema";
import { describeEachDatabase, routesUse } from "../db/test-databases";
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

/** The code the fixtures carry, replaced by one the test issued (WooCommerce's in lower case, as it stores codes). */
const FIXTURE_CODE = "TREUE-7K3M-Q9XD-2HNV";
function fixture(name: string, code: string, changes: Record<string, unknown> = {}): Record<string, unknown> {
  const text = readFileSync(path.join(import.meta.dirname, "fixtures", `${name}.json`), "utf8")
    .replaceAll(FIXTURE_CODE, code)
    .replaceAll(FIXTURE_CODE.toLowerCase(), code.toLowerCase());
  return { ...(JSON.parse(text) as Record<string, unknown>), ...changes };
}

type Answer = { status: number; body: { status: string; detail?: string; events?: { status: string; points_delta?: number }[]; coupons?: { code: string; status: string; detail?: string }[] } };
let delivery = 0;

async function shopify(db: Database, topic: string, payload: unknown): Promise<Answer> {
  routesUse(db);
  const body = JSON.stringify(payload);
  const webhookId = `wh-coupon-${++delivery}`;
  const response = await shopifyRoute(
    new Request("http://treue.test/api/connectors/shopify", {
      method: "POST",
      body,
      headers: { "content-type": "application/json", "x-shopify-topic": topic, "x-shopify-hmac-sha256": hmacSha256("shpss_fixture_secret", body, "base64"), "x-shopify-webhook-id": webhookId },
    }),
  );
  return { status: response.status, body: (await response.json()) as Answer["body"] };
}

async function woo(db: Database, topic: string, payload: unknown): Promise<Answer> {
  routesUse(db);
  const body = JSON.stringify(payload);
  const headers = { "x-wc-webhook-topic": topic, "x-wc-webhook-delivery-id": `d-coupon-${++delivery}`, "x-wc-webhook-signature": hmacSha256("wc_fixture_secret", body, "base64") };
  const response = await wooRoute(new Request("http://treue.test/api/connectors/woocommerce", { method: "POST", body, headers }));
  return { status: response.status, body: (await response.json()) as Answer["body"] };
}

async function shopware(db: Database, payload: unknown, secret: string): Promise<Answer> {
  routesUse(db);
  const body = JSON.stringify(payload);
  const response = await shopwareWebhook(new Request("http://treue.test/api/connectors/shopware/webhook", { method: "POST", body, headers: { "shopware-shop-signature": hmacSha256(secret, body, "hex") } }));
  return { status: response.status, body: (await response.json()) as Answer["body"] };
}

/** A Shopware shop registered and confirmed by the app handshake; returns its own secret. */
async function connectShopware(db: Database, shopId: string): Promise<string> {
  routesUse(db);
  const shopUrl = "https://gipfel-shop.example";
  const query = `shop-id=${shopId}&shop-url=${encodeURIComponent(shopUrl)}&timestamp=${Math.floor(Date.now() / 1000)}`;
  const registered = await shopwareRegister(new Request(`http://treue.test/api/connectors/shopware/register?${query}`, { headers: { "shopware-app-signature": hmacSha256("sw_app_fixture_secret", query, "hex") } }));
  const { secret } = (await registered.json()) as { secret: string };
  const confirmation = JSON.stringify({ apiKey: "SWIAKEY", secretKey: "sw-secret-key", timestamp: Date.now(), shopUrl, shopId });
  expect((await shopwareConfirm(new Request("http://treue.test/api/connectors/shopware/confirm", { method: "POST", body: confirmation, headers: { "shopware-shop-signature": hmacSha256(secret, confirmation, "hex") } }))).status).toBe(204);
  return secret;
}

describeEachDatabase("coupons used at the shop's checkout", (db) => {
  const issuedAt = new Date("2026-11-15T09:00:00Z");
  let n = 0;

  beforeAll(async () => {
    await seedDemo(db(), new Date("2026-11-01T00:00:00Z"));
  });

  /** A shop customer (by the platform's customer id and e-mail) who redeemed the 5 € reward for a code. */
  async function memberWithCoupon(customer: { shopCustomerId?: string; email: string }) {
    let [member] = await db().select({ id: members.id }).from(members).where(eq(members.email, customer.email));
    if (!member) [member] = await db().insert(members).values({ email: customer.email, shopCustomerId: customer.shopCustomerId ?? null }).returning({ id: members.id });
    const grant = `grant:coupon-use:${++n}`;
    await db().insert(ledgerEntries).values({ memberId: member!.id, delta: 250, kind: "adjust", sourceRef: "test", idempotencyKey: grant, createdAt: new Date("2026-11-10T00:00:00Z") });
    const issued = await redeemReward(db(), member!.id, "eur5", `coupon-use-${n}`, issuedAt);
    if (issued.status !== "issued") throw new Error(`no coupon issued: ${issued.status}`);
    return { memberId: member!.id, couponId: issued.coupon.id, code: issued.coupon.code };
  }
  const couponRow = async (code: string) => (await db().select().from(coupons).where(eq(coupons.code, code)))[0]!;
  const balance = async (memberId: string) => (await db().select({ b: members.pointsBalance }).from(members).where(eq(members.id, memberId)))[0]!.b;
  const lastDetail = async (platform: string) => (await db().select().from(connectorDeliveries).where(eq(connectorDeliveries.platform, platform)).orderBy(desc(connectorDeliveries.id)).limit(1))[0]!;

  it("marks a Treue code from Shopify's orders/paid used by that order at its checkout time, once; a re-sent webhook changes nothing; the shop's own code is left alone", async () => {
    const marie = await memberWithCoupon({ shopCustomerId: "7001234500051", email: "marie.schulz@example.de" });
    const paid = await shopify(db(), "orders/paid", fixture("shopify-order-paid-coupon", marie.code));
    expect(paid.status).toBe(200);
    expect(paid.body.status).toBe("applied");
    expect(paid.body.events?.[0]?.points_delta).toBeGreaterThan(0); // the order earns as ever
    expect(paid.body.coupons).toEqual([{ code: marie.code, status: "used" }]);
    expect(await couponRow(marie.code)).toMatchObject({ usedOrderId: "5512345670051", usedAt: new Date("2026-11-20T15:02:11+01:00") });
    const logged = await lastDetail("shopify");
    expect(logged).toMatchObject({ outcome: "applied", detail: expect.stringContaining(`coupon ${marie.code}: used by this order`) });
    expect(logged.detail).not.toContain("WINTER10"); // the shop's own code: none of Treue's business

    const again = await shopify(db(), "orders/paid", fixture("shopify-order-paid-coupon", marie.code));
    expect(again.body.status).toBe("duplicate");
    expect(again.body.coupons).toEqual([{ code: marie.code, status: "duplicate" }]);
    expect(await couponRow(marie.code)).toMatchObject({ usedOrderId: "5512345670051", usedAt: new Date("2026-11-20T15:02:11+01:00") });
    const earned = (await db().select().from(orders).where(eq(orders.shopOrderId, "5512345670051")))[0]!.pointsEarned;
    expect(await balance(marie.memberId)).toBe(earned); // 250 granted, 250 redeemed, the order's points
  });

  it("logs a code another order already used, leaves it with that order, and the order earns all the same", async () => {
    const [first] = await db().select({ code: coupons.code }).from(coupons).where(eq(coupons.usedOrderId, "5512345670051"));
    const code = first!.code;
    const second = await shopify(db(), "orders/paid", fixture("shopify-order-paid-coupon", code, { id: 5512345670052, name: "#1052", created_at: "2026-11-23T10:00:00+01:00" }));
    expect(second.status).toBe(200);
    expect(second.body.status).toBe("applied");
    expect(second.body.events?.[0]?.points_delta).toBeGreaterThan(0);
    expect(second.body.coupons).toEqual([{ code, status: "refused", detail: expect.stringContaining("already used by order 5512345670051") }]);
    expect(await couponRow(code)).toMatchObject({ usedOrderId: "5512345670051" });
    expect((await lastDetail("shopify")).detail).toContain(`coupon ${code}: not marked used – already used by order 5512345670051`);
  });

  it("matches WooCommerce's lower-case coupon_lines code to the upper-case Treue code; the same order again is no second use", async () => {
    const paul = await memberWithCoupon({ shopCustomerId: "342", email: "paul.neumann@example.de" });
    const order = fixture("woocommerce-order-coupon", paul.code);
    expect(JSON.stringify(order)).toContain(paul.code.toLowerCase());
    const paid = await woo(db(), "order.updated", order);
    expect(paid.body.status).toBe("applied");
    expect(paid.body.coupons).toEqual([{ code: paul.code, status: "used" }]);
    expect(await couponRow(paul.code)).toMatchObject({ usedOrderId: "4790", usedAt: new Date("2026-11-21T08:40:02Z") });
    expect((await lastDetail("woocommerce")).detail).not.toContain("versandfrei");

    // Updated again (completed): already earned, the coupon stays with this order.
    expect((await woo(db(), "order.updated", { ...order, status: "completed" })).body.status).toBe("ignored");
    expect((await woo(db(), "order.updated", order)).body.status).toBe("ignored");
    expect(await couponRow(paul.code)).toMatchObject({ usedOrderId: "4790", usedAt: new Date("2026-11-21T08:40:02Z") });
  });

  it("marks the code of a Shopware order's promotion line used; an automatic promotion without a code is left alone; the webhook again changes nothing", async () => {
    const lisa = await memberWithCoupon({ shopCustomerId: "0190f3a1cccc4dddd8eeeffff0000aaaa", email: "lisa.hofmann@example.de" });
    const secret = await connectShopware(db(), "sWcOuPoN0051");
    const paid = await shopware(db(), fixture("shopware-order-paid-coupon", lisa.code), secret);
    expect(paid.body.status).toBe("applied");
    expect(paid.body.coupons).toEqual([{ code: lisa.code, status: "used" }]);
    expect(await couponRow(lisa.code)).toMatchObject({ usedOrderId: "0190f3a1b2c34d5e8f6a7b8c9d0e5151", usedAt: new Date("2026-11-22T17:31:45Z") });

    const again = await shopware(db(), fixture("shopware-order-paid-coupon", lisa.code), secret);
    expect(again.body).toMatchObject({ status: "duplicate", coupons: [{ code: lisa.code, status: "duplicate" }] });
    expect(await couponRow(lisa.code)).toMatchObject({ usedOrderId: "0190f3a1b2c34d5e8f6a7b8c9d0e5151" });
  });

  it("marks a code used in another customer's order (the shop accepted it) and notes that in the delivery", async () => {
    const owner = await memberWithCoupon({ email: "code.owner@example.de" });
    const order = fixture("shopify-order-paid-coupon", owner.code.toLowerCase(), { id: 5512345670061, name: "#1061" });
    const paid = await shopify(db(), "orders/paid", order);
    expect(paid.body.status).toBe("applied");
    expect(paid.body.coupons).toEqual([{ code: owner.code, status: "used", detail: expect.stringContaining("another member") }]);
    expect(await couponRow(owner.code)).toMatchObject({ usedOrderId: "5512345670061" });
    expect((await lastDetail("shopify")).detail).toContain(`coupon ${owner.code}: used by this order – issued to another member than the order's`);
  });

  it("logs an expired or cancelled code without marking it, and the order still earns", async () => {
    const expired = await memberWithCoupon({ shopCustomerId: "7001234500051", email: "marie.schulz@example.de" });
    await db().update(coupons).set({ expiresAt: new Date("2026-11-19T00:00:00Z") }).where(eq(coupons.id, expired.couponId));
    const late = await shopify(db(), "orders/paid", fixture("shopify-order-paid-coupon", expired.code, { id: 5512345670071, name: "#1071" }));
    expect(late.body.status).toBe("applied");
    expect(late.body.coupons).toEqual([{ code: expired.code, status: "refused", detail: expect.stringContaining("expired") }]);
    expect((await couponRow(expired.code)).usedAt).toBeNull();

    const cancelled = await memberWithCoupon({ shopCustomerId: "7001234500051", email: "marie.schulz@example.de" });
    const [staff] = await db().select().from(members).where(eq(members.email, DEMO_OWNER.email));
    await cancelCoupon(db(), { id: staff!.id, email: staff!.email }, cancelled.couponId, "falsch gewählt", new Date("2026-11-16T00:00:00Z"));
    const withdrawn = await shopify(db(), "orders/paid", fixture("shopify-order-paid-coupon", cancelled.code, { id: 5512345670072, name: "#1072" }));
    expect(withdrawn.body.status).toBe("applied");
    expect(withdrawn.body.coupons).toEqual([{ code: cancelled.code, status: "refused", detail: expect.stringContaining("cancelled") }]);
    expect((await couponRow(cancelled.code)).usedAt).toBeNull();
  });

  it("marks the code already at Shopify's orders/create, and orders/paid of that order finds it used by it", async () => {
    const early = await memberWithCoupon({ shopCustomerId: "7001234500051", email: "marie.schulz@example.de" });
    const order = fixture("shopify-order-paid-coupon", early.code, { id: 5512345670081, name: "#1081", financial_status: "pending" });
    const created = await shopify(db(), "orders/create", order);
    expect(created.body).toMatchObject({ status: "applied", coupons: [{ code: early.code, status: "used" }] });
    expect(await db().$count(orders, eq(orders.shopOrderId, "5512345670081"))).toBe(0); // it earns when paid
    const paid = await shopify(db(), "orders/paid", { ...order, financial_status: "paid" });
    expect(paid.body).toMatchObject({ status: "applied", coupons: [{ code: early.code, status: "duplicate" }] });
    expect(await couponRow(early.code)).toMatchObject({ usedOrderId: "5512345670081" });
    // An order with none of Treue's codes: nothing to do until it is paid.
    expect((await shopify(db(), "orders/create", { ...order, id: 5512345670082, discount_codes: [{ code: "WINTER10", amount: "12.90", type: "percentage" }], discount_applications: [] })).body.status).toBe("ignored");
  });

  it("keeps the coupon used when the order that used it is cancelled: its points are not given back, and the order shows as refunded", async () => {
    const marie = (await db().select().from(members).where(eq(members.email, "marie.schulz@example.de")))[0]!;
    const before = marie.pointsBalance;
    const cancelled = await shopify(db(), "orders/cancelled", fixture("shopify-order-paid-coupon", "UNUSED", { cancelled_at: "2026-11-24T09:00:00+01:00" }));
    expect(cancelled.body.status).toBe("applied");
    const order = (await db().select().from(orders).where(eq(orders.shopOrderId, "5512345670051")))[0]!;
    expect(await balance(marie.id)).toBe(before - order.pointsEarned); // the order's points go, the reward's 250 do not come back
    // What the console shows: coupons whose order was later refunded (in part or whole).
    const refunded = await db()
      .select({ code: coupons.code, order: orders.shopOrderId, refundedCents: orders.refundedCents, subtotalCents: orders.subtotalCents })
      .from(coupons)
      .innerJoin(orders, eq(orders.shopOrderId, coupons.usedOrderId))
      .where(and(eq(coupons.memberId, marie.id), gt(orders.refundedCents, 0)));
    expect(refunded).toEqual([{ code: expect.stringMatching(/^TREUE-/), order: "5512345670051", refundedCents: order.subtotalCents, subtotalCents: order.subtotalCents }]);
    expect(await findLedgerMismatches(db())).toEqual([]);
  });
});
