import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startFakeShopify, type FakeShopifyAdmin } from "./fakes/shopify-admin";
import { decimal } from "./money";
import { customerGid, SHOPIFY_ADMIN_API_VERSION, shopifyDiscounts } from "./shopify";
import type { ShopDiscount } from "./types";

const startsAt = new Date("2026-12-07T09:00:00.000Z");
const endsAt = new Date("2026-12-21T09:00:00.000Z");

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
    customer: { email: "anna@example.org", shopCustomerId: "7001" },
    ...overrides,
  };
}

/** The input Shopify received for the one discount in the stand-in shop. */
function onlyBody(fake: FakeShopifyAdmin): Record<string, unknown> {
  const all = fake.discounts();
  expect(all).toHaveLength(1);
  return all[0]!.body as Record<string, unknown>;
}

describe("Shopify discounts through the GraphQL Admin API", () => {
  let fake: FakeShopifyAdmin;

  beforeEach(async () => {
    fake = await startFakeShopify();
  });
  afterEach(async () => {
    expect(fake.violations).toEqual([]);
    await fake.close();
  });

  it("creates an amount-off code for the member's Shopify customer: one use, the coupon's dates, the minimum order", async () => {
    const result = await fake.adapter().create(discount({ minOrderCents: 3_000 }));
    expect(result).toEqual({ ok: true, externalId: expect.stringMatching(/^gid:\/\/shopify\/DiscountCodeNode\/\d+$/) });
    const [created] = fake.discounts();
    expect(created).toMatchObject({ externalId: result.ok && result.externalId, code: "TREUE-5EUR-K7Q2", active: true });
    expect(created!.body).toEqual({
      title: "Treue: 5 € Rabatt",
      code: "TREUE-5EUR-K7Q2",
      startsAt: "2026-12-07T09:00:00.000Z",
      endsAt: "2026-12-21T09:00:00.000Z",
      context: { customers: { add: ["gid://shopify/Customer/7001"] } },
      customerGets: { value: { discountAmount: { amount: "5.00", appliesOnEachItem: false } }, items: { all: true } },
      minimumRequirement: { subtotal: { greaterThanOrEqualToSubtotal: "30.00" } },
      usageLimit: 1,
      appliesOncePerCustomer: true,
    });
    expect(fake.requests).toEqual([{ method: "POST", path: `/admin/api/${SHOPIFY_ADMIN_API_VERSION}/graphql.json`, status: 200 }]);
  });

  it("creates a percent-off code as a fraction, without a minimum when the reward has none", async () => {
    const result = await fake.adapter().create(discount({ kind: "percent_off", valueCents: null, percentOff: 15, customer: { email: "ben@example.org", shopCustomerId: "gid://shopify/Customer/7002" } }));
    expect(result.ok).toBe(true);
    const body = onlyBody(fake);
    expect(body.customerGets).toEqual({ value: { percentage: 0.15 }, items: { all: true } });
    expect(body.context).toEqual({ customers: { add: ["gid://shopify/Customer/7002"] } });
    expect(body).not.toHaveProperty("minimumRequirement");
  });

  it("creates a free-shipping code to every destination", async () => {
    const result = await fake.adapter().create(discount({ kind: "free_shipping", valueCents: null, minOrderCents: 2_500 }));
    expect(result.ok).toBe(true);
    const body = onlyBody(fake);
    expect(body).toMatchObject({ destination: { all: true }, usageLimit: 1, appliesOncePerCustomer: true, minimumRequirement: { subtotal: { greaterThanOrEqualToSubtotal: "25.00" } } });
    expect(body).not.toHaveProperty("customerGets");
  });

  it("makes one unit of a free product free: its price off, on that variant only", async () => {
    const variant = fake.addProduct("HELM-AIR-M", "89.99");
    const result = await fake.adapter().create(discount({ kind: "free_product", valueCents: null, sku: "HELM-AIR-M", category: "bike" }));
    expect(result.ok).toBe(true);
    expect(onlyBody(fake).customerGets).toEqual({
      value: { discountAmount: { amount: "89.99", appliesOnEachItem: false } },
      items: { products: { productVariantsToAdd: [variant] } },
    });
  });

  it("refuses a free product whose SKU the shop does not have, for good", async () => {
    const result = await fake.adapter().create(discount({ kind: "free_product", valueCents: null, sku: "GIBT-ES-NICHT" }));
    expect(result).toEqual({ ok: false, retry: false, reason: "no product in the shop has the SKU GIBT-ES-NICHT" });
    expect(fake.discounts()).toEqual([]);
  });

  it("binds a member without a shop customer id to the shop's customer with their e-mail address", async () => {
    const id = fake.addCustomer("carla@example.org");
    const result = await fake.adapter().create(discount({ customer: { email: "Carla@Example.org", shopCustomerId: null } }));
    expect(result.ok).toBe(true);
    expect(onlyBody(fake).context).toEqual({ customers: { add: [`gid://shopify/Customer/${id}`] } });
  });

  it("leaves a code of a member the shop has no account for open to any buyer, still for one use", async () => {
    fake.addCustomer("someone-else@example.org");
    const result = await fake.adapter().create(discount({ customer: { email: "dora@example.org", shopCustomerId: null } }));
    expect(result.ok).toBe(true);
    expect(onlyBody(fake)).toMatchObject({ context: { all: "ALL" }, usageLimit: 1, appliesOncePerCustomer: true });
  });

  it("answers 'try later' while Shopify is down, rate-limiting or throttling, and creates the code once it is back", async () => {
    const adapter = fake.adapter();
    fake.failNext(1, "down");
    expect(await adapter.create(discount())).toMatchObject({ ok: false, retry: true, reason: expect.stringContaining("503") });
    fake.failNext(1, "rate-limited");
    expect(await adapter.create(discount())).toMatchObject({ ok: false, retry: true, reason: expect.stringContaining("429") });
    fake.throttleNext(1);
    expect(await adapter.create(discount())).toMatchObject({ ok: false, retry: true, reason: expect.stringContaining("THROTTLED") });
    expect(fake.discounts()).toEqual([]);
    expect(await adapter.create(discount())).toMatchObject({ ok: true });
    expect(fake.discounts()).toHaveLength(1);
  });

  it("refuses for good when Shopify rejects the discount, naming the field and code only", async () => {
    fake.refuseNextCreate();
    expect(await fake.adapter().create(discount())).toEqual({ ok: false, retry: false, reason: "Shopify refused the discount: code: TAKEN, and has no code discount with it" });
    expect(fake.discounts()).toEqual([]);
  });

  it.each(["down", "internal"] as const)("counts a discount saved before its answer was lost (%s) as created, once, when the retry finds the code taken", async (how) => {
    const adapter = fake.adapter();
    fake.loseNextCreateAnswer(how);
    expect(await adapter.create(discount())).toMatchObject({ ok: false, retry: true });
    const [first] = fake.discounts();
    expect(first).toMatchObject({ code: "TREUE-5EUR-K7Q2", active: true });
    expect(await adapter.create(discount())).toEqual({ ok: true, externalId: first!.externalId });
    expect(fake.discounts()).toHaveLength(1);
    expect(fake.requests.map((r) => r.status)).toEqual([how === "down" ? 503 : 200, 200, 200]);
  });

  it("finds its own discount by code regardless of case, free shipping and open to any buyer too", async () => {
    const adapter = fake.adapter();
    const open = discount({ kind: "free_shipping", valueCents: null, customer: { email: "dora@example.org", shopCustomerId: null } });
    fake.loseNextCreateAnswer("internal");
    expect(await adapter.create(open)).toMatchObject({ ok: false, retry: true });
    const [first] = fake.discounts();
    expect(await adapter.create({ ...open, code: open.code.toLowerCase() })).toEqual({ ok: true, externalId: first!.externalId });
    expect(fake.discounts()).toHaveLength(1);
  });

  it("refuses for good a code another discount in the shop has: another title, customer, kind or buyers", async () => {
    const adapter = fake.adapter();
    expect(await adapter.create(discount({ title: "Sommeraktion" }))).toMatchObject({ ok: true });
    const refused = { ok: false, retry: false, reason: "another discount in the shop already has this code (code: TAKEN)" };
    expect(await adapter.create(discount())).toEqual(refused);
    expect(await adapter.create(discount({ title: "Sommeraktion", customer: { email: "ben@example.org", shopCustomerId: "7002" } }))).toEqual(refused);
    expect(await adapter.create(discount({ title: "Sommeraktion", kind: "free_shipping", valueCents: null }))).toEqual(refused);
    expect(await adapter.create(discount({ title: "Sommeraktion", customer: { email: "dora@example.org", shopCustomerId: null } }))).toEqual(refused);
    expect(fake.discounts()).toHaveLength(1);
  });

  it("asks again later when the lookup of a taken code fails", async () => {
    fake.loseNextCreateAnswer("down");
    await fake.adapter().create(discount());
    const fetchImpl: typeof fetch = async (url, init) =>
      String(init?.body).includes("codeDiscountNodeByCode") ? new Response("<html>Bad Gateway</html>", { status: 502 }) : fetch(url, init);
    const adapter = shopifyDiscounts({ adminUrl: fake.url, accessToken: fake.credentials.accessToken!, fetchImpl });
    expect(await adapter.create(discount())).toEqual({ ok: false, retry: true, reason: "Shopify answered 502 to the lookup of the taken code" });
    expect(fake.discounts()).toHaveLength(1);
  });

  it("refuses for good a reward that is no discount, or lacks its value", async () => {
    const adapter = fake.adapter();
    expect(await adapter.create(discount({ kind: "sale_access", valueCents: null }))).toMatchObject({ ok: false, retry: false });
    expect(await adapter.create(discount({ valueCents: null }))).toMatchObject({ ok: false, retry: false });
    expect(await adapter.create(discount({ kind: "percent_off", percentOff: 0 }))).toMatchObject({ ok: false, retry: false });
    expect(fake.requests).toEqual([]);
  });

  it("deletes a cancelled coupon's discount, and a discount already gone counts as done", async () => {
    const adapter = fake.adapter();
    const created = await adapter.create(discount());
    if (!created.ok) throw new Error(created.reason);
    expect(await adapter.disable(created.externalId)).toEqual({ ok: true });
    expect(fake.discounts()).toEqual([]);
    expect(await adapter.disable(created.externalId)).toEqual({ ok: true });
    expect(await adapter.disable("12345")).toMatchObject({ ok: false, retry: false });
    fake.failNext(1, "down");
    expect(await adapter.disable(created.externalId)).toMatchObject({ ok: false, retry: true });
  });

  it("checks the connection with a harmless read and names the shop", async () => {
    expect(await fake.adapter().check()).toEqual({ ok: true, detail: "Shop: Gipfelglück Outdoor" });
    const wrongToken = shopifyDiscounts({ adminUrl: fake.url, accessToken: "revoked" });
    expect(await wrongToken.check()).toMatchObject({ ok: false, retry: false, reason: expect.stringContaining("401") });
    expect(fake.discounts()).toEqual([]);
  });

  it("refuses every call for good when the admin URL is not https, without calling anything", async () => {
    let calls = 0;
    const fetchImpl: typeof fetch = async () => {
      calls += 1;
      return new Response("{}");
    };
    for (const adminUrl of ["http://gipfelglueck.example", "https://user:pw@gipfelglueck.example", "nonsense"]) {
      const adapter = shopifyDiscounts({ adminUrl, accessToken: "x", fetchImpl });
      for (const result of [await adapter.create(discount()), await adapter.disable("gid://shopify/DiscountCodeNode/1"), await adapter.check()]) {
        expect(result).toMatchObject({ ok: false, retry: false, reason: expect.stringContaining("admin URL") });
      }
    }
    expect(calls).toBe(0);
  });
});

describe("Shopify answers the stand-in does not give", () => {
  const answering = (status: number, body: unknown, headers: Record<string, string> = {}) => {
    const seen: { url: string; init: RequestInit | undefined }[] = [];
    const fetchImpl: typeof fetch = async (url, init) => {
      seen.push({ url: String(url), init });
      return new Response(status === 302 ? null : JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
    };
    return { adapter: shopifyDiscounts({ adminUrl: "https://gipfelglueck.myshopify.com/admin/", accessToken: "token", fetchImpl }), seen };
  };

  it("posts to the shop's versioned GraphQL endpoint with the token, following no redirect", async () => {
    const { adapter, seen } = answering(302, null, { location: "https://accounts.shopify.com/" });
    expect(await adapter.check()).toMatchObject({ ok: false, retry: false, reason: expect.stringContaining("redirect") });
    expect(seen[0]!.url).toBe(`https://gipfelglueck.myshopify.com/admin/api/${SHOPIFY_ADMIN_API_VERSION}/graphql.json`);
    expect(seen[0]!.init).toMatchObject({ method: "POST", redirect: "manual", headers: { "x-shopify-access-token": "token", "content-type": "application/json" } });
  });

  it("names the scope a token lacks", async () => {
    const { adapter } = answering(200, {
      data: { shop: { name: "X" }, codeDiscountNodes: { nodes: [] }, customers: null, productVariants: { nodes: [] } },
      errors: [{ message: "Access denied for customers field. Required access: `read_customers` access scope.", path: ["customers"], extensions: { code: "ACCESS_DENIED" } }],
    });
    expect(await adapter.check()).toEqual({ ok: false, retry: false, reason: "the access token may not read customers (read_customers)" });
  });

  it("takes a timeout or an unreachable shop as 'try later', a 404 as for good", async () => {
    const timeout: typeof fetch = async () => {
      throw new DOMException("The operation was aborted due to timeout", "TimeoutError");
    };
    expect(await shopifyDiscounts({ adminUrl: "https://a.example", accessToken: "t", fetchImpl: timeout }).check()).toMatchObject({ ok: false, retry: true, reason: expect.stringContaining("10 s") });
    const unreachable: typeof fetch = async () => {
      throw new TypeError("fetch failed");
    };
    expect(await shopifyDiscounts({ adminUrl: "https://a.example", accessToken: "t", fetchImpl: unreachable }).check()).toMatchObject({ ok: false, retry: true });
    expect(await answering(404, { errors: "Not Found" }).adapter.check()).toMatchObject({ ok: false, retry: false });
    expect(await answering(500, { errors: "Internal" }).adapter.check()).toMatchObject({ ok: false, retry: true });
  });

  it("never copies Shopify's answer text into the reason: the code and field only", async () => {
    const { adapter } = answering(200, { errors: [{ message: "Secret detail from Shopify", path: ["shop"], extensions: { code: "BAD_REQUEST" } }] });
    expect(await adapter.check()).toEqual({ ok: false, retry: false, reason: "Shopify refused the connection check: BAD_REQUEST on shop" });
    const refusing = answering(200, {
      data: { discountCodeBasicCreate: { codeDiscountNode: null, userErrors: [{ field: ["basicCodeDiscount", "endsAt"], code: null, message: "Secret detail from Shopify" }] } },
    }).adapter;
    expect(await refusing.create(discount())).toEqual({ ok: false, retry: false, reason: "Shopify refused the discount: endsAt: refused" });
  });
});

describe("Shopify values", () => {
  it("writes money with the currency's digits", () => {
    expect(decimal(1_234, "EUR")).toBe("12.34");
    expect(decimal(1_234, "CHF")).toBe("12.34");
    expect(decimal(5, "EUR")).toBe("0.05");
    expect(decimal(1_234, "JPY")).toBe("1234");
    expect(decimal(1_234, "KWD")).toBe("1.234");
    expect(decimal(100, "XYZ1")).toBeNull();
  });

  it("takes a shop customer id as a number or a GID", () => {
    expect(customerGid("7001")).toBe("gid://shopify/Customer/7001");
    expect(customerGid("gid://shopify/Customer/7001")).toBe("gid://shopify/Customer/7001");
    expect(customerGid("gid://shopify/Order/7001")).toBeNull();
    expect(customerGid(null)).toBeNull();
  });
});
