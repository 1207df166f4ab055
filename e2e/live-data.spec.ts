// Screens that keep themselves current: the balance on Home follows a redemption in another
// tab, a push for the shopper and a reconnection, without a reload.
import { expect, test, type Page } from "@playwright/test";
import { controlledByWorker, serviceWorkerDomain, signIn } from "./helpers";
import { getSigned, orderPaid, postSigned, shopperWithOrder } from "./shop";

/** Marks the page so a test can tell it was never reloaded. */
const mark = (page: Page) => page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
const stayed = (page: Page) => page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed === true);

test("a redemption in one tab shows in the other tab's balance without a reload", async ({ page, context, request }) => {
  const { email } = await shopperWithOrder(request, "two-tabs", 30_000);
  await signIn(page, email, "/");
  await expect(page.getByTestId("balance")).toContainText("300");
  await mark(page);

  const other = await context.newPage();
  await other.goto("/rewards");
  await other.getByRole("link", { name: /Gratis Versand/ }).click();
  await other.getByRole("button", { name: "Für 150 Punkte einlösen" }).click();
  await other.getByRole("button", { name: "Jetzt 150 Punkte einlösen" }).click();
  await expect(other).toHaveURL(/\/wallet\?new=/);

  await expect(page.getByTestId("balance")).toContainText("150");
  await expect(page.getByTestId("balance")).toContainText("Punkte");
  // The rest of Home follows: the redemption heads its activity list.
  await expect(page.locator('[aria-labelledby="recent-heading"] li').first()).toContainText("Prämie eingelöst");
  expect(await stayed(page)).toBe(true);
});

test("a push for the shopper updates an open Home, and coming back online refreshes it", async ({ page, context, request, baseURL }) => {
  const { email, customerId: customer } = await shopperWithOrder(request, "live-push", 10_000);
  await signIn(page, email, "/");
  await controlledByWorker(page);
  await expect(page.getByTestId("balance")).toContainText("100");
  await mark(page);

  // The shop's next order; its push reaches the service worker (DevTools plays the push service).
  expect((await postSigned(request, "/api/v1/events", JSON.stringify(orderPaid(`evt-${customer}-2`, `ord-${customer}-2`, customer, 5_000, email)))).status()).toBe(200);
  const { cdp, registrationId } = await serviceWorkerDomain(context, page, `${baseURL}/`);
  await cdp.send("ServiceWorker.deliverPushMessage", { origin: baseURL!, registrationId, data: JSON.stringify({ title: "+50 Punkte", body: "Danke!", url: "/history" }) });
  await expect(page.getByTestId("balance")).toContainText("150");

  // Offline while another order arrives; back online, Home catches up by itself.
  await context.setOffline(true);
  expect((await postSigned(request, "/api/v1/events", JSON.stringify(orderPaid(`evt-${customer}-3`, `ord-${customer}-3`, customer, 2_000, email)))).status()).toBe(200);
  await page.waitForTimeout(500);
  await expect(page.getByTestId("balance")).toContainText("150");
  await context.setOffline(false);
  await expect(page.getByTestId("balance")).toContainText("170");
  expect(await stayed(page)).toBe(true);
});

test("the wallet shows a coupon used at the shop's checkout once the shopper comes back to it", async ({ page, request }) => {
  const { email } = await shopperWithOrder(request, "live-wallet", 20_000);
  await signIn(page, email, "/rewards");
  await page.getByRole("link", { name: /Gratis Versand/ }).click();
  await page.getByRole("button", { name: "Für 150 Punkte einlösen" }).click();
  await page.getByRole("button", { name: "Jetzt 150 Punkte einlösen" }).click();
  await expect(page).toHaveURL(/\/wallet\?new=/);
  const code = (await page.getByTestId("coupon-code").first().textContent())!.trim();
  await expect(page.getByTestId("active-coupon")).toHaveCount(1);
  await mark(page);

  // The shopper pays in the shop's tab with the code; the shop uses it.
  expect((await getSigned(request, `/api/v1/coupons/${code}`)).status()).toBe(200);
  expect((await postSigned(request, `/api/v1/coupons/${code}/redeem`, JSON.stringify({ order_id: `checkout-${code}` }))).status()).toBe(200);
  // Back to Treue's tab: shown again, the wallet catches up by itself.
  await page.evaluate(() => document.dispatchEvent(new Event("visibilitychange")));
  await expect(page.getByTestId("active-coupon")).toHaveCount(0);
  await expect(page.getByText(/^Eingelöst am /)).toBeVisible();
  expect(await stayed(page)).toBe(true);
});
