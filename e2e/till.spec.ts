// The shop's till (Console → Kasse) in a real browser against `next start`: the store account finds
// a shopper by the number on their card, books an in-store purchase that the shopper's Home shows,
// is refused the same receipt twice, and redeems a coupon the shopper took in the app.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { sharedAccountPage, signIn } from "./helpers";
import { shopperWithOrder } from "./shop";

const TILL = "kasse@demo.treue.shop";
const STORE = "Laden Mitte";

async function shopperPage(browser: Browser, email: string, path: string): Promise<Page> {
  const page = await (await browser.newContext({ locale: "de-DE" })).newPage();
  await signIn(page, email, path);
  await expect(page).toHaveURL(new RegExp(`${path}$`));
  return page;
}

/** The till, its store set once on this device. */
async function tillPage(browser: Browser): Promise<Page> {
  const page = await sharedAccountPage(browser, TILL, "/console/till");
  await expect(page.getByRole("heading", { level: 1, name: "Kasse" })).toBeVisible();
  const storeField = page.getByLabel("Filiale");
  // The device's store is read once the page is hydrated: either the form asks for it or the bar names it.
  await expect(storeField.or(page.getByTestId("till-store"))).toBeVisible();
  if (await storeField.isVisible()) {
    await storeField.fill(STORE);
    await page.getByRole("button", { name: "Übernehmen" }).click();
  }
  await expect(page.getByTestId("till-store")).toContainText(STORE);
  return page;
}

async function findMember(till: Page, text: string) {
  await till.getByLabel("Kartennummer oder Gutscheincode").fill(text);
  await till.getByRole("button", { name: "Suchen" }).click();
}

test("a store account books an in-store purchase by the member number, once per receipt, and redeems a coupon from the app", async ({ browser, request }) => {
  // 200 € online: 200 points; the shopper takes "Gratis Versand" (150) in the app and keeps 50.
  const { email } = await shopperWithOrder(request, "till", 20_000);
  const shopper = await shopperPage(browser, email, "/rewards");
  await shopper.getByRole("link", { name: /Gratis Versand/ }).click();
  await shopper.getByRole("button", { name: "Für 150 Punkte einlösen" }).click();
  await shopper.getByRole("button", { name: "Jetzt 150 Punkte einlösen" }).click();
  await expect(shopper).toHaveURL(/\/wallet\?new=/);
  const code = (await shopper.getByTestId("active-coupon").getByTestId("coupon-code").textContent())!.trim();

  // The shopper's card: on Profile, reached from Home.
  await shopper.goto("/");
  await shopper.getByTestId("member-card-link").click();
  await expect(shopper).toHaveURL(/\/profile#member-card$/);
  const card = shopper.getByTestId("member-card");
  await expect(card.getByRole("heading", { name: "Deine Kundenkarte" })).toBeVisible();
  const printed = (await card.getByTestId("member-number").textContent())!.trim();
  expect(printed).toMatch(/^\d{4} \d{4} \d{2}$/);
  await expect(card.getByRole("img", { name: `QR-Code deiner Kartennummer ${printed}` })).toBeVisible();

  const till = await tillPage(browser);
  // A typo is caught by the check digit before anyone is looked up.
  const digits = printed.replace(/ /g, "");
  await findMember(till, digits.slice(0, 9) + ((Number(digits[9]) + 1) % 10));
  await expect(till.getByText("Diese Kartennummer kann es nicht geben – wahrscheinlich ein Tippfehler.", { exact: false })).toBeVisible();
  await findMember(till, printed);
  const member = till.getByTestId("till-member");
  await expect(member.getByTestId("till-member-name")).toHaveText("Api Kundin");
  await expect(member.getByTestId("till-balance")).toHaveText("50 Punkte");

  const receipt = `B-${Date.now()}`;
  await till.getByLabel(/^Betrag/).fill("49,90");
  await till.getByLabel("Belegnummer").fill(receipt);
  await till.getByRole("button", { name: "Einkauf buchen" }).click();
  const booked = till.getByTestId("till-booked");
  await expect(booked).toContainText(`49,90 € auf Beleg ${receipt} gebucht: 49 Punkte.`);
  await expect(booked).toContainText("Neuer Punktestand: 99 Punkte");
  await expect(member.getByTestId("till-balance")).toHaveText("99 Punkte");

  await shopper.goto("/");
  await expect(shopper.getByTestId("balance")).toContainText("99");
  await expect(shopper.getByText(`Einkauf im Laden · ${STORE}`).first()).toBeVisible();

  // The same receipt again: refused, with when it was booked; the balance stays.
  await till.getByRole("button", { name: "Nächste Kund:in" }).click();
  await findMember(till, printed);
  await till.getByLabel(/^Betrag/).fill("49,90");
  await till.getByLabel("Belegnummer").fill(receipt.toLowerCase());
  await till.getByRole("button", { name: "Einkauf buchen" }).click();
  await expect(till.locator("#till-receipt-error")).toHaveText(new RegExp(`^Beleg ${receipt} \\(${STORE}\\) wurde schon am \\d{1,2}\\. \\S+ \\d{4} um \\d{2}:\\d{2} Uhr gebucht\\.$`));
  await expect(till.getByTestId("till-booked")).toHaveCount(0);
  await shopper.reload();
  await expect(shopper.getByTestId("balance")).toContainText("99");

  // The coupon from the app, shown at the till: redeemed, and used in the shopper's wallet.
  await findMember(till, code);
  const coupon = till.getByTestId("till-coupon").filter({ hasText: code });
  await expect(coupon).toContainText("Gescannt");
  await coupon.getByRole("button", { name: `Gutschein ${code} einlösen` }).click();
  await expect(till.getByRole("status").filter({ hasText: `Gutschein ${code} eingelöst.` })).toBeVisible();
  await expect(till.getByTestId("till-coupon").filter({ hasText: code })).toHaveCount(0);
  await shopper.goto("/wallet");
  await expect(shopper.getByTestId("active-coupon")).toHaveCount(0);
  await expect(shopper.getByText(code)).toBeVisible();
  await expect(shopper.getByText(/^Eingelöst am /)).toBeVisible();
  await shopper.context().close();
});

test("the store account has the till alone: no other page, no other action", async ({ browser }) => {
  const till = await tillPage(browser);
  const nav = till.getByRole("navigation", { name: "Konsolen-Navigation" });
  await expect(nav.getByRole("link")).toHaveText(["Kasse"]);
  await till.goto("/console");
  await expect(till).toHaveURL(/\/console\/till$/);
  for (const path of ["/console/members", "/console/insights", "/console/program/earning"]) {
    const response = await till.goto(path);
    expect(response?.status(), path).toBe(404);
  }
  const adjust = await till.request.post("/api/console/members.adjust", { data: { memberId: "00000000-0000-4000-8000-000000000000", points: 5, reason: "Test", requestId: "00000000-0000-4000-8000-000000000001" } });
  expect(adjust.status()).toBe(403);
  expect((await till.request.get("/api/console/members?q=anna")).status()).toBe(403);
});
