// Tasks between purchases: a review that staff approve, and the NPS survey that pays at once.
import { expect, test } from "@playwright/test";
import { signIn, uniqueEmail } from "./helpers";
import { postSigned } from "./shop";

test("a review waits for staff, pays on approval; the NPS survey pays at once", async ({ page, browser, request }, testInfo) => {
  const email = uniqueEmail("reviewer");
  const stamp = email.split("@")[0]!;
  const order = {
    id: `evt-${stamp}`,
    type: "order.paid",
    occurred_at: new Date().toISOString(),
    data: {
      order_id: `o-${stamp}`,
      customer: { id: `c-${stamp}`, email, name: "Rita Reviewer" },
      currency: "EUR",
      subtotal_cents: 6_000,
      items: [{ sku: "ZELT-2", name: "Zelt Duo", quantity: 1, unit_price_cents: 6_000 }],
    },
  };
  expect((await postSigned(request, "/api/v1/events", JSON.stringify(order))).status()).toBe(200);
  await signIn(page, email, "/tasks");
  await expect(page).toHaveURL(/\/tasks$/);

  const text = `Dicht im Gewitter, schnell aufgebaut, leicht genug für die Alpen (${stamp}).`;
  await page.getByRole("link", { name: /Produkt bewerten/ }).click();
  await expect(page.getByLabel("Welches Produkt?")).toHaveValue("ZELT-2");
  await page.getByRole("radio", { name: "5 Sterne" }).check({ force: true });
  await page.getByLabel("Dein Erfahrungsbericht").fill(text);
  await page.getByRole("button", { name: "Bewertung senden" }).click();
  await expect(page.getByTestId("task-result")).toHaveText("Danke! Wir prüfen deinen Beitrag – die 50 Punkte kommen nach der Freigabe.");
  await page.goto("/tasks");
  await expect(page.getByTestId("in-review")).toContainText("Produkt bewerten");

  // Staff approve it in their own browser.
  const staffContext = await browser.newContext({ baseURL: testInfo.project.use.baseURL, locale: "de-DE" });
  try {
    const staff = await staffContext.newPage();
    await signIn(staff, "team@demo.treue.shop", "/staff/reviews");
    const item = staff.getByTestId("queued").filter({ hasText: stamp });
    await expect(item).toContainText("Zelt Duo");
    await item.getByRole("button", { name: "Freigeben" }).click();
    await expect(staff.getByTestId("queued").filter({ hasText: stamp })).toHaveCount(0);
  } finally {
    await staffContext.close();
  }

  await page.goto("/");
  await expect(page.getByTestId("balance")).toContainText("110"); // 60 for the order + 50

  await page.goto("/tasks/nps");
  await page.getByRole("radio", { name: "9", exact: true }).check({ force: true });
  await page.getByLabel(/Was ist der wichtigste Grund/).fill("Schnelle Lieferung und gute Beratung.");
  await page.getByRole("button", { name: "Antworten senden" }).click();
  await expect(page.getByTestId("task-result")).toHaveText("Danke! 30 Punkte sind gutgeschrieben.");
  await page.goto("/");
  await expect(page.getByTestId("balance")).toContainText("140");
  await page.goto("/tasks");
  await expect(page.getByTestId("decided")).toHaveCount(2);
});
