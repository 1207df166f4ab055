// The launcher on the shop's own pages, as a shop's visitor and a signed-in customer live it: a page
// of the shop's storefront (another site, strict Content-Security-Policy) carries Treue's one script;
// the shop's server prints the signed identity of its signed-in customer. A guest sees the program;
// the customer sees the balance the app shows, redeems a reward that becomes a Shopify discount (a
// stand-in Admin API that checks every request), and opens the app signed in, once per link.
import { mkdtempSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { startFakeShopify, type FakeShopifyAdmin } from "../lib/connectors/discounts/fakes/shopify-admin";
import { signRequest } from "../lib/shop-api/signature";
import { signStorefrontIdentity } from "../lib/storefront/identity";
import { signAppProxy } from "../lib/storefront/shopify-app-proxy";
import { E2E_PORTS } from "./ports";
import { startNext, type NextProcess } from "./next-process";

const PORT = E2E_PORTS.storefrontLauncher;
const TREUE = `http://127.0.0.1:${PORT}`;
const SHOP_SECRET = "launcher-shop-secret";
/** The Shopify app's client secret, which signs its app proxy's requests. */
const APP_SECRET = "launcher-shopify-app-secret";
/** Who Shopify says is signed in to the shop (its app proxy's logged_in_customer_id); empty: nobody. */
let shopifyCustomer = "";
/** The demo's signed-in shopper (lib/db/seed-demo.ts), as the shop knows her. */
const ANNA = { customerId: "cust_1001", email: "anna@demo.treue.shop" };

type Identity = { customerId: string; email: string; ts: number; secret: string };
const now = () => Math.floor(Date.now() / 1000);
/** Who the shop's server says is signed in on each page (null: nobody). */
const pages: Record<string, () => Identity | null> = {
  "/": () => null,
  "/account": () => ({ ...ANNA, ts: now(), secret: SHOP_SECRET }),
  "/expired": () => ({ ...ANNA, ts: now() - 25 * 60 * 60, secret: SHOP_SECRET }),
  "/forged": () => ({ ...ANNA, ts: now(), secret: "not-the-shop-secret" }),
  "/newcomer": () => ({ customerId: "cust_launcher_new", email: "neu@launcher.example", ts: now(), secret: SHOP_SECRET }),
};

function identityElement(identity: Identity | null): string {
  if (!identity) return "";
  const signature = signStorefrontIdentity(identity.secret, identity);
  return `<treue-identity customer="${identity.customerId}" email="${identity.email}" ts="${identity.ts}" signature="${signature}"></treue-identity>`;
}

function productPage(identity: Identity | null, scriptAttributes = "") {
  return `<!doctype html>
<html lang="de">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Kuppelzelt Gipfel 2</title>
  <script src="${TREUE}/embed.js"${scriptAttributes} async></script>
</head>
<body>
  <main>
    <h1>Kuppelzelt Gipfel 2</h1>
    <p>119,00 €</p>
    <treue-points price="11900" currency="EUR" category="zelte"></treue-points>
    <button id="buy">In den Warenkorb</button>
  </main>
  ${identityElement(identity)}
</body>
</html>`;
}

/** What Shopify does for /apps/treue/*: forwards to the app's proxy URL with who is signed in, signed with the app's secret. */
async function shopifyAppProxy(response: import("node:http").ServerResponse) {
  const query = new URLSearchParams({ shop: "127.0.0.1", logged_in_customer_id: shopifyCustomer, path_prefix: "/apps/treue", timestamp: String(Math.floor(Date.now() / 1000)) });
  query.set("signature", signAppProxy(APP_SECRET, query));
  const answer = await fetch(`${TREUE}/api/storefront/shopify/identity?${query}`);
  response.writeHead(answer.status, { "content-type": answer.headers.get("content-type") ?? "application/json" }).end(await answer.text());
}

async function storefront(): Promise<{ origin: string; close: () => Promise<void> }> {
  const server: Server = createServer((request, response) => {
    const route = new URL(request.url ?? "/", "http://x").pathname;
    if (route === "/apps/treue/identity") return void shopifyAppProxy(response);
    if (route === "/shopify") {
      // A Shopify theme: no identity in the page, the script asks the app proxy on the shop's own domain.
      const csp = `default-src 'self'; script-src 'self' ${TREUE}; connect-src 'self' ${TREUE}; img-src 'self' ${TREUE}; style-src 'self'`;
      return void response.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-security-policy": csp }).end(productPage(null, ' data-identity-url="/apps/treue/identity"'));
    }
    const identity = pages[route];
    if (!identity) return void response.writeHead(404).end();
    // A careful shop's policy: Treue's origin for its script, its API and its images, nothing inline.
    const csp = `default-src 'self'; script-src 'self' ${TREUE}; connect-src 'self' ${TREUE}; img-src 'self' ${TREUE}; style-src 'self'`;
    response.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-security-policy": csp, "cache-control": "private, no-store" }).end(productPage(identity()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://localhost:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

let treue: NextProcess;
let shop: Awaited<ReturnType<typeof storefront>>;
let shopify: FakeShopifyAdmin;

test.beforeAll(async () => {
  shop = await storefront();
  shopify = await startFakeShopify();
  treue = await startNext(PORT, {
    TREUE_DEMO: "1",
    TREUE_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), "treue-launcher-")),
    DATABASE_URL: "",
    NEXTAUTH_SECRET: "launcher-secret-launcher-secret-launcher",
    TREUE_SHOP_SECRET: SHOP_SECRET,
    TREUE_STOREFRONT_ORIGINS: shop.origin,
    TREUE_SHOPIFY_ADMIN_URL: shopify.url,
    TREUE_SHOPIFY_ADMIN_TOKEN: shopify.credentials.accessToken!,
    TREUE_SHOPIFY_APP_SECRET: APP_SECRET,
    // The stand-in Shopify runs on this machine's loopback.
    TREUE_SHOP_PRIVATE_NETWORK: "1",
  });
});

test.afterAll(async () => {
  await treue?.stop();
  await shop?.close();
  await shopify?.close();
});

/** What the shop's page reported: policy violations and errors thrown into it. */
async function watch(page: Page) {
  const seen = { pageErrors: [] as string[], panelLoads: 0 };
  page.on("pageerror", (error) => seen.pageErrors.push(error.message));
  page.on("request", (request) => {
    if (request.url().endsWith("/embed/panel.js")) seen.panelLoads++;
  });
  await page.addInitScript(() => {
    const w = window as unknown as { violations: string[] };
    w.violations = [];
    document.addEventListener("securitypolicyviolation", (event) => w.violations.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
  return seen;
}
const violations = (page: Page) => page.evaluate(() => (window as unknown as { violations: string[] }).violations);

const launcher = (page: Page) => page.getByRole("button", { name: "Prämien und Punkte" });
const dialog = (page: Page) => page.getByRole("dialog");

/** The balance the shop API (and so the app) has for a shop customer. */
async function apiBalance(customerId: string): Promise<number> {
  const url = `/api/v1/customers/${customerId}`;
  const response = await fetch(`${TREUE}${url}`, { headers: signRequest(SHOP_SECRET, { method: "GET", url }) });
  expect(response.status).toBe(200);
  return ((await response.json()) as { balance: number }).balance;
}

/** Where focus is: inside the launcher's shadow root, which element (or "outside"). */
const focusInLauncher = (page: Page) =>
  page.evaluate(() => {
    const host = document.activeElement;
    if (host?.tagName !== "TREUE-LAUNCHER") return "outside";
    const inner = host.shadowRoot!.activeElement;
    if (!inner) return "host";
    return inner.closest(".panel") ? "panel" : inner.className === "l" ? "launcher" : "other";
  });

test("a guest opens the launcher: the program in brief, in a dialog the keyboard cannot leave, with nothing for axe to find", async ({ page }) => {
  const seen = await watch(page);
  await page.goto(`${shop.origin}/`);
  await expect(launcher(page)).toBeVisible();
  await expect(page.locator("treue-points span")).toHaveText("Sammle 119 Punkte");
  // The panel's code is not loaded for a page that is only looked at.
  expect(seen.panelLoads).toBe(0);

  await launcher(page).focus();
  await page.keyboard.press("Enter");
  await expect(dialog(page)).toBeVisible();
  expect(seen.panelLoads).toBe(1);
  await expect(dialog(page)).toHaveAccessibleName("Gipfelglück Outdoor");
  await expect(dialog(page).getByText("Punkte sammeln bei Gipfelglück Outdoor")).toBeVisible();
  await expect(dialog(page).getByText("1 Punkt für jeden Einkauf von 1,00 €")).toBeVisible();
  await expect(dialog(page).getByText("Gratis Versand")).toBeVisible();
  await expect(dialog(page).getByRole("link", { name: "Kostenlos mitmachen" })).toHaveAttribute("href", `${TREUE}/login`);
  // No balance for someone the shop does not name.
  await expect(dialog(page).getByText("Dein Punktestand")).toHaveCount(0);

  const axe = await new AxeBuilder({ page }).include("treue-launcher").analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);

  // Focus stays in the open panel, forwards and backwards.
  expect(await focusInLauncher(page)).toBe("panel");
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press("Tab");
    expect(await focusInLauncher(page)).toBe("panel");
  }
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press("Shift+Tab");
    expect(await focusInLauncher(page)).toBe("panel");
  }
  // Escape closes it and focus is back on the launcher.
  await page.keyboard.press("Escape");
  await expect(dialog(page)).toHaveCount(0);
  expect(await focusInLauncher(page)).toBe("launcher");
  await expect(launcher(page)).toHaveAttribute("aria-expanded", "false");

  expect(await violations(page)).toEqual([]);
  expect(seen.pageErrors).toEqual([]);
});

test("a signed-in customer sees the app's balance, redeems a reward, and the code is a discount in Shopify that the cart link applies", async ({ page }) => {
  const seen = await watch(page);
  const before = await apiBalance(ANNA.customerId);
  await page.goto(`${shop.origin}/account`);
  await launcher(page).click();
  await expect(dialog(page).getByText("Hallo Anna")).toBeVisible();
  const balance = new Intl.NumberFormat("de-DE").format(before);
  await expect(dialog(page).getByLabel(`Dein Punktestand: ${balance} Punkte`)).toBeVisible();
  const axe = await new AxeBuilder({ page }).include("treue-launcher").analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);

  await dialog(page).getByRole("button", { name: "Einlösen: Gratis Versand" }).click();
  await dialog(page).getByRole("button", { name: "Ja, einlösen" }).click();
  const code = dialog(page).getByTestId("treue-code");
  await expect(code).toBeVisible({ timeout: 15_000 });
  const text = (await code.textContent())!.trim();
  expect(text).toMatch(/^[A-Z0-9-]{6,}$/);
  // Shopify has exactly that code, and the shop's cart takes it by its /discount link, back to this page.
  const made = shopify.discounts().filter((d) => d.code === text);
  expect(made).toHaveLength(1);
  expect(shopify.violations).toEqual([]);
  await expect(dialog(page).getByRole("link", { name: "Im Warenkorb anwenden" })).toHaveAttribute("href", `/discount/${text}?redirect=%2Faccount`);
  expect(await apiBalance(ANNA.customerId)).toBe(before - 150);

  // Back in the panel, the balance is the new one.
  await dialog(page).getByRole("button", { name: "Zurück" }).click();
  await expect(dialog(page).getByLabel(`Dein Punktestand: ${new Intl.NumberFormat("de-DE").format(before - 150)} Punkte`)).toBeVisible();
  expect(await violations(page)).toEqual([]);
  expect(seen.pageErrors).toEqual([]);
});

test("an expired or forged identity is shown the guest's panel, and Treue logs why", async ({ page }) => {
  for (const [route, reason] of [
    ["/expired", "expired"],
    ["/forged", "mismatch"],
  ] as const) {
    await page.goto(`${shop.origin}${route}`);
    await launcher(page).click();
    await expect(dialog(page).getByText("Punkte sammeln bei Gipfelglück Outdoor")).toBeVisible();
    await expect(dialog(page).getByText("Hallo Anna")).toHaveCount(0);
    await expect.poll(() => treue.output()).toMatch(new RegExp(`"event":"storefront\\.identity_refused","reason":"${reason}","customer":"${ANNA.customerId}"`));
  }
});

test("a customer of the shop who is not a member yet joins with one tap", async ({ page }) => {
  await page.goto(`${shop.origin}/newcomer`);
  await launcher(page).click();
  await dialog(page).getByRole("button", { name: "Kostenlos mitmachen" }).click();
  await expect(dialog(page).getByLabel("Dein Punktestand: 0 Punkte")).toBeVisible();
  expect(await apiBalance("cust_launcher_new")).toBe(0);
});

test("'open my loyalty app' lands signed in on Home with the same balance, and the same link a second time is refused", async ({ page, browser }) => {
  await page.goto(`${shop.origin}/account`);
  await launcher(page).click();
  const shown = (await dialog(page).locator(".balance").getAttribute("aria-label"))!;
  const landing = page.waitForRequest((request) => request.isNavigationRequest() && request.url().includes("/login/handover"));
  await dialog(page).getByRole("button", { name: "Meine Treue-App öffnen" }).click();
  const url = (await landing).url();
  expect(url).toMatch(new RegExp(`^${TREUE}/login/handover\\?token=[A-Za-z0-9_-]{43}$`));
  // The page names the account before the tap that signs in (a link made for someone else's account shows it).
  await page.getByRole("button", { name: "Weiter als a***@demo.treue.shop" }).click();
  await page.waitForURL(`${TREUE}/`);
  // Home's balance is the one the panel showed.
  const balance = shown.replace("Dein Punktestand: ", "").replace(" Punkte", "");
  await expect(page.getByTestId("balance")).toContainText(balance);

  // The link is used up: in another browser it leads to the sign-in page with a clear message.
  const other = await browser.newContext({ locale: "de-DE" });
  const second = await other.newPage();
  await second.goto(url);
  await expect(second).toHaveURL(/\/login\?error=HandoverUsed$/);
  await expect(second.locator("#login-error")).toHaveText(/Dieser Link aus dem Shop wurde schon benutzt/);
  await other.close();
});

test("on Shopify the launcher learns who is signed in from Treue's app proxy on the shop's own domain", async ({ page }) => {
  // A Shopify customer who ordered: the shop's event makes the member under Shopify's numeric id.
  const customerId = String(7_300_000 + Math.floor(Math.random() * 100_000));
  const body = JSON.stringify({
    id: `launcher-shopify-${customerId}`,
    type: "order.paid",
    occurred_at: new Date().toISOString(),
    data: { order_id: `sf-${customerId}`, customer: { id: customerId, email: `shopify-${customerId}@example.com`, name: "Jonas Weber" }, currency: "EUR", subtotal_cents: 4_990, items: [{ sku: "B-1", name: "Becher", quantity: 1, unit_price_cents: 4_990, category: "kueche" }] },
  });
  const event = await fetch(`${TREUE}/api/v1/events`, { method: "POST", body, headers: { "content-type": "application/json", ...signRequest(SHOP_SECRET, { method: "POST", url: "/api/v1/events", body }) } });
  expect(event.status).toBe(200);

  // Nobody signed in at the shop: the guest's panel.
  shopifyCustomer = "";
  await page.goto(`${shop.origin}/shopify`);
  await launcher(page).click();
  await expect(dialog(page).getByText("Punkte sammeln bei Gipfelglück Outdoor")).toBeVisible();
  await page.keyboard.press("Escape");

  // Signed in at the shop: Shopify names the customer to Treue, Treue signs, the panel shows their points.
  shopifyCustomer = customerId;
  await page.goto(`${shop.origin}/shopify`);
  await launcher(page).click();
  await expect(dialog(page).getByText("Hallo Jonas")).toBeVisible();
  await expect(dialog(page).getByLabel(`Dein Punktestand: ${await apiBalance(customerId)} Punkte`)).toBeVisible();
});
