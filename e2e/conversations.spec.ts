// Support conversations end to end (issue 35): the demo shopper asks the assistant how far Gold is
// and gets the figure Dein Status shows, asks for a person, the team answers in Console → Gespräche,
// and the shopper's open thread shows the answer without a reload; a "Punkte fehlen?" claim from
// History lands in the team's inbox. Desktop only: the console is desktop-first.
import { expect, test } from "@playwright/test";
import { sharedAccountPage, signIn } from "./helpers";
import { shopperWithOrder } from "./shop";

const SHOPPER = "anna@demo.treue.shop";
const OWNER = "owner@demo.treue.shop";

test("the assistant answers how far Gold is with the shopper's own figure; a person takes over and the reply reaches the open app live", async ({ browser }, testInfo) => {
  test.skip(testInfo.project.name === "phone", "the console is desktop-first");
  const shopper = await sharedAccountPage(browser, SHOPPER, "/tiers");
  // What Dein Status says is missing to Gold: the assistant must give the same amount.
  const toNext = (await shopper.getByTestId("to-next-tier").textContent())?.replace(/\s+/g, " ").trim() ?? "";
  const missing = /^Noch (.+) bis Gold$/.exec(toNext)?.[1];
  expect(missing, `Dein Status: "${toNext}"`).toMatch(/^\d[\d.]*,\d{2} €$/);

  await shopper.goto("/help");
  await expect(shopper.getByRole("heading", { level: 1, name: "Hilfe" })).toBeVisible();
  await shopper.getByLabel("Deine Nachricht").fill("Wie viele Punkte brauche ich für Gold?");
  await shopper.getByRole("button", { name: "Senden", exact: true }).click();
  await expect(shopper).toHaveURL(/\/help\/[0-9a-f-]{36}$/);
  const conversationId = shopper.url().split("/").at(-1)!;
  const thread = shopper.getByTestId("help-thread");
  await expect(thread.locator('[data-author="shopper"]').last()).toContainText("Wie viele Punkte brauche ich für Gold?");
  const answer = thread.locator('[data-author="assistant"]').last();
  await expect(answer).toContainText(`Gold erreichst du über deinen Einkaufswert, nicht über Punkte – dir fehlen noch ${missing}.`);

  await shopper.getByRole("button", { name: "Mit einer Person sprechen" }).click();
  await expect(thread.locator('[data-author="system"]').last()).toHaveText("Eine Person aus dem Team übernimmt.");
  await expect(shopper.getByText("Dein Gespräch liegt beim Team.")).toBeVisible();

  // The team finds it in the inbox, with the assistant's answer and what it understood.
  const owner = await sharedAccountPage(browser, OWNER, "/console/conversations");
  await expect(owner.locator(`[data-testid="inbox-item"][href*="${conversationId}"]`)).toContainText("Anna Berg");
  await owner.goto(`/console/conversations?id=${conversationId}`);
  const consoleThread = owner.getByTestId("console-thread");
  await expect(consoleThread.locator('[data-author="shopper"]').last()).toContainText("Wie viele Punkte brauche ich für Gold?");
  await expect(consoleThread.locator('[data-author="assistant"]').last()).toContainText(`dir fehlen noch ${missing}`);
  await expect(consoleThread.locator('[data-author="assistant"]').last().getByText("Was der Assistent verstanden hat")).toBeVisible();
  await expect(owner.getByRole("complementary", { name: "Zur Person" })).toContainText("Stufe:");

  const reply = `Hallo Anna, für Gold fehlen dir noch ${missing} Einkaufswert – Versand ist ab Silber schon gratis. (${Date.now().toString(36)})`;
  await owner.getByLabel("Antwort an die Kundin oder den Kunden").fill(reply);
  await owner.locator("form", { has: owner.locator("#reply-body") }).getByRole("button", { name: "Senden" }).click();
  await expect(owner.getByRole("status").filter({ hasText: "Antwort gesendet." })).toBeVisible();

  // The shopper's page was never reloaded: the reply arrives by itself, with who wrote it.
  const staffReply = thread.locator('[data-author="staff"]').last();
  await expect(staffReply).toContainText(reply, { timeout: 15_000 });
  await expect(staffReply).toContainText("Lea vom Team");

  // Closed by the team: the shopper sees that too, and the inbox stays tidy for the other specs.
  await owner.getByRole("button", { name: "Schließen", exact: true }).click();
  await expect(owner.getByRole("status").filter({ hasText: "Gespräch geschlossen." })).toBeVisible();
  await expect(thread.locator('[data-author="system"]').last()).toHaveText("Das Gespräch ist abgeschlossen.", { timeout: 15_000 });
  await shopper.goto("/help");
  await expect(shopper.getByTestId("help-conversation").filter({ has: shopper.locator(`a[href="/help/${conversationId}"]`) })).toContainText("Erledigt");
  await shopper.context().close();
  await owner.context().close();
});

test("a 'Punkte fehlen?' claim from History lands in the team's inbox and in the shopper's Hilfe", async ({ browser, request }, testInfo) => {
  test.skip(testInfo.project.name === "phone", "the console is desktop-first");
  const customer = await shopperWithOrder(request, "claim-inbox", 3_000);
  const page = await (await browser.newContext({ locale: "de-DE" })).newPage();
  await signIn(page, customer.email, "/history");
  const orderNumber = `CL-${Date.now().toString(36)}`;
  await page.getByLabel("Bestellnummer").fill(orderNumber);
  await page.getByLabel("Bestelldatum").fill("2026-11-18");
  await page.getByLabel("Nachricht (optional)").fill("Meine Bestellung aus dem Laden fehlt.");
  await page.getByRole("button", { name: "Anfrage senden" }).click();
  await expect(page.locator("#missing-status")).toContainText("Danke! Wir prüfen die Bestellung und melden uns.");

  const owner = await sharedAccountPage(browser, OWNER, "/console/conversations");
  const item = owner.getByTestId("inbox-item").filter({ hasText: orderNumber });
  await expect(item).toContainText(`Punkte fehlen: Bestellung ${orderNumber}`);
  await expect(item).toContainText("Meine Bestellung aus dem Laden fehlt.");
  await expect(item).toContainText("Niemand zuständig");
  await item.click();
  await expect(owner.getByText(/^Punkte fehlen: Bestellung .+ vom /)).toContainText(orderNumber);
  await expect(owner.getByTestId("console-thread")).toContainText(`Anfrage zu fehlenden Punkten (Bestellung ${orderNumber}) ans Team gegeben.`);
  await owner.getByRole("button", { name: "Mir zuweisen" }).click();
  await expect(owner.getByRole("status").filter({ hasText: "Zuweisung gespeichert." })).toBeVisible();
  await owner.goto("/console/conversations?tab=mine");
  await expect(owner.getByTestId("inbox-item").filter({ hasText: orderNumber })).toContainText("Zuständig: Lea Gipfel (Inhaberin)");

  await page.goto("/help");
  await expect(page.getByTestId("help-conversation").filter({ hasText: `Punkte fehlen: Bestellung ${orderNumber}` })).toContainText("Offen");

  // Closed again, so the other specs find the inbox as they left it.
  await owner.getByTestId("inbox-item").filter({ hasText: orderNumber }).click();
  await owner.getByRole("button", { name: "Schließen", exact: true }).click();
  await expect(owner.getByRole("status").filter({ hasText: "Gespräch geschlossen." })).toBeVisible();
  await page.context().close();
  await owner.context().close();
});
