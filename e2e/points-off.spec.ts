// Points for money off: the shopper picks how much with − / + and the slider, sees what it costs,
// redeems it and finds a coupon for exactly that much in the wallet, which the shop reads as money off.
import { expect, test } from "@playwright/test";
import { sharedAccountPage, signIn } from "./helpers";
import { getSigned, shopperWithOrder } from "./shop";

test("chooses an amount of money off with the control, sees its points, and gets a coupon worth exactly that", async ({ page, request }) => {
  // 1 234 € make 1 234 points: 5 € to 12 € (100 points = 1 €) are within reach.
  const { email } = await shopperWithOrder(request, "points-off", 123_400);
  await signIn(page, email, "/rewards?filter=discount");
  const card = page.getByRole("link", { name: /Punkte in Rabatt/ });
  await expect(card).toContainText(/100 Punkte = 1,00\s€/);
  await expect(card).toContainText("Jetzt einlösbar");
  await card.click();
  await expect(page.getByRole("heading", { level: 1, name: "Punkte in Rabatt" })).toBeVisible();

  const amount = page.getByTestId("points-off-amount");
  const preview = page.getByTestId("points-off-preview");
  const slider = page.getByRole("slider", { name: "Wie viel Rabatt möchtest du?" });
  // It starts at the smallest amount.
  await expect(amount).toHaveText(/^5,00\s€$/);
  await expect(preview).toHaveText(/^500 Punkte → 5,00\s€ Rabatt$/);
  await expect(page.getByRole("button", { name: /1,00\s€ weniger/ })).toBeDisabled();
  await expect(page.getByTestId("points-off-chooser")).toContainText(/Mit deinen Punkten bis 12,00\s€/);

  // + twice, then the keyboard on the slider: End goes to the most the points cover, ← back down.
  const more = page.getByRole("button", { name: /1,00\s€ mehr/ });
  await more.click();
  await more.click();
  await expect(amount).toHaveText(/^7,00\s€$/);
  await slider.focus();
  await page.keyboard.press("End");
  await expect(amount).toHaveText(/^12,00\s€$/);
  await expect(more).toBeDisabled();
  await expect(slider).toHaveAttribute("aria-valuetext", /^12,00\s€ Rabatt für 1\.200 Punkte$/);
  for (let i = 0; i < 4; i++) await page.keyboard.press("ArrowLeft");
  await expect(amount).toHaveText(/^8,00\s€$/);
  await expect(preview).toHaveText(/^800 Punkte → 8,00\s€ Rabatt$/);

  await page.getByRole("button", { name: /^8,00\s€ Rabatt einlösen$/ }).click();
  await expect(page.getByText(/800 Punkte werden sofort abgezogen, du bekommst einen Gutschein über 8,00\s€/)).toBeVisible();
  await expect(slider).toBeDisabled(); // the amount holds while confirming
  await page.getByRole("button", { name: /^Jetzt 8,00\s€ einlösen$/ }).click();

  await expect(page).toHaveURL(/\/wallet\?new=/);
  const coupon = page.getByTestId("active-coupon");
  await expect(coupon).toHaveCount(1);
  await expect(coupon.getByRole("heading", { name: /^8,00\s€ Rabatt$/ })).toBeVisible();
  const code = (await coupon.getByTestId("coupon-code").textContent())!.trim();

  // The shop's checkout reads plain money off, 8 €.
  const lookup = await getSigned(request, `/api/v1/coupons/${code}`);
  expect(lookup.status()).toBe(200);
  expect(await lookup.json()).toMatchObject({ code, status: "active", kind: "amount_off", amount_off_cents: 800 });

  // 434 points left: not enough for another 5 €, which the catalog says.
  await page.goto("/rewards?filter=discount");
  await expect(page.getByTestId("rewards-balance")).toHaveText("Du hast 434 Punkte");
  await expect(page.getByRole("link", { name: /Punkte in Rabatt/ })).toContainText("Noch 66 Punkte");
});

test("an owner sets up points for money off in the console, told in German or English what is wrong, and shoppers get it", async ({ browser, request }, info) => {
  test.skip(info.project.name !== "desktop", "the console is desktop-first");
  const id = `rabatt-${Date.now().toString(36)}`;
  const owner = await sharedAccountPage(browser, "owner@demo.treue.shop", "/console/program/rewards");
  await owner.getByRole("button", { name: "Neue Prämie" }).click();
  const dialog = owner.getByRole("dialog");
  await dialog.getByLabel("Kennung").fill(id);
  await dialog.getByLabel("Art", { exact: true }).selectOption("points_off");
  await dialog.getByLabel("Name (Deutsch)").fill("Halbe Euros");
  await dialog.getByLabel("Name (Englisch)").fill("Half euros");
  await dialog.getByLabel("Beschreibung (Deutsch)").fill("50 Punkte = 0,50 €.");
  await dialog.getByLabel("Beschreibung (Englisch)").fill("50 points = €0.50.");
  await dialog.getByLabel("Punkte je Schritt").fill("50");
  await dialog.getByLabel("Rabatt je Schritt (€)").fill("0,50");
  await dialog.getByLabel("Mindestens je Einlösung (€)").fill("2,25");
  await dialog.getByRole("button", { name: "Prämie speichern" }).click();
  await expect(dialog.getByLabel("Mindestens je Einlösung (€)")).toHaveAccessibleDescription(/Das Minimum muss ein Vielfaches des Schritts sein \(0,50\s€\)\./);
  await expect(dialog.getByLabel("Höchstens je Einlösung (€)")).toHaveAccessibleDescription("Wie viel Rabatt höchstens je Einlösung?");

  // The same form in English says it in English.
  const english = await sharedAccountPage(browser, "owner@demo.treue.shop", "/console/program/rewards", { locale: "en-GB" });
  await english.getByRole("button", { name: "New reward" }).click();
  const form = english.getByRole("dialog");
  await form.getByLabel("Kind", { exact: true }).selectOption("points_off");
  await form.getByLabel("Money off per step (€)").fill("1");
  await form.getByLabel("At least per redemption (€)").fill("5");
  await form.getByLabel("At most per redemption (€)").fill("4");
  await form.getByRole("button", { name: "Save reward" }).click();
  await expect(form.getByLabel("At most per redemption (€)")).toHaveAccessibleDescription("The maximum cannot be below the minimum.");
  await english.context().close();

  await dialog.getByLabel("Mindestens je Einlösung (€)").fill("2");
  await dialog.getByLabel("Höchstens je Einlösung (€)").fill("10");
  await expect(dialog.getByText(/^50 P = 0,50\s€, 2,00\s€ bis 10,00\s€$/)).toBeVisible(); // the preview
  await dialog.getByRole("button", { name: "Prämie speichern" }).click();
  await expect(owner.getByRole("status").filter({ hasText: "Prämie angelegt." })).toBeVisible();
  await expect(owner.getByTestId("reward-row").filter({ hasText: id })).toContainText("Punkte in Rabatt");

  // A shopper with 300 points can take 2,00 € (200 points) up to 3,00 €.
  const { email } = await shopperWithOrder(request, "half-euros", 30_000);
  const page = await (await browser.newContext({ locale: "de-DE" })).newPage();
  await signIn(page, email, `/rewards/${id}`);
  await expect(page.getByTestId("points-off-preview")).toHaveText(/^200 Punkte → 2,00\s€ Rabatt$/);
  await page.getByRole("button", { name: /0,50\s€ mehr/ }).click();
  await expect(page.getByTestId("points-off-preview")).toHaveText(/^250 Punkte → 2,50\s€ Rabatt$/);
  await expect(page.getByTestId("points-off-chooser")).toContainText(/Mit deinen Punkten bis 3,00\s€/);
});
