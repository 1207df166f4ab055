// Console → Storefront in a real browser: the owner finds the lines to paste with this Treue's own
// address, allows a shop's address (a bad one is refused with the reason, nothing saved), the
// widget API answers that shop's pages at once, and the preview shows a product page with the
// points in the shop's colour, in German and in English.
import { expect, test } from "@playwright/test";
import { sharedAccountPage } from "./helpers";

const OWNER = "owner@demo.treue.shop";

test("an owner allows the shop's address, is told what is wrong with a bad one, copies the right snippet and sees the preview", async ({ browser, request, baseURL }) => {
  const page = await sharedAccountPage(browser, OWNER, "/console/storefront");
  await expect(page.getByRole("heading", { level: 1, name: "Shop-Seiten" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Konsolen-Navigation" }).getByRole("link", { name: "Shop-Seiten" })).toHaveAttribute("aria-current", "page");

  // The snippet names this Treue's own address and the program's currency.
  const html = page.getByTestId("snippets-html");
  await expect(html.getByTestId("snippet-code").first()).toHaveText(`<script src="${baseURL}/embed.js" async></script>`);
  await expect(html.getByTestId("snippet-code").nth(1)).toContainText('<treue-points price="11900" currency="EUR"');
  // Tabs by keyboard: → twice from HTML is Shopify, whose script carries the app proxy's address.
  await page.getByRole("tab", { name: "HTML" }).focus();
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("tab", { name: "Shopify" })).toBeFocused();
  await expect(page.getByRole("tab", { name: "Shopify" })).toHaveAttribute("aria-selected", "true");
  await expect(page.getByRole("tabpanel", { name: "Shopify" }).getByTestId("snippet-code").first()).toHaveText(`<script src="${baseURL}/embed.js" data-identity-url="/apps/treue/identity" async></script>`);
  await page.keyboard.press("End");
  await expect(page.getByRole("tabpanel", { name: "Shopware 6" })).toContainText('data-shopware-app="TreueLoyalty"');
  await expect(html).toBeHidden();

  // A plain-http address of another machine: refused with the reason, at the field, nothing saved.
  const field = page.getByLabel("Adresse hinzufügen");
  await field.fill("http://shop.example");
  await page.getByRole("button", { name: "Hinzufügen", exact: true }).click();
  await expect(page.getByText("„http://shop.example“ ist unverschlüsselt (http). Erlaubt ist https://; http nur für localhost, 127.0.0.1 oder [::1].")).toBeVisible();
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByTestId("origin-listed")).toHaveCount(0);
  // The server says the same to anyone who skips the form, and saves nothing either.
  const refused = await page.request.post("/api/console/storefront.add-origin", { data: { origin: "https://shop.example/produkte" } });
  expect(refused.status()).toBe(400);
  expect(await refused.json()).toMatchObject({ errors: [{ pointer: "/origin" }], detail: expect.stringContaining("enthält mehr als Schema und Host") });

  const shop = `https://e2e-${Date.now()}.shop.example`;
  const beforeAdding = await request.get("/api/embed/v1/points?price=11900&currency=EUR", { headers: { origin: shop } });
  expect(beforeAdding.status()).toBe(403);
  await field.fill(`${shop.toUpperCase().replace("HTTPS://", "https://")}:443/`);
  await page.getByRole("button", { name: "Hinzufügen", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: `${shop} ist jetzt erlaubt.` })).toBeVisible();
  await expect(page.getByTestId("origin-listed").filter({ hasText: shop })).toBeVisible();
  await expect(field).toHaveValue("");
  try {
    // The shop's pages get answers at once, with CORS for exactly that address.
    const allowed = await request.get("/api/embed/v1/points?price=11900&currency=EUR", { headers: { origin: shop } });
    expect(allowed.status()).toBe(200);
    expect(allowed.headers()["access-control-allow-origin"]).toBe(shop);
    expect(await allowed.json()).toMatchObject({ points: 119 });

    // The preview: a product page served by Treue, with embed.js and the points, German, then English.
    const preview = page.frameLocator("[data-testid=storefront-preview]");
    await expect(preview.getByRole("heading", { name: "Kuppelzelt Gipfel 2" })).toBeVisible();
    await expect(preview.locator("treue-points span")).toHaveText("Sammle 119 Punkte");
    await expect(preview.locator("treue-points span")).toHaveCSS("color", "rgb(19, 100, 65)");
    await page.getByRole("radiogroup", { name: "Sprache der Seite" }).getByText("English").click();
    await expect(page.getByTestId("storefront-preview")).toHaveAttribute("lang", "en");
    await expect(preview.getByRole("heading", { name: "Summit 2 dome tent" })).toBeVisible();
    await expect(preview.locator("treue-points span")).toHaveText("Earn 119 points");
  } finally {
    // The e2e server is shared with the other specs: take the address off the list again.
    await page.getByRole("button", { name: `${shop} entfernen` }).click();
    await expect(page.getByRole("status").filter({ hasText: `${shop} ist nicht mehr erlaubt.` })).toBeVisible();
    await expect(page.getByTestId("origin-listed").filter({ hasText: shop })).toHaveCount(0);
  }
  const afterRemoving = await request.get("/api/embed/v1/points?price=11900&currency=EUR", { headers: { origin: shop } });
  expect(afterRemoving.status()).toBe(403);
});

test("the preview may be framed by Treue's own pages only, and runs nothing inline", async ({ request }) => {
  const response = await request.get("/storefront-preview?lang=de");
  expect(response.status()).toBe(200);
  const policy = response.headers()["content-security-policy"]!;
  expect(policy).toContain("frame-ancestors 'self'");
  expect(policy).toContain("script-src 'self';");
  expect(policy).not.toContain("unsafe-inline");
  expect(response.headers()["x-frame-options"]).toBe("SAMEORIGIN");
  // Every other page still may not be framed at all.
  const login = await request.get("/login");
  expect(login.headers()["x-frame-options"]).toBe("DENY");
  expect(login.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
});
