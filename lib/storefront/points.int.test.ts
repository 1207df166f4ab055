// The widget API on a product page's behalf: a listed storefront reads what a guest earns, the
// same points the shop's order of that one item then earns; other sites, bad input and a fresh
// install are answered without a 500, and other sites cannot read the answer.
import { NextRequest } from "next/server";
import { expect, it } from "vitest";
import { GET as brandRoute } from "../../app/api/embed/v1/brand/route";
import { GET as pointsRoute } from "../../app/api/embed/v1/points/route";
import { POST as eventsRoute } from "../../app/api/v1/events/route";
import { forgetProgramConfig } from "../db/queries/program";
import { earnRuleVersions, programs } from "../db/schema";
import { describeEachDatabase, routesUse } from "../db/test-databases";
import { parseEarnRule, pointsForOrder } from "../loyalty/earn-rule";
import { signRequest } from "../shop-api/signature";

const SHOP = "https://shop.example";
const SECRET = "storefront-points-secret";
process.env.TREUE_STOREFRONT_ORIGINS = `${SHOP},https://www.shop.example`;
process.env.TREUE_SHOP_SECRET = SECRET;
process.env.NEXTAUTH_URL = "https://treue.example";

const DAY = 86_400_000;
const current = { pointsPerUnit: 3, excludedCategories: ["gift-cards"], categoryBonusPercent: { zelte: 50 }, minOrderCents: 2_000 };

function fromPage(query: string, origin: string | null = SHOP, path = "points") {
  return new NextRequest(`http://treue.test/api/embed/v1/${path}${query}`, { headers: origin === null ? {} : { origin } });
}

async function read(response: Response) {
  return { status: response.status, headers: Object.fromEntries(response.headers), body: (await response.json()) as Record<string, unknown> };
}

describeEachDatabase("points on product pages", (db) => {
  it("answers a fresh install (no program yet) 404 program-not-set-up, readable by the shop's page", async () => {
    routesUse(db());
    for (const response of [await pointsRoute(fromPage("?price=11900&currency=EUR")), await brandRoute(fromPage("", SHOP, "brand"))]) {
      const answer = await read(response);
      expect(answer).toMatchObject({ status: 404, body: { type: "urn:treue:problem:program-not-set-up" } });
      expect(answer.headers).toMatchObject({ "content-type": "application/problem+json", "access-control-allow-origin": SHOP, vary: "Origin" });
    }
  });

  it("gives a listed storefront the points of the rule in force now, equal to what the shop's order of that item earns", async () => {
    routesUse(db());
    const now = Date.now();
    await db().insert(programs).values({ id: "default", name: "Gipfelglück", currency: "EUR", earnRule: { pointsPerUnit: 1 }, branding: { primaryColor: "#AA3300", logoUrl: "/api/reward-images/0b7c5f2e-4a1d-4f1e-9c3a-2d6b8e9f0a1b.webp" } });
    await db().insert(earnRuleVersions).values([
      { version: 1, programId: "default", rule: { pointsPerUnit: 1 }, effectiveFrom: new Date(now - 30 * DAY) },
      { version: 2, programId: "default", rule: current, effectiveFrom: new Date(now - DAY) },
      // Saved for next week: not yet what a product earns.
      { version: 3, programId: "default", rule: { pointsPerUnit: 10 }, effectiveFrom: new Date(now + 7 * DAY) },
    ]);
    forgetProgramConfig(db());

    const answer = await read(await pointsRoute(fromPage("?price=11900&currency=EUR&category=Zelte&sku=T-2")));
    expect(answer.status).toBe(200);
    expect(answer.headers).toMatchObject({ "access-control-allow-origin": SHOP, vary: "Origin", "cache-control": "public, max-age=300", "content-type": "application/json" });
    expect(answer.headers["access-control-allow-credentials"]).toBeUndefined();
    const expected = pointsForOrder(parseEarnRule(current), 11_900, [{ quantity: 1, unit_price_cents: 11_900, category: "Zelte", sku: "T-2" }], 100, new Date());
    expect(expected).toBe(534);
    expect(answer.body).toEqual({ points: expected, label: { de: "Sammle 534 Punkte", en: "Earn 534 points" } });

    // The shop's order of exactly that item, paid now by a new shopper (no tier), earns the same.
    const body = JSON.stringify({
      id: "evt_storefront_1",
      type: "order.paid",
      occurred_at: new Date().toISOString(),
      data: { order_id: "sf-1", customer: { id: "sf-c1", email: "guest@example.com" }, currency: "EUR", subtotal_cents: 11_900, items: [{ sku: "T-2", name: "Zelt", quantity: 1, unit_price_cents: 11_900, category: "Zelte" }] },
    });
    const signed = new NextRequest("http://treue.test/api/v1/events", { method: "POST", body, headers: { ...signRequest(SECRET, { method: "POST", url: "/api/v1/events", body }), "content-type": "application/json" } });
    expect(await read(await eventsRoute(signed))).toMatchObject({ status: 200, body: { status: "applied", points_delta: answer.body.points } });

    // Excluded categories and a price under the minimum earn nothing; the currency may be written in lower case.
    expect((await read(await pointsRoute(fromPage("?price=11900&currency=eur&category=gift-cards")))).body).toMatchObject({ points: 0 });
    expect((await read(await pointsRoute(fromPage("?price=1999&currency=EUR")))).body).toMatchObject({ points: 0 });
    // Another listed origin reads too, named in its own answer.
    expect((await read(await pointsRoute(fromPage("?price=100000&currency=EUR", "https://www.shop.example")))).headers["access-control-allow-origin"]).toBe("https://www.shop.example");
  });

  it("refuses a page of any other site 403 without a CORS header", async () => {
    routesUse(db());
    for (const origin of ["https://evil.example", "http://shop.example", "null"]) {
      for (const response of [await pointsRoute(fromPage("?price=11900&currency=EUR", origin)), await brandRoute(fromPage("", origin, "brand"))]) {
        const answer = await read(response);
        expect(answer, origin).toMatchObject({ status: 403, body: { type: "urn:treue:problem:forbidden" } });
        expect(answer.headers["content-type"]).toBe("application/problem+json");
        expect(answer.headers["access-control-allow-origin"], origin).toBeUndefined();
        expect(answer.headers.vary).toBe("Origin");
      }
    }
  });

  it("answers bad input 400 problem+json naming the field: a price that is not whole minor units, a currency not the program's", async () => {
    routesUse(db());
    for (const [query, pointer] of [
      ["?price=119.00&currency=EUR", "/price"],
      ["?price=-1&currency=EUR", "/price"],
      ["?currency=EUR", "/price"],
      ["?price=11900", "/currency"],
      ["?price=11900&currency=CHF", "/currency"],
    ] as const) {
      const answer = await read(await pointsRoute(fromPage(query)));
      expect(answer, query).toMatchObject({ status: 400, body: { type: "urn:treue:problem:invalid-input", errors: [{ pointer }] } });
      expect(answer.headers).toMatchObject({ "content-type": "application/problem+json", "access-control-allow-origin": SHOP });
    }
  });

  it("answers the shop's server (no Origin) without CORS headers", async () => {
    routesUse(db());
    const answer = await read(await pointsRoute(fromPage("?price=11900&currency=EUR", null)));
    expect(answer).toMatchObject({ status: 200, body: { points: 357 } });
    expect(answer.headers["access-control-allow-origin"]).toBeUndefined();
  });

  it("gives the shop's name, colour and logo at an absolute address", async () => {
    routesUse(db());
    const answer = await read(await brandRoute(fromPage("", SHOP, "brand")));
    expect(answer).toMatchObject({ status: 200, headers: { "access-control-allow-origin": SHOP, "cache-control": "public, max-age=300", vary: "Origin" } });
    expect(answer.body).toEqual({ name: "Gipfelglück", color: "#AA3300", logo_url: "https://treue.example/api/reward-images/0b7c5f2e-4a1d-4f1e-9c3a-2d6b8e9f0a1b.webp" });
  });
});
