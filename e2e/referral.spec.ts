// A member invites a friend: link → friend signs up and gets a welcome coupon → the friend's
// first order makes the member's points pending → after the return window they are credited.
import { expect, test } from "@playwright/test";
import { signRequest } from "../lib/shop-api/signature";
import { openMagicLinkFromMailbox, signIn, uniqueEmail } from "./helpers";
import { orderPaid, postSigned, shopSecret } from "./shop";

test("an invited friend signs up, orders, and the member's points arrive after the return window", async ({ page, browser, request }, testInfo) => {
  const setClock = (days: number) => {
    const body = JSON.stringify({ offset_days: days });
    return request.post("/api/dev/clock", { data: Buffer.from(body), headers: { "content-type": "application/json", ...signRequest(shopSecret, { method: "POST", url: "/api/dev/clock", body }) } });
  };
  const stamp = uniqueEmail("x").split("@")[0]!;
  const member = `inviter-${stamp}@example.com`;
  // The member has ordered once (20 €): 20 points and a name the friend will see ("Api").
  expect((await postSigned(request, "/api/v1/events", JSON.stringify(orderPaid(`evt-a-${stamp}`, `a-${stamp}`, `cust-a-${stamp}`, 2_000, member)))).status()).toBe(200);

  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await signIn(page, member, "/invite");
  await expect(page.getByTestId("invite-offer")).toContainText("Deine Freunde bekommen 10,00 € Rabatt auf ihre erste Bestellung ab 50,00 €. Du bekommst 250 Punkte");
  const link = await page.getByTestId("invite-link").inputValue();
  expect(link).toMatch(/\/r\/[2-9A-Z]{7}$/);
  await page.getByRole("button", { name: "Link kopieren" }).click();
  await expect(page.getByRole("button", { name: "Kopiert!" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  await expect(page.getByRole("img", { name: "QR-Code deines Einladungslinks" })).toBeVisible();

  // The friend, in a browser of their own.
  const friendEmail = `friend-${stamp}@example.com`;
  const friendContext = await browser.newContext({ baseURL: testInfo.project.use.baseURL, locale: "de-DE" });
  try {
    const friend = await friendContext.newPage();
    await friend.goto(link);
    await expect(friend.getByRole("heading", { level: 1 })).toHaveText("Api schenkt dir 10,00 €");
    await friend.getByLabel("E-Mail-Adresse").fill(friendEmail);
    await friend.getByRole("button", { name: "10,00 € sichern" }).click();
    await expect(friend.getByRole("heading", { name: "Schau in dein Postfach" })).toBeVisible();
    await openMagicLinkFromMailbox(friend, friendEmail);
    await expect(friend).toHaveURL(/\/wallet$/);
    await expect(friend.getByTestId("active-coupon")).toContainText(/10,00\s€ Willkommensrabatt/);
  } finally {
    await friendContext.close();
  }

  // The shop reports the friend's first order (60 €).
  expect((await postSigned(request, "/api/v1/events", JSON.stringify(orderPaid(`evt-f-${stamp}`, `f-${stamp}`, `cust-f-${stamp}`, 6_000, friendEmail)))).status()).toBe(200);
  await page.reload();
  await expect(page.getByTestId("stat-purchased").locator("dd")).toHaveText("1");
  await expect(page.getByTestId("stat-pending").locator("dd")).toHaveText("250");
  await expect(page.getByTestId("stat-earned").locator("dd")).toHaveText("0");
  await page.goto("/");
  await expect(page.getByTestId("balance")).toContainText("20");
  await expect(page.getByTestId("pending")).toContainText("250 Punkte sind aus Empfehlungen unterwegs");

  // Fifteen days later (the clock is moved, not waited for): the return window has passed.
  try {
    expect((await setClock(15)).status()).toBe(200);
    await page.goto("/invite");
    await expect(page.getByTestId("stat-earned").locator("dd")).toHaveText("250");
    await expect(page.getByTestId("stat-pending").locator("dd")).toHaveText("0");
    await page.goto("/");
    await expect(page.getByTestId("balance")).toContainText("270");
    await expect(page.getByTestId("pending")).toHaveCount(0);
  } finally {
    await setClock(0);
  }
});

test("an unknown invite code gets a friendly page", async ({ page }) => {
  await page.goto("/r/ZZZZZZZ");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Dieser Einladungslink gilt leider nicht");
  await expect(page.getByRole("link", { name: "Zur Anmeldung" })).toBeVisible();
});
