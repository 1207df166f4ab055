// A shop that connects before the console's set-up wizard has made the program: every shop API
// route answers sensibly (never a 500), and an event, which cannot be applied yet, writes nothing
// and is answered 503 with Retry-After so the shop delivers it again.
import { readFileSync } from "node:fs";
import path from "node:path";
import { NextRequest } from "next/server";
import { expect, it } from "vitest";
import { POST as shopifyRoute } from "../../app/api/connectors/shopify/route";
import { POST as redeemCouponRoute } from "../../app/api/v1/coupons/[code]/redeem/route";
import { GET as couponRoute } from "../../app/api/v1/coupons/[code]/route";
import { GET as customerRoute } from "../../app/api/v1/customers/[id]/route";
import { POST as emailEventsRoute } from "../../app/api/v1/email-events/route";
import { POST as eventsRoute } from "../../app/api/v1/events/route";
import { GET as metricsRoute } from "../../app/api/v1/metrics/route";
import { GET as reviewsRoute } from "../../app/api/v1/reviews/route";
import { hmacSha256 } from "../connectors/signature";
import { connectorDeliveries, connectorOrders, emailSuppressions, ledgerEntries, members, orders, programs, shopEvents } from "../db/schema";
import { forgetProgramConfig } from "../db/queries/program";
import { describeEachDatabase, routesUse } from "../db/test-databases";
import { signRequest } from "./signature";

const SECRET = "fresh-install-secret";
process.env.TREUE_SHOP_SECRET = SECRET;
const SHOPIFY_SECRET = "shpss_fresh_install";
process.env.TREUE_SHOPIFY_SECRET = SHOPIFY_SECRET;
const BASE = "http://treue.test";

function signed(method: "GET" | "POST", pathAndQuery: string, body = "") {
  const headers = { ...signRequest(SECRET, { method, url: pathAndQuery, body }), ...(method === "POST" && { "content-type": "application/json" }) };
  return new NextRequest(`${BASE}${pathAndQuery}`, { method, headers, ...(method === "POST" && { body }) });
}

const orderPaid = JSON.stringify({
  id: "evt_fresh_1",
  type: "order.paid",
  occurred_at: "2026-11-20T10:15:00Z",
  data: {
    order_id: "fresh-1",
    customer: { id: "fresh-c1", email: "fresh@example.com" },
    currency: "EUR",
    subtotal_cents: 5_000,
    items: [{ sku: "S-1", name: "Zelt", quantity: 1, unit_price_cents: 5_000 }],
  },
});

async function answer(response: Response) {
  return { status: response.status, type: response.headers.get("content-type"), body: (await response.json()) as Record<string, unknown> };
}

describeEachDatabase("shop API on a fresh install (no program yet)", (db) => {
  it("answers the metrics with zeros and nulls", async () => {
    routesUse(db());
    expect(await db().select().from(programs)).toEqual([]);
    const { status, body } = await answer(await metricsRoute(signed("GET", "/api/v1/metrics?from=2026-11-01&to=2026-12-01")));
    expect(status).toBe(200);
    expect(body).toMatchObject({ orders: 0, customers: 0, revenue_cents: 0, aov_cents: null, members: 0, redemption_rate: null });
    expect(body.points_liability).toEqual({ points: 0, cents: 0, point_value_milli_cents: 100 });
  });

  it("answers customers and coupons 404 and reviews with an empty list", async () => {
    routesUse(db());
    const customer = await answer(await customerRoute(signed("GET", "/api/v1/customers/c-1"), { params: Promise.resolve({ id: "c-1" }) }));
    expect(customer).toMatchObject({ status: 404, type: "application/problem+json" });
    const coupon = await answer(await couponRoute(signed("GET", "/api/v1/coupons/ABC-123"), { params: Promise.resolve({ code: "ABC-123" }) }));
    expect(coupon).toMatchObject({ status: 404, type: "application/problem+json" });
    const redeem = await answer(
      await redeemCouponRoute(signed("POST", "/api/v1/coupons/ABC-123/redeem", JSON.stringify({ order_id: "o-1" })), { params: Promise.resolve({ code: "ABC-123" }) }),
    );
    expect(redeem).toMatchObject({ status: 404, type: "application/problem+json" });
    const reviews = await answer(await reviewsRoute(signed("GET", "/api/v1/reviews")));
    expect(reviews).toMatchObject({ status: 200, body: { reviews: [], next_since: null } });
  });

  it("answers a customer known before the program (a shopper a platform connector brought) without tiers", async () => {
    routesUse(db());
    await db().insert(members).values({ email: "early@example.com", shopCustomerId: "early-1" });
    const customer = await answer(await customerRoute(signed("GET", "/api/v1/customers/early-1"), { params: Promise.resolve({ id: "early-1" }) }));
    expect(customer).toMatchObject({ status: 200, body: { balance: 0, tier: null, next_tier: null, qualifying_spend_cents: 0 } });
    await db().delete(members);
  });

  it("takes the mail provider's bounces", async () => {
    routesUse(db());
    const body = JSON.stringify({ events: [{ type: "bounce", email: "gone@example.com" }] });
    expect(await answer(await emailEventsRoute(signed("POST", "/api/v1/email-events", body)))).toMatchObject({ status: 200, body: { suppressed: 1 } });
    expect(await db().select().from(emailSuppressions)).toHaveLength(1);
  });

  it("answers a platform's order webhook before the program exists as the shop API does: 503, nothing written", async () => {
    routesUse(db());
    const body = readFileSync(path.join(import.meta.dirname, "../connectors/fixtures/shopify-order-paid-de.json"), "utf8");
    const response = await shopifyRoute(
      new Request("http://treue.test/api/connectors/shopify", {
        method: "POST",
        body,
        headers: { "content-type": "application/json", "x-shopify-topic": "orders/paid", "x-shopify-hmac-sha256": hmacSha256(SHOPIFY_SECRET, body, "base64"), "x-shopify-webhook-id": "wh-fresh" },
      }),
    );
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("600");
    for (const table of [shopEvents, members, orders, ledgerEntries, connectorOrders]) expect(await db().select().from(table)).toEqual([]);
    // Connections shows the owner why, with the one step to take.
    expect((await db().select().from(connectorDeliveries))[0]).toMatchObject({ outcome: "failed", detail: expect.stringMatching(/set-up wizard/) });
  });

  it("refuses an order before the program exists, says what to do, and writes nothing; once it exists the same event applies", async () => {
    routesUse(db());
    const response = await eventsRoute(signed("POST", "/api/v1/events", orderPaid));
    expect(response.headers.get("retry-after")).toBe("600"); // a retrying shop loses nothing
    const refused = await answer(response);
    expect(refused).toMatchObject({ status: 503, type: "application/problem+json", body: { type: "urn:treue:problem:program-not-set-up" } });
    expect(refused.body.detail).toMatch(/finish the set-up wizard in the console.*send event evt_fresh_1 again/);
    for (const table of [shopEvents, members, orders, ledgerEntries]) expect(await db().select().from(table)).toEqual([]);
    // A refund or a customer update before the program: the same answer.
    const refund = JSON.stringify({ id: "evt_fresh_2", type: "order.refunded", occurred_at: "2026-11-20T10:15:00Z", data: { order_id: "fresh-1", amount_cents: 100 } });
    expect((await eventsRoute(signed("POST", "/api/v1/events", refund))).status).toBe(503);
    const update = JSON.stringify({ id: "evt_fresh_3", type: "customer.updated", occurred_at: "2026-11-20T10:15:00Z", data: { customer: { id: "fresh-c1", email: "fresh@example.com" } } });
    expect((await eventsRoute(signed("POST", "/api/v1/events", update))).status).toBe(503);
    // Bad input is still told apart first.
    expect((await eventsRoute(signed("POST", "/api/v1/events", "{"))).status).toBe(400);
    for (const table of [shopEvents, members]) expect(await db().select().from(table)).toEqual([]);

    await db().insert(programs).values({ id: "default", name: "Frisch" });
    forgetProgramConfig(db()); // as the wizard does when it saves
    const applied = await answer(await eventsRoute(signed("POST", "/api/v1/events", orderPaid)));
    expect(applied).toMatchObject({ status: 200, body: { status: "applied", event_id: "evt_fresh_1", points_delta: 50 } });
  });
});
