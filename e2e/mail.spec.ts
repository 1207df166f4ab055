import { expect, test, type Page } from "@playwright/test";
import { signIn, uniqueEmail } from "./helpers";
import { orderPaid, postSigned } from "./shop";

/** The newest mail to `email` whose subject matches, from the local mailbox (reloaded until it arrives). */
async function openMail(page: Page, email: string, subject: RegExp) {
  const mail = page.getByTestId("mail").filter({ hasText: subject }).first();
  await expect(async () => {
    await page.goto(`/dev/mailbox?to=${encodeURIComponent(email)}`);
    await expect(mail).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  return mail;
}

test("offers by e-mail start only after the double opt-in link is confirmed", async ({ page }) => {
  const email = uniqueEmail("optin");
  await signIn(page, email, "/profile");
  const consent = page.getByTestId("offers-consent-status");
  await expect(consent).toContainText("Du bekommst keine Werbung per E-Mail");
  // Before the opt-in, offers by e-mail cannot be ticked.
  await expect(page.getByRole("checkbox", { name: "Angebote und Aktionen" }).last()).toBeDisabled();
  await page.getByRole("button", { name: "Ja, Angebote per E-Mail" }).click();
  await expect(consent).toContainText("Fast geschafft");

  const mail = await openMail(page, email, /Bitte bestätige: Angebote/);
  await expect(mail.getByTestId("mail-list-unsubscribe")).toHaveCount(0); // the confirmation is not advertising
  await mail.getByRole("link", { name: "Ja, ich möchte Angebote bekommen" }).click();
  // Following the link alone confirms nothing (mail scanners open links): the person clicks.
  await expect(page.getByRole("heading", { name: "Angebote per E-Mail bestätigen" })).toBeVisible();
  await page.getByRole("button", { name: "Ja, bestätigen" }).click();
  await expect(page.getByTestId("consent-done")).toHaveText("Danke! Ab jetzt bekommst du Angebote per E-Mail.");

  await page.goto("/profile");
  await expect(consent).toContainText("Du bekommst Angebote per E-Mail (bestätigt am");
  await expect(page.getByRole("checkbox", { name: "Angebote und Aktionen" }).last()).toBeEnabled();
});

test("a status mail goes to a shopper without push, and its unsubscribe link stops that kind without signing in", async ({ page, request, browser }) => {
  const email = uniqueEmail("tiermail");
  await signIn(page, email);
  const customer = `tiermail-${Date.now()}`;
  const event = orderPaid(`evt-${customer}`, `order-${customer}`, customer, 30_000, email);
  expect((await postSigned(request, "/api/v1/events", JSON.stringify(event))).status()).toBe(200);

  const mail = await openMail(page, email, /Willkommen im Status Silber!/);
  await expect(mail).toContainText("du hast den Status Silber erreicht");
  await expect(mail.getByTestId("mail-list-unsubscribe")).toHaveText(/^<http:\/\/127\.0\.0\.1:\d+\/api\/mail\/unsubscribe\/u\..+>$/);
  const unsubscribe = await mail.getByRole("link", { name: "Diese Art E-Mail abbestellen" }).getAttribute("href");

  // In a browser that never signed in.
  const stranger = await browser.newPage();
  await stranger.goto(unsubscribe!);
  await expect(stranger.getByText("Keine E-Mails mehr zu „Neuer Status“?")).toBeVisible();
  await stranger.getByRole("button", { name: "Abbestellen" }).click();
  await expect(stranger.getByTestId("unsubscribe-done")).toHaveText("Erledigt: Du bekommst keine E-Mails mehr zu „Neuer Status“.");
  await stranger.close();

  await page.goto("/profile");
  const emailChoices = page.locator("#email");
  await expect(emailChoices.getByRole("checkbox", { name: "Neuer Status" })).not.toBeChecked();
  await expect(emailChoices.getByRole("checkbox", { name: "Punkte für Bestellungen" })).toBeChecked();

  // The mail's button leads into the app through the tracked link.
  const track = await (await openMail(page, email, /Willkommen im Status Silber!/)).getByRole("link", { name: "Meine Vorteile ansehen" }).getAttribute("href");
  expect(track).toMatch(/\/api\/mail\/click\/k\./);
  await page.goto(track!);
  await expect(page).toHaveURL(/\/tiers$/);
});
