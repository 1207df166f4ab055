// Burn in the shop, as a shopper of a Shopify shop lives it: points from a Shopify order, a reward
// redeemed in the app becomes a discount code in Shopify (a stand-in Admin API that checks every
// request), and the order that uses the code comes back through the signed webhook and marks it used.
// A server of its own: the shared one has no shop connection.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { startFakeShopify } from "../lib/connectors/discounts/fakes/shopify-admin";
import { hmacSha256 } from "../lib/connectors/signature";
import { openMagicLinkFromMailbox, requestMagicLink, uniqueEmail } from "./helpers";
import { E2E_PORTS } from "./ports";
import { startNext, type NextProcess } from "./next-process";

const WEBHOOK_SECRET = "shpss_e2e_discounts_secret";
const PORT = E2E_PORTS.shopDiscounts;

test("a reward redeemed in the app is a discount code in Shopify, and the order that uses it marks it used", async ({ browser }) => {
  test.setTimeout(120_000);
  const shopify = await startFakeShopify();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "treue-e2e-discounts-"));
  let server: NextProcess | undefined;
  try {
    server = await startNext(PORT, {
      TREUE_DEMO: "1",
      TREUE_DATA_DIR: dataDir,
      DATABASE_URL: "",
      NEXTAUTH_SECRET: "e2e-discounts-secret-e2e-discounts-secret",
      TREUE_SHOP_SECRET: "e2e-discounts-shop-secret",
      TREUE_SHOPIFY_SECRET: WEBHOOK_SECRET,
      TREUE_SHOPIFY_ADMIN_URL: shopify.url,
      TREUE_SHOPIFY_ADMIN_TOKEN: shopify.credentials.accessToken!,
      TREUE_SIGNIN_LIMIT_PER_IP: "1000",
      // The stand-in Shopify runs on this machine's loopback.
      TREUE_SHOP_PRIVATE_NETWORK: "1",
    });
    const base = server.base;
    const email = uniqueEmail("burn");
    const customerId = String(7_000_000_000_000 + Math.floor(Math.random() * 1_000_000));
    const order = (id: number, discountCodes: { code: string; amount: string; type: string }[]) => {
      const fixture = JSON.parse(readFileSync(path.resolve("lib/connectors/fixtures/shopify-order-paid-de.json"), "utf8")) as Record<string, unknown>;
      return { ...fixture, id, name: `#${id}`, email, customer: { ...(fixture.customer as object), id: Number(customerId), email }, discount_codes: discountCodes };
    };
    const webhook = async (payload: unknown, webhookId: string) => {
      const body = JSON.stringify(payload);
      const response = await fetch(`${base}/api/connectors/shopify`, {
        method: "POST",
        body,
        headers: { "content-type": "application/json", "x-shopify-topic": "orders/paid", "x-shopify-hmac-sha256": hmacSha256(WEBHOOK_SECRET, body, "base64"), "x-shopify-webhook-id": webhookId },
      });
      expect(response.status).toBe(200);
      return (await response.json()) as { status: string };
    };

    // The shop's order earns the shopper points (no Treue code in it yet).
    expect(await webhook(order(9_100_001, []), "wh-earn")).toMatchObject({ status: "applied" });

    const context = await browser.newContext({ baseURL: base, locale: "de-DE" });
    const page = await context.newPage();
    await page.goto("/login?callbackUrl=/rewards");
    await requestMagicLink(page, email);
    await openMagicLinkFromMailbox(page, email);
    await expect(page).toHaveURL(/\/rewards$/);

    await page.getByRole("link", { name: /Gratis Versand/ }).click();
    await page.getByRole("button", { name: "Für 150 Punkte einlösen" }).click();
    await page.getByRole("button", { name: "Jetzt 150 Punkte einlösen" }).click();
    await expect(page).toHaveURL(/\/wallet\?new=/);
    const coupon = page.getByTestId("active-coupon");
    await expect(coupon).toHaveCount(1, { timeout: 15_000 });
    const code = (await coupon.getByTestId("coupon-code").textContent())!.trim();

    // Shopify has exactly that code: free shipping, once, for this customer, until the coupon ends.
    const made = shopify.discounts().filter((d) => d.code === code);
    expect(made).toHaveLength(1);
    expect(made[0]!.active).toBe(true);
    expect(JSON.stringify(made[0]!.body)).toContain(`gid://shopify/Customer/${customerId}`);
    expect(shopify.violations).toEqual([]);

    // The shopper uses the code at Shopify's checkout (in lower case, as people type): the order comes back.
    await webhook(order(9_100_002, [{ code: code.toLowerCase(), amount: "4.90", type: "shipping" }]), "wh-burn");
    await page.goto("/wallet");
    await expect(page.getByTestId("active-coupon")).toHaveCount(0);
    await expect(page.getByText(/^Eingelöst am /)).toBeVisible();
    await context.close();
  } finally {
    await server?.stop();
    await shopify.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
