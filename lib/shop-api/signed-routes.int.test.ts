// Every signed route, called as Next calls it: signature v2 is taken everywhere; v1 (body only,
// replayable to another endpoint or coupon) only on POST /api/v1/events, and refused elsewhere
// with a 401 that says v2 is required, before anything is read or written.
import { NextRequest } from "next/server";
import { afterAll, expect, it } from "vitest";
import { POST as clockRoute } from "../../app/api/dev/clock/route";
import { POST as redeemCouponRoute } from "../../app/api/v1/coupons/[code]/redeem/route";
import { GET as couponRoute } from "../../app/api/v1/coupons/[code]/route";
import { GET as customerRoute } from "../../app/api/v1/customers/[id]/route";
import { POST as emailEventsRoute } from "../../app/api/v1/email-events/route";
import { POST as eventsRoute } from "../../app/api/v1/events/route";
import { GET as metricsRoute } from "../../app/api/v1/metrics/route";
import { GET as reviewsRoute } from "../../app/api/v1/reviews/route";
import { setClockOffset } from "../clock";
import { emailSuppressions, programs, shopEvents } from "../db/schema";
import { describeEachDatabase, routesUse } from "../db/test-databases";
import { signRequest, signRequestV1 } from "./signature";

const SECRET = "signed-routes-secret";
process.env.TREUE_SHOP_SECRET = SECRET;

type Call = (request: NextRequest) => Promise<Response>;
const withParams = <T extends Record<string, string>>(route: (r: NextRequest, c: { params: Promise<T> }) => Promise<Response>, params: T): Call => (r) => route(r, { params: Promise.resolve(params) });

const event = (id: string) =>
  JSON.stringify({ id, type: "customer.updated", occurred_at: "2026-11-20T10:15:00Z", data: { customer: { id: `c-${id}`, email: `${id}@example.com` } } });

/** Each route with a request it would take, and the status it answers that request with when signed right. */
const routes: { method: "GET" | "POST"; url: string; body?: string; call: Call; status: number }[] = [
  { method: "GET", url: "/api/v1/metrics?from=2026-11-01&to=2026-12-01", call: metricsRoute, status: 200 },
  { method: "GET", url: "/api/v1/customers/c-1", call: withParams(customerRoute, { id: "c-1" }), status: 404 },
  { method: "GET", url: "/api/v1/coupons/GOLD-5", call: withParams(couponRoute, { code: "GOLD-5" }), status: 404 },
  { method: "POST", url: "/api/v1/coupons/GOLD-5/redeem", body: JSON.stringify({ order_id: "o-1" }), call: withParams(redeemCouponRoute, { code: "GOLD-5" }), status: 404 },
  { method: "GET", url: "/api/v1/reviews?since=2026-11-01T00:00:00Z", call: reviewsRoute, status: 200 },
  { method: "POST", url: "/api/v1/email-events", body: JSON.stringify({ events: [{ type: "bounce", email: "gone@example.com" }] }), call: emailEventsRoute, status: 200 },
  { method: "POST", url: "/api/dev/clock", body: JSON.stringify({ offset_days: 0 }), call: clockRoute, status: 200 },
];

function send(method: string, url: string, headers: Record<string, string>, body?: string) {
  return new NextRequest(`http://treue.test${url}`, { method, headers: { "content-type": "application/json", ...headers }, body });
}

describeEachDatabase("signed routes", (db) => {
  afterAll(() => setClockOffset(0));

  it("refuse a v1 signature everywhere but POST /api/v1/events, saying v2 is required, and write nothing", async () => {
    routesUse(db());
    await db().insert(programs).values({ id: "default", name: "Signiert" });
    for (const route of routes) {
      const response = await route.call(send(route.method, route.url, signRequestV1(SECRET, route.body ?? ""), route.body));
      expect(response.status, route.url).toBe(401);
      expect(response.headers.get("content-type")).toBe("application/problem+json");
      const { detail } = (await response.json()) as { detail: string };
      expect(detail).toBe(
        `${route.method} ${route.url.split("?")[0]} requires signature v2: X-Treue-Signature: v2=<hex HMAC-SHA256 of "{timestamp}\\n{METHOD}\\n{path}\\n{canonical query}\\n{raw body}">; v1 is accepted on POST /api/v1/events only`,
      );
    }
    expect(await db().select().from(emailSuppressions)).toEqual([]);
  });

  it("take v2 on every route, and on POST /api/v1/events v1 as well", async () => {
    routesUse(db());
    for (const route of routes) {
      const response = await route.call(send(route.method, route.url, signRequest(SECRET, { method: route.method, url: route.url, body: route.body }), route.body));
      expect(response.status, route.url).toBe(route.status);
    }
    const v2 = event("evt_v2");
    expect((await eventsRoute(send("POST", "/api/v1/events", signRequest(SECRET, { method: "POST", url: "/api/v1/events", body: v2 }), v2))).status).toBe(200);
    const v1 = event("evt_v1");
    const applied = await eventsRoute(send("POST", "/api/v1/events", signRequestV1(SECRET, v1), v1));
    expect(applied.status).toBe(200);
    expect(await applied.json()).toMatchObject({ status: "applied", event_id: "evt_v1" });
    expect((await db().select().from(shopEvents)).map((e) => e.id).sort()).toEqual(["evt_v1", "evt_v2"]);
  });

  it("refuse a v2 signature on any other route than the one it was made for", async () => {
    routesUse(db());
    const body = JSON.stringify({ order_id: "o-1" });
    const captured = signRequest(SECRET, { method: "POST", url: "/api/v1/coupons/GOLD-5/redeem", body });
    const replayed = await redeemCouponRoute(send("POST", "/api/v1/coupons/GOLD-6/redeem", captured, body), { params: Promise.resolve({ code: "GOLD-6" }) });
    expect(replayed.status).toBe(401);
    const read = signRequest(SECRET, { method: "GET", url: "/api/v1/customers/c-1" });
    expect((await customerRoute(send("GET", "/api/v1/customers/c-2", read), { params: Promise.resolve({ id: "c-2" }) })).status).toBe(401);
  });
});
