// A shopper's way from points to a coupon the shop accepts, in a real browser against `next start`.
import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";
import { getSigned, postSigned, shopperWithOrder } from "./shop";

test("redeems a reward into a wallet code the shop accepts once, and celebrates the new tier", async ({ page, request }) => {
  // 300 € makes 300 points and reaches Silber (250 €).
  const { email, orderId } = await shopperWithOrder(request, "redeemer", 30_000);
  await signIn(page, email, "/rewards");
  await expect(page).toHaveURL(/\/rewards$/);
  await expect(page.getByTestId("rewards-balance")).toHaveText("Du hast 300 Punkte");

  await page.getByRole("link", { name: /Gratis Versand/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Gratis Versand" })).toBeVisible();
  await page.getByRole("button", { name: "Für 150 Punkte einlösen" }).click();
  await page.getByRole("button", { name: "Jetzt 150 Punkte einlösen" }).click();

  await expect(page).toHaveURL(/\/wallet\?new=/);
  const coupon = page.getByTestId("active-coupon");
  await expect(coupon).toHaveCount(1);
  await expect(coupon.getByRole("heading", { name: "Gratis Versand" })).toBeVisible();
  await expect(coupon).toContainText("Noch 30 Tage gültig");
  const code = (await coupon.getByTestId("coupon-code").textContent())!.trim();
  expect(code).toMatch(/^TREUE-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  await expect(coupon.getByRole("img", { name: `QR-Code für ${code}` })).toBeVisible();

  await page.goto("/");
  await expect(page.getByTestId("balance")).toContainText("150");
  await expect(page.getByTestId("tier-celebration")).toContainText("Glückwunsch – du bist jetzt Silber!");
  await expect(page.getByTestId("to-next-tier")).toHaveText(/^Noch 450,00\s€ bis Gold$/);
  // Closing it records that it was seen (a server action); the reload waits for that, as a person's would.
  const acknowledged = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/" && r.request().headers()["next-action"] !== undefined);
  await page.getByRole("button", { name: "Super, danke!" }).click();
  await expect(page.getByTestId("tier-celebration")).toHaveCount(0);
  expect((await acknowledged).ok()).toBe(true);
  await page.reload();
  await expect(page.getByTestId("balance")).toContainText("150");
  await expect(page.getByTestId("tier-celebration")).toHaveCount(0); // celebrated once

  // The shop's checkout: look the code up, use it once.
  const lookup = await getSigned(request, `/api/v1/coupons/${code.toLowerCase()}`);
  expect(lookup.status()).toBe(200);
  expect(await lookup.json()).toMatchObject({ code, status: "active", kind: "free_shipping" });
  const use = (orderId: string) => postSigned(request, `/api/v1/coupons/${code}/redeem`, JSON.stringify({ order_id: orderId }));
  expect((await use("checkout-1")).status()).toBe(200);
  expect((await use("checkout-1")).status()).toBe(200); // the same order retrying
  const second = await use("checkout-2");
  expect(second.status()).toBe(409);
  expect(second.headers()["content-type"]).toContain("application/problem+json");
  expect((await getSigned(request, "/api/v1/coupons/TREUE-0000-0000-0000")).status()).toBe(404);
  expect((await postSigned(request, `/api/v1/coupons/${code}/redeem`, JSON.stringify({ order: 1 }))).status()).toBe(400);

  await page.goto("/wallet");
  await expect(page.getByTestId("active-coupon")).toHaveCount(0);
  await expect(page.getByText(/^Eingelöst am /)).toBeVisible();

  // The order is returned after its points were spent: the rest becomes a debt Home explains.
  const refund = { id: `evt-refund-${orderId}`, type: "order.refunded", occurred_at: new Date().toISOString(), data: { order_id: orderId, amount_cents: 30_000 } };
  expect(await (await postSigned(request, "/api/v1/events", JSON.stringify(refund))).json()).toMatchObject({ points_delta: -150, balance: 0, tier: { id: "bronze" } });
  await page.goto("/");
  await expect(page.getByTestId("balance")).toContainText("0");
  await expect(page.getByTestId("debt")).toHaveText("150 Punkte aus einer Rückerstattung werden mit deinen nächsten Einkäufen verrechnet.");
  await expect(page.getByTestId("tier-card")).toContainText("Bronze");
});

test("an unaffordable reward says how many points are missing and offers no redeem button", async ({ page, request }) => {
  const { email } = await shopperWithOrder(request, "saver", 10_000); // 100 points, Bronze
  await signIn(page, email, "/rewards?filter=discount");
  await expect(page.getByRole("link", { name: /10 % auf alles/ })).toContainText("Noch 500 Punkte");
  await page.getByRole("link", { name: /10 % auf alles/ }).click();
  await expect(page.getByTestId("why-not")).toContainText("Dir fehlen noch 500 Punkte.");
  await expect(page.getByRole("button", { name: /einlösen/ })).toHaveCount(0);

  await page.goto("/rewards/early");
  await expect(page.getByTestId("why-not")).toContainText("Diese Prämie gibt es ab dem Status Silber.");
});

test("an unknown reward or task answers 404, and the old moderation address leads to the console", async ({ page, request }) => {
  const { email } = await shopperWithOrder(request, "lost", 1_000);
  await signIn(page, email, "/rewards");
  await expect(page.getByTestId("rewards-balance")).toHaveText("Du hast 10 Punkte");
  for (const path of [`/rewards/${crypto.randomUUID()}`, "/rewards/not-an-id", `/tasks/${crypto.randomUUID()}`]) {
    expect((await page.request.get(path)).status(), path).toBe(404);
  }
  const found = await page.goto(`/rewards/${crypto.randomUUID()}`);
  expect(found?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(/nicht gefunden/i);
  // Old bookmarks of the moderation queue follow it into the console.
  const moved = await page.request.get("/staff/reviews", { maxRedirects: 0 });
  expect(moved.status()).toBe(308);
  expect(moved.headers().location).toBe("/console/moderation");
});
