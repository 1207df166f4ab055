import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startFakeShopware, type FakeShopwareAdmin } from "./fakes/shopware-admin";
import { shopwareDiscounts, shopwareId } from "./shopware";
import type { ShopDiscount } from "./types";

const startsAt = new Date("2026-12-07T09:00:00.000Z");
const endsAt = new Date("2026-12-21T09:00:00.000Z");
const EUR_ID = "b7d2554b0ce847cd82f3ac9bd1c0dfca";

function discount(overrides: Partial<ShopDiscount> = {}): ShopDiscount {
  return {
    code: "TREUE-5EUR-K7Q2",
    title: "Treue: 5 € Rabatt",
    kind: "amount_off",
    valueCents: 500,
    percentOff: null,
    sku: null,
    minOrderCents: null,
    category: null,
    currency: "EUR",
    startsAt,
    endsAt,
    customer: { email: "anna@example.org", shopCustomerId: null },
    ...overrides,
  };
}

type Body = Record<string, unknown> & { discounts: Record<string, unknown>[] };

/** What Shopware received for the one promotion in the stand-in shop. */
function onlyBody(fake: FakeShopwareAdmin): Body {
  const all = fake.discounts();
  expect(all).toHaveLength(1);
  return all[0]!.body as Body;
}

describe("Shopware promotions through the Admin API", () => {
  let fake: FakeShopwareAdmin;

  beforeEach(async () => {
    fake = await startFakeShopware();
  });
  afterEach(async () => {
    expect(fake.violations).toEqual([]);
    await fake.close();
  });

  it("creates an amount-off promotion with the coupon's code for the member's customer account: once in all, once per customer, the coupon's dates, every sales channel", async () => {
    const customerId = fake.addCustomer("anna@example.org");
    fake.addGuest("anna@example.org");
    const result = await fake.adapter().create(discount());
    const id = shopwareId("promotion:TREUE-5EUR-K7Q2");
    expect(result).toEqual({ ok: true, externalId: id });
    const [created] = fake.discounts();
    expect(created).toMatchObject({ externalId: id, code: "TREUE-5EUR-K7Q2", active: true });
    expect(created!.body).toEqual({
      id,
      name: "Treue: 5 € Rabatt",
      active: true,
      validFrom: "2026-12-07T09:00:00.000Z",
      validUntil: "2026-12-21T09:00:00.000Z",
      maxRedemptionsGlobal: 1,
      maxRedemptionsPerCustomer: 1,
      useCodes: true,
      useIndividualCodes: false,
      code: "TREUE-5EUR-K7Q2",
      // The registered account only: a guest record would not follow the shopper to the next checkout.
      customerRestriction: true,
      personaCustomers: [{ id: customerId }],
      salesChannels: fake.salesChannelIds.map((salesChannelId) => ({ salesChannelId, priority: 1 })),
      discounts: [
        {
          id: shopwareId("discount:TREUE-5EUR-K7Q2"),
          considerAdvancedRules: false,
          scope: "cart",
          type: "absolute",
          value: 5,
          promotionDiscountPrices: [{ currencyId: EUR_ID, price: 5 }],
        },
      ],
    });
    expect(fake.requests.map((r) => `${r.method} ${r.path} ${r.status}`).sort()).toEqual(
      [
        "POST /api/oauth/token 200",
        "POST /api/search/sales-channel 200",
        "POST /api/search/customer 200",
        "POST /api/search/currency 200",
        "POST /api/promotion 204",
      ].sort(),
    );
  });

  it("without a customer account for the e-mail, creates the promotion unrestricted but still good for one redemption", async () => {
    fake.addGuest("anna@example.org");
    expect(await fake.adapter().create(discount({ kind: "percent_off", valueCents: null, percentOff: 15 }))).toMatchObject({ ok: true });
    const body = onlyBody(fake);
    expect(body).toMatchObject({ customerRestriction: false, maxRedemptionsGlobal: 1, maxRedemptionsPerCustomer: 1 });
    expect(body).not.toHaveProperty("personaCustomers");
    expect(body.discounts).toEqual([{ id: expect.any(String), considerAdvancedRules: false, scope: "cart", type: "percentage", value: 15 }]);
  });

  it("free shipping is 100 % off the delivery; a minimum order becomes a rule on the goods' value, written with the promotion", async () => {
    expect(await fake.adapter().create(discount({ kind: "free_shipping", valueCents: null, minOrderCents: 3_000 }))).toMatchObject({ ok: true });
    const body = onlyBody(fake);
    expect(body.discounts).toEqual([{ id: expect.any(String), considerAdvancedRules: false, scope: "delivery", type: "percentage", value: 100 }]);
    expect(body.cartRules).toEqual([
      {
        id: shopwareId("cart-rule:TREUE-5EUR-K7Q2"),
        name: "Treue TREUE-5EUR-K7Q2: Bedingungen",
        priority: 1,
        conditions: [{ id: expect.stringMatching(/^[0-9a-f]{32}$/), type: "cartGoodsPrice", value: { operator: ">=", amount: 30 } }],
      },
    ]);
  });

  it("a free product is 100 % off one unit of the product with the reward's SKU", async () => {
    const productId = fake.addProduct("MUG-GIPFEL");
    expect(await fake.adapter().create(discount({ kind: "free_product", valueCents: null, sku: "MUG-GIPFEL" }))).toMatchObject({ ok: true });
    expect(onlyBody(fake).discounts).toEqual([
      {
        id: shopwareId("discount:TREUE-5EUR-K7Q2"),
        considerAdvancedRules: true,
        discountRules: [
          {
            id: shopwareId("product-rule:TREUE-5EUR-K7Q2"),
            name: "Treue TREUE-5EUR-K7Q2: Artikel MUG-GIPFEL",
            priority: 1,
            conditions: [{ id: expect.any(String), type: "cartLineItem", value: { operator: "=", identifiers: [productId] } }],
          },
        ],
        sorterKey: "PRICE_ASC",
        applierKey: "ALL",
        usageKey: "1",
        scope: "cart",
        type: "percentage",
        value: 100,
      },
    ]);
  });

  it("limits a discount to the items of the reward's category, and free shipping to carts holding one", async () => {
    const categoryId = fake.addCategory("Kaffee");
    expect(await fake.adapter().create(discount({ kind: "percent_off", valueCents: null, percentOff: 10, category: "Kaffee" }))).toMatchObject({ ok: true });
    const [percent] = onlyBody(fake).discounts;
    expect(percent).toMatchObject({ considerAdvancedRules: true, usageKey: "ALL", discountRules: [{ conditions: [{ type: "cartLineItemInCategory", value: { operator: "=", categoryIds: [categoryId] } }] }] });

    expect(await fake.adapter().create(discount({ code: "TREUE-SHIP-1", kind: "free_shipping", valueCents: null, category: "Kaffee" }))).toMatchObject({ ok: true });
    const shipping = fake.discounts().find((d) => d.code === "TREUE-SHIP-1")!.body as Body;
    expect(shipping.discounts[0]).toMatchObject({ scope: "delivery", considerAdvancedRules: false });
    expect(shipping.cartRules).toMatchObject([{ conditions: [{ type: "cartLineItemInCategory", value: { categoryIds: [categoryId] } }] }]);
  });

  it("refuses for good, before creating anything, what the shop cannot honour: an unknown SKU, category or currency, a sale-access reward", async () => {
    const adapter = fake.adapter();
    expect(await adapter.create(discount({ kind: "free_product", valueCents: null, sku: "NOPE-1" }))).toEqual({ ok: false, retry: false, reason: "the shop has no product with the number NOPE-1" });
    expect(await adapter.create(discount({ category: "Gibt es nicht" }))).toEqual({ ok: false, retry: false, reason: "the shop has no category named Gibt es nicht" });
    expect(await adapter.create(discount({ currency: "USD" }))).toEqual({ ok: false, retry: false, reason: "the shop has no currency USD" });
    expect(await adapter.create(discount({ kind: "sale_access", valueCents: null }))).toMatchObject({ ok: false, retry: false });
    expect(fake.discounts()).toEqual([]);
    expect(fake.requests.filter((r) => r.path === "/api/promotion")).toEqual([]);
  });

  it("a shop that is down or rate-limiting is asked again later, and the retry makes one promotion", async () => {
    fake.failNext(1, "down");
    expect(await fake.adapter().create(discount())).toEqual({ ok: false, retry: true, reason: "the shop's Admin API answered 503 to the token request" });
    fake.failNext(1, "rate-limited");
    expect(await fake.adapter().create(discount())).toMatchObject({ ok: false, retry: true, reason: expect.stringContaining("429") });
    expect(fake.discounts()).toEqual([]);
    expect(await fake.adapter().create(discount())).toEqual({ ok: true, externalId: shopwareId("promotion:TREUE-5EUR-K7Q2") });
    expect(fake.discounts()).toHaveLength(1);
  });

  it("a create whose answer was lost and is tried again finds its own promotion instead of making a second", async () => {
    const first = await fake.adapter().create(discount());
    const again = await fake.adapter().create(discount());
    expect(again).toEqual(first);
    expect(fake.discounts()).toHaveLength(1);
    expect(fake.requests.filter((r) => r.path === "/api/promotion").map((r) => r.status)).toEqual([204, 400]);
  });

  it("a shop that does not answer in time is asked again later", async () => {
    fake.delayMs = 300;
    expect(await shopwareDiscounts(fake.credentials, { timeoutMs: 100 }).create(discount())).toMatchObject({ ok: false, retry: true, reason: expect.stringContaining("did not answer") });
    fake.delayMs = 0;
  });

  it("a code another promotion has is refused for good, with a reason for staff and not the shop's answer", async () => {
    fake.refuseNextCreate();
    expect(await fake.adapter().create(discount())).toEqual({ ok: false, retry: false, reason: "another promotion in the shop already has this code" });
    expect(fake.discounts()).toEqual([]);
  });

  it("credentials the shop no longer accepts are refused for good", async () => {
    const adapter = shopwareDiscounts({ ...fake.credentials, secretKey: "revoked" });
    expect(await adapter.create(discount())).toEqual({ ok: false, retry: false, reason: expect.stringContaining("(401)") });
    expect(await adapter.check()).toMatchObject({ ok: false, retry: false });
  });

  it("disables a cancelled coupon's promotion, and counts one already gone as ended", async () => {
    const created = await fake.adapter().create(discount());
    if (!created.ok) throw new Error(created.reason);
    expect(await fake.adapter().disable(created.externalId)).toEqual({ ok: true });
    expect(fake.discounts()[0]).toMatchObject({ externalId: created.externalId, active: false });
    expect(fake.requests.at(-1)).toEqual({ method: "PATCH", path: `/api/promotion/${created.externalId}`, status: 204 });
    expect(await fake.adapter().disable(shopwareId("promotion:NEVER-MADE"))).toEqual({ ok: true });
    fake.failNext(1, "down");
    expect(await fake.adapter().disable(created.externalId)).toMatchObject({ ok: false, retry: true });
  });

  it("checks the connection with a harmless read", async () => {
    expect(await fake.adapter().check()).toEqual({ ok: true, detail: "Shopware Admin API: promotions readable" });
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual(["POST /api/oauth/token", "POST /api/search/promotion"]);
  });

  it("calls no shop whose URL is not https on public addresses", async () => {
    const credentials = { apiKey: "key", secretKey: "secret" };
    const notHttps = shopwareDiscounts({ ...credentials, shopUrl: "ftp://shop.example" }, { resolve: async () => ["93.184.215.14"] });
    expect(await notHttps.create(discount())).toEqual({ ok: false, retry: false, reason: "the shop's URL is not an https URL, so its Admin API was not called" });
    // Tests may use plain http to loopback only: to a public address it is refused.
    const plainHttp = shopwareDiscounts({ ...credentials, shopUrl: "http://shop.example" }, { resolve: async () => ["93.184.215.14"] });
    expect(await plainHttp.create(discount())).toMatchObject({ ok: false, retry: false });
    const internal = shopwareDiscounts({ ...credentials, shopUrl: "https://shop.example" }, { resolve: async () => ["10.0.0.7"] });
    expect(await internal.check()).toEqual({ ok: false, retry: false, reason: "the shop's URL does not point to a public address only, so its Admin API was not called" });
    const unresolvable = shopwareDiscounts({ ...credentials, shopUrl: "https://shop.example" }, { resolve: async () => [] });
    expect(await unresolvable.disable(shopwareId("promotion:X"))).toMatchObject({ ok: false, retry: true });
    // A stand-in on loopback under a name that resolves elsewhere is refused too.
    const rebound = shopwareDiscounts({ ...fake.credentials, shopUrl: fake.url.replace("127.0.0.1", "stand-in.test") }, { resolve: async () => ["10.0.0.7"] });
    expect(await rebound.check()).toMatchObject({ ok: false, retry: false });
    expect(fake.requests).toEqual([]);
  });
});

describe("Shopware ids for a coupon", () => {
  it("are the same for the same code and look like Shopware's (32 hex, UUID layout)", () => {
    expect(shopwareId("promotion:A")).toBe(shopwareId("promotion:A"));
    expect(shopwareId("promotion:A")).not.toBe(shopwareId("promotion:B"));
    expect(shopwareId("promotion:A")).toMatch(/^[0-9a-f]{12}5[0-9a-f]{3}[89ab][0-9a-f]{15}$/);
  });
});
