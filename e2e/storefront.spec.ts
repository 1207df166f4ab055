// Points on the shop's own product pages: a page of the shop's storefront (another site, with a
// strict Content-Security-Policy) carries Treue's one script tag and <treue-points>, and shows what
// a guest earns, in the page's language and the shop's colour, without moving anything on the page
// and without breaking the page's policy. A page of a site that is not the shop's gets nothing.
import { mkdtempSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { parseEarnRule, pointsForOrder } from "../lib/loyalty/earn-rule";
import { signRequest } from "../lib/shop-api/signature";
import { E2E_PORTS } from "./ports";
import { startNext, type NextProcess } from "./next-process";

const PORT = E2E_PORTS.storefront;
const TREUE = `http://127.0.0.1:${PORT}`;
const SHOP_SECRET = "storefront-shop-secret";
/** The demo shop's earn rule (lib/db/seed-demo.ts): a point per full euro, gift cards earn nothing. */
const DEMO_RULE = parseEarnRule({ pointsPerUnit: 1, excludedCategories: ["gift-cards"] });
const PRICE = 11_900;
const CATEGORY = "zelte";

/** A shop's product page with Treue's tag, served with the strict policy a careful shop sends. */
function productPage(lang: string, extra = "") {
  return `<!doctype html>
<html lang="${lang}">
<head>
  <meta charset="utf-8">
  <title>Kuppelzelt Gipfel 2</title>
  <link rel="stylesheet" href="/shop.css">
  <script src="${TREUE}/embed.js" async></script>
</head>
<body>
  <h1>Kuppelzelt Gipfel 2</h1>
  <p class="price">119,00 €</p>
  <treue-points price="${PRICE}" currency="EUR" category="${CATEGORY}"></treue-points>
  <button id="buy">In den Warenkorb</button>
  ${extra}
</body>
</html>`;
}

/** The shop's stylesheet, with the one line docs/storefront.md suggests: the line is kept before embed.js has loaded. */
const SHOP_CSS = `body{font:16px/1.4 sans-serif;margin:2rem}
treue-points:not(:defined){display:block;min-height:1.5em}`;

/** A storefront on localhost (another site than Treue's 127.0.0.1): "/" in German, "/en" in English. */
async function storefront(): Promise<{ origin: string; close: () => Promise<void> }> {
  const server: Server = createServer((request, response) => {
    const csp = `default-src 'self'; script-src 'self' ${TREUE}; connect-src ${TREUE}; style-src 'self'`;
    if (request.url === "/shop.css") return void response.writeHead(200, { "content-type": "text/css" }).end(SHOP_CSS);
    if (request.url === "/" || request.url === "/en") {
      return void response.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-security-policy": csp }).end(productPage(request.url === "/en" ? "en" : "de"));
    }
    response.writeHead(204).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://localhost:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** What the page reported: policy violations, console lines, errors thrown, and layout shifts. */
function watch(page: Page) {
  const seen = { console: [] as { type: string; text: string }[], pageErrors: [] as string[] };
  page.on("console", (message) => seen.console.push({ type: message.type(), text: message.text() }));
  page.on("pageerror", (error) => seen.pageErrors.push(error.message));
  return seen;
}

async function observePage(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { violations: string[]; shifts: number };
    w.violations = [];
    w.shifts = 0;
    document.addEventListener("securitypolicyviolation", (event) => w.violations.push(`${event.violatedDirective} ${event.blockedURI}`));
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) if (!entry.hadRecentInput) w.shifts += entry.value;
    }).observe({ type: "layout-shift", buffered: true });
  });
}

const pageFacts = (page: Page) => page.evaluate(() => ({ violations: (window as unknown as { violations: string[] }).violations, shifts: (window as unknown as { shifts: number }).shifts }));

let treue: NextProcess;
let shop: Awaited<ReturnType<typeof storefront>>;
let otherSite: Awaited<ReturnType<typeof storefront>>;

test.beforeAll(async () => {
  shop = await storefront();
  otherSite = await storefront();
  treue = await startNext(PORT, {
    TREUE_DEMO: "1",
    TREUE_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), "treue-storefront-")),
    DATABASE_URL: "",
    NEXTAUTH_SECRET: "storefront-secret-storefront-secret-42",
    TREUE_SHOP_SECRET: SHOP_SECRET,
    TREUE_STOREFRONT_ORIGINS: shop.origin,
  });
});

test.afterAll(async () => {
  await treue?.stop();
  await shop?.close();
  await otherSite?.close();
});

test("a product page on the shop's storefront shows what the product earns, in German, under a strict policy, nothing moving", async ({ page }) => {
  const expected = pointsForOrder(DEMO_RULE, PRICE, [{ quantity: 1, unit_price_cents: PRICE, category: CATEGORY }], 100, new Date());
  expect(expected).toBe(119);
  // The shop's own order of that one item, paid by a new shopper, earns exactly that.
  const body = JSON.stringify({
    id: `storefront-${Date.now()}`,
    type: "order.paid",
    occurred_at: new Date().toISOString(),
    data: { order_id: `sf-${Date.now()}`, customer: { id: `sf-${Date.now()}`, email: `sf-${Date.now()}@example.com` }, currency: "EUR", subtotal_cents: PRICE, items: [{ sku: "ZG-2", name: "Kuppelzelt", quantity: 1, unit_price_cents: PRICE, category: CATEGORY }] },
  });
  const event = await fetch(`${TREUE}/api/v1/events`, { method: "POST", body, headers: { "content-type": "application/json", ...signRequest(SHOP_SECRET, { method: "POST", url: "/api/v1/events", body }) } });
  expect(await event.json()).toMatchObject({ status: "applied", points_delta: expected });

  const seen = watch(page);
  await observePage(page);
  await page.goto(`${shop.origin}/`);
  const text = page.locator("treue-points span");
  await expect(text).toHaveText(`Sammle ${expected} Punkte`);
  // In the shop's colour (the demo's), set through a constructed stylesheet.
  expect(await page.locator("treue-points").evaluate((el) => [...el.shadowRoot!.adoptedStyleSheets].flatMap((s) => [...s.cssRules].map((r) => r.cssText)).join(" "))).toContain("--treue-color: #136441");
  await expect(text).toHaveCSS("color", "rgb(19, 100, 65)");
  // Give late shifts a chance to be reported, then nothing may have moved and the policy held.
  await page.waitForTimeout(500);
  const facts = await pageFacts(page);
  expect(facts.violations).toEqual([]);
  expect(facts.shifts).toBe(0);
  expect(seen.console.filter((m) => m.type === "error" || /Content Security Policy/i.test(m.text))).toEqual([]);
  expect(seen.pageErrors).toEqual([]);

  // A changed attribute (another variant chosen) asks again.
  await page.locator("treue-points").evaluate((el) => el.setAttribute("price", "4990"));
  await expect(text).toHaveText("Sammle 49 Punkte");
  // A bad price shows nothing, with one quiet line for the shop's developer.
  await page.locator("treue-points").evaluate((el) => el.setAttribute("price", "49,90"));
  await expect(text).toHaveCount(0);
  await expect.poll(() => seen.console.filter((m) => m.type === "debug" && m.text.startsWith("treue-points: nothing to show")).length).toBe(1);
  expect(seen.pageErrors).toEqual([]);
});

test("an English page gets the English words", async ({ page }) => {
  await page.goto(`${shop.origin}/en`);
  await expect(page.locator("treue-points span")).toHaveText("Earn 119 points");
});

test("a page of a site that is not the shop's gets nothing, and nothing is thrown into it", async ({ page }) => {
  const seen = watch(page);
  await page.goto(`${otherSite.origin}/`);
  await expect.poll(() => seen.console.filter((m) => m.type === "debug" && m.text.startsWith("treue-points: nothing to show")).length).toBe(1);
  expect(await page.locator("treue-points").evaluate((el) => el.shadowRoot?.childNodes.length)).toBe(0);
  expect(seen.pageErrors).toEqual([]);
  // Treue refused it outright; the page could not even read why.
  const refused = await fetch(`${TREUE}/api/embed/v1/points?price=${PRICE}&currency=EUR`, { headers: { origin: otherSite.origin } });
  expect(refused.status).toBe(403);
  expect(refused.headers.get("access-control-allow-origin")).toBeNull();
});

test("embed.js is one small script that any page may load and browsers keep for five minutes", async () => {
  const script = await fetch(`${TREUE}/embed.js`);
  expect(script.headers.get("content-type")).toMatch(/^text\/javascript/);
  expect(script.headers.get("cache-control")).toBe("public, max-age=300");
  expect(script.headers.get("access-control-allow-origin")).toBe("*");
  const { gzipSync } = await import("node:zlib");
  expect(gzipSync(Buffer.from(await script.text())).length).toBeLessThan(4_096);
});
