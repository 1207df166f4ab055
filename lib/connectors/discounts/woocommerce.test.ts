import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { startFakeWooCommerce, type WooFakeAdmin } from "./fakes/woocommerce-admin";
import { decimal } from "./money";
import type { ShopDiscount } from "./types";
import { wooCommerceDiscounts, wooExpiry } from "./woocommerce";

const discount = (over: Partial<ShopDiscount> = {}): ShopDiscount => ({
  code: "TREUE-5EUR-AB12",
  title: "5 € Rabatt (Treue)",
  kind: "amount_off",
  valueCents: 500,
  percentOff: null,
  sku: null,
  minOrderCents: null,
  category: null,
  currency: "EUR",
  startsAt: new Date("2026-05-01T14:30:00Z"),
  endsAt: new Date("2026-05-31T14:30:00Z"),
  customer: { email: "anna@example.org", shopCustomerId: "17" },
  ...over,
});

let fake: WooFakeAdmin;
beforeEach(async () => {
  fake = await startFakeWooCommerce();
});
afterEach(async () => {
  expect(fake.violations).toEqual([]);
  await fake.close();
});

const only = () => {
  expect(fake.discounts()).toHaveLength(1);
  return fake.discounts()[0]!;
};

describe("a reward as a WooCommerce coupon", () => {
  it("takes money off the cart, once, for this member only, until the day after Treue's expiry", async () => {
    const result = await fake.adapter().create(discount({ minOrderCents: 3000 }));
    expect(result).toEqual({ ok: true, externalId: only().externalId });
    expect(only()).toMatchObject({ code: "TREUE-5EUR-AB12", active: true });
    expect(only().body).toEqual({
      code: "TREUE-5EUR-AB12",
      description: "5 € Rabatt (Treue)",
      discount_type: "fixed_cart",
      amount: "5.00",
      individual_use: true,
      usage_limit: 1,
      usage_limit_per_user: 1,
      email_restrictions: ["anna@example.org"],
      date_expires: "2026-06-01T00:00:00Z",
      date_expires_gmt: "2026-06-01T00:00:00",
      minimum_amount: "30.00",
    });
    expect(fake.requests).toEqual([{ method: "POST", path: "/wp-json/wc/v3/coupons", status: 201 }]);
  });

  it("takes a percentage off, limited to the category the reward names (by name or slug)", async () => {
    const adapter = fake.adapter();
    expect((await adapter.create(discount({ kind: "percent_off", valueCents: null, percentOff: 15, category: "zelte & planen" }))).ok).toBe(true);
    expect(only().body).toMatchObject({ discount_type: "percent", amount: "15", product_categories: [15] });
    expect((await adapter.create(discount({ code: "TREUE-15-CD34", kind: "percent_off", valueCents: null, percentOff: 15, category: "Schlafsaecke" }))).ok).toBe(true);
    expect(fake.discounts()[1]!.body).toMatchObject({ product_categories: [16] });
  });

  it("writes amounts with the currency's own digits: none for JPY, three for KWD", async () => {
    const adapter = fake.adapter();
    expect((await adapter.create(discount({ currency: "JPY", valueCents: 500, minOrderCents: 3000 }))).ok).toBe(true);
    expect(only().body).toMatchObject({ amount: "500", minimum_amount: "3000" });
    const kwd = discount({ code: "TREUE-KWD-1", currency: "KWD", valueCents: 1234, minOrderCents: 10_005 });
    const first = await adapter.create(kwd);
    expect(first.ok).toBe(true);
    expect(fake.discounts()[1]!.body).toMatchObject({ amount: "1.234", minimum_amount: "10.005" });
    // A retry after a lost answer finds the KWD coupon, though WooCommerce shows its amount as 1.23.
    expect(await adapter.create(kwd)).toEqual(first);
    expect(fake.discounts()).toHaveLength(2);
    expect(await adapter.create(discount({ code: "TREUE-XX-1", currency: "XYZ1" }))).toEqual({ ok: false, retry: false, reason: "XYZ1 is not a currency" });
  });

  it("refuses for good a category the shop does not have, and creates nothing", async () => {
    const result = await fake.adapter().create(discount({ category: "Kajaks" }));
    expect(result).toEqual({ ok: false, retry: false, reason: "the shop has no product category named Kajaks" });
    expect(fake.discounts()).toEqual([]);
  });

  it("grants free shipping through a zero-value coupon", async () => {
    expect((await fake.adapter().create(discount({ kind: "free_shipping", valueCents: null }))).ok).toBe(true);
    expect(only().body).toMatchObject({ discount_type: "fixed_cart", amount: "0", free_shipping: true, usage_limit: 1 });
  });

  it("gives one item of the product free: 100 % off that product, one item", async () => {
    const adapter = fake.adapter();
    expect((await adapter.create(discount({ kind: "free_product", valueCents: null, sku: "TASSE-EMAILLE" }))).ok).toBe(true);
    expect(only().body).toMatchObject({ discount_type: "percent", amount: "100", product_ids: [101], limit_usage_to_x_items: 1, individual_use: true });
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual(["GET /wp-json/wc/v3/products?sku=TASSE-EMAILLE&per_page=100", "POST /wp-json/wc/v3/coupons"]);

    const added = fake.addProduct("BECHER/2 L");
    expect((await adapter.create(discount({ code: "TREUE-FREE-2", kind: "free_product", valueCents: null, sku: "BECHER/2 L" }))).ok).toBe(true);
    expect(fake.discounts()[1]!.body).toMatchObject({ product_ids: [added] });

    // An order line without SKU reaches Treue as "product-<id>".
    expect((await adapter.create(discount({ code: "TREUE-FREE-3", kind: "free_product", valueCents: null, sku: "product-102" }))).ok).toBe(true);
    expect(fake.discounts()[2]!.body).toMatchObject({ product_ids: [102] });
  });

  it("refuses for good a product SKU the shop does not know", async () => {
    const result = await fake.adapter().create(discount({ kind: "free_product", valueCents: null, sku: "GIBTS-NICHT" }));
    expect(result).toMatchObject({ ok: false, retry: false, reason: expect.stringContaining("no product with SKU GIBTS-NICHT") });
    expect(fake.discounts()).toEqual([]);
  });

  it("refuses rewards WooCommerce cannot express, or that lack their value, without calling the shop", async () => {
    const adapter = fake.adapter();
    expect(await adapter.create(discount({ kind: "sale_access", valueCents: null }))).toEqual({ ok: false, retry: false, reason: "a sale_access reward has no WooCommerce coupon" });
    expect((await adapter.create(discount({ valueCents: null }))).ok).toBe(false);
    expect((await adapter.create(discount({ kind: "percent_off", percentOff: 120 }))).ok).toBe(false);
    expect(fake.requests).toEqual([]);
  });
});

describe("WooCommerce's answers", () => {
  it("asks again later when the shop is down or rate-limiting, then creates the coupon", async () => {
    const adapter = fake.adapter();
    fake.failNext(1, "down");
    expect(await adapter.create(discount())).toEqual({ ok: false, retry: true, reason: "WooCommerce failed on POST /coupons (503)" });
    fake.failNext(1, "rate-limited");
    expect(await adapter.create(discount())).toEqual({ ok: false, retry: true, reason: "WooCommerce is limiting requests (429)" });
    expect((await adapter.create(discount())).ok).toBe(true);
    expect(fake.discounts()).toHaveLength(1);
  });

  it("asks again later when the shop does not answer in time", async () => {
    const { consumerKey, consumerSecret } = fake.credentials as { consumerKey: string; consumerSecret: string };
    const adapter = wooCommerceDiscounts({ adminUrl: fake.url, consumerKey, consumerSecret, timeoutMs: 100 });
    fake.delayMs = 400;
    expect(await adapter.create(discount())).toEqual({ ok: false, retry: true, reason: "WooCommerce did not answer POST /coupons within 0.1 s" });
    fake.delayMs = 0;
  });

  it("counts a coupon created before a lost answer as created, not as a taken code", async () => {
    const adapter = fake.adapter();
    const first = await adapter.create(discount());
    expect(await adapter.create(discount())).toEqual(first);
    expect(fake.discounts()).toHaveLength(1);
  });

  it("refuses for good when WooCommerce refuses, naming the error code and not the shop's text", async () => {
    const adapter = fake.adapter();
    fake.refuseNextCreate();
    const refused = await adapter.create(discount());
    expect(refused).toEqual({ ok: false, retry: false, reason: "the code TREUE-5EUR-AB12 is already taken in the shop (400 woocommerce_rest_coupon_code_already_exists)" });

    await adapter.create(discount());
    const other = await adapter.create(discount({ customer: { email: "ben@example.org", shopCustomerId: null } }));
    expect(other).toMatchObject({ ok: false, retry: false });
    expect(fake.discounts()).toHaveLength(1);
  });

  it("refuses for good with wrong credentials and says what the key needs", async () => {
    const adapter = wooCommerceDiscounts({ adminUrl: fake.url, consumerKey: "ck_wrong", consumerSecret: "cs_wrong" });
    const result = await adapter.create(discount());
    expect(result).toEqual({ ok: false, retry: false, reason: "WooCommerce refused POST /coupons (401 woocommerce_rest_authentication_error); check the REST API key, it needs Read/Write" });
    expect(JSON.stringify(result)).not.toContain("invalid");
    expect(await adapter.check()).toMatchObject({ ok: false, retry: false });
  });

  it("does not follow a redirect", async () => {
    const fetchImpl = vi.fn(async () => new Response(null, { status: 301, headers: { location: "https://elsewhere.example/" } }));
    const adapter = wooCommerceDiscounts({ adminUrl: "https://shop.example", consumerKey: "ck", consumerSecret: "cs", fetchImpl });
    expect(await adapter.create(discount())).toMatchObject({ ok: false, retry: false, reason: expect.stringContaining("redirect (301)") });
    expect(fetchImpl).toHaveBeenCalledWith("https://shop.example/wp-json/wc/v3/coupons", expect.objectContaining({ redirect: "manual", method: "POST" }));
  });
});

describe("ending a coupon and checking the connection", () => {
  it("deletes the coupon for good; a coupon already gone counts as ended", async () => {
    const adapter = fake.adapter();
    const created = await adapter.create(discount());
    if (!created.ok) throw new Error(created.reason);
    expect(await adapter.disable(created.externalId)).toEqual({ ok: true });
    expect(only().active).toBe(false);
    expect(fake.requests.at(-1)).toEqual({ method: "DELETE", path: `/wp-json/wc/v3/coupons/${created.externalId}?force=true`, status: 200 });
    expect(await adapter.disable(created.externalId)).toEqual({ ok: true });
    expect(await adapter.disable("gid://not-woo")).toMatchObject({ ok: false, retry: false });
    // The code is free again in the shop.
    expect((await adapter.create(discount())).ok).toBe(true);
  });

  it("asks again later when the shop is down while ending a coupon", async () => {
    const adapter = fake.adapter();
    const created = await adapter.create(discount());
    if (!created.ok) throw new Error(created.reason);
    fake.failNext(1, "down");
    expect(await adapter.disable(created.externalId)).toMatchObject({ ok: false, retry: true });
    expect(only().active).toBe(true);
  });

  it("checks the credentials by reading one coupon", async () => {
    const adapter = fake.adapter();
    expect(await adapter.check()).toEqual({ ok: true, detail: "WooCommerce REST API v3: coupons readable (creating them needs a Read/Write key)" });
    expect(fake.requests).toEqual([{ method: "GET", path: "/wp-json/wc/v3/coupons?per_page=1", status: 200 }]);
    fake.failNext(1, "down");
    expect(await adapter.check()).toMatchObject({ ok: false, retry: true });
  });

  it("refuses a shop URL that is not https (or http to this machine) without sending anything", async () => {
    const fetchImpl = vi.fn(fetch);
    for (const adminUrl of ["http://shop.example", "https://user:pw@shop.example", "nonsense"]) {
      const adapter = wooCommerceDiscounts({ adminUrl, consumerKey: "ck", consumerSecret: "cs", fetchImpl });
      expect(await adapter.create(discount())).toMatchObject({ ok: false, retry: false });
      expect(await adapter.disable("1001")).toMatchObject({ ok: false, retry: false });
      expect(await adapter.check()).toMatchObject({ ok: false, retry: false });
    }
    expect(fetchImpl).not.toHaveBeenCalled();
  });
});

describe("WooCommerce's formats", () => {
  it("writes money as a decimal string with the currency's digits", () => {
    expect(decimal(500, "EUR")).toBe("5.00");
    expect(decimal(5, "EUR")).toBe("0.05");
    expect(decimal(1234567, "EUR")).toBe("12345.67");
    expect(decimal(500, "JPY")).toBe("500");
    expect(decimal(1234, "KWD")).toBe("1.234");
    expect(decimal(5, "KWD")).toBe("0.005");
  });

  it("ends the coupon at the first UTC midnight at or after Treue's expiry", () => {
    expect(wooExpiry(new Date("2026-05-31T14:30:00Z"))).toBe("2026-06-01T00:00:00");
    expect(wooExpiry(new Date("2026-05-31T00:00:00Z"))).toBe("2026-05-31T00:00:00");
    expect(wooExpiry(new Date("2026-12-31T23:59:59.500Z"))).toBe("2027-01-01T00:00:00");
  });
});
