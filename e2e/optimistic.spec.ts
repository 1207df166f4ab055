// Mutations show their outcome at once and take it back when the server does not carry them
// out: the balance beside a redemption, the thank-you after a task answer.
import { expect, test, type Page } from "@playwright/test";
import { signIn, uniqueEmail } from "./helpers";
import { orderPaid, postSigned, ZELT_DUO, shopperWithOrder } from "./shop";

/** Holds the page's next POST to `url` until the returned function says how it ends. */
async function holdNextPost(page: Page, url: string | RegExp) {
  let release: (answer: "abort" | "unavailable") => void = () => {};
  const decided = new Promise<"abort" | "unavailable">((resolve) => (release = resolve));
  let held = false;
  await page.route(url, async (route) => {
    if (held || route.request().method() !== "POST") return route.fallback();
    held = true;
    if ((await decided) === "abort") await route.abort("connectionreset");
    else await route.fulfill({ status: 503, body: "" });
  });
  return release;
}

test("a redemption takes the points off at once and gives them back when it fails; the retry is charged once", async ({ page, request }) => {
  const { email } = await shopperWithOrder(request, "optimistic-redeem", 30_000);
  await signIn(page, email, "/rewards");
  await page.getByRole("link", { name: /Gratis Versand/ }).click();
  const balance = page.getByTestId("redeem-balance");
  await expect(balance).toHaveText("Dein Kontostand: 300 Punkte");

  const release = await holdNextPost(page, /\/rewards\//);
  await page.getByRole("button", { name: "Für 150 Punkte einlösen" }).click();
  await page.getByRole("button", { name: "Jetzt 150 Punkte einlösen" }).click();
  await expect(balance).toHaveText("Dein Kontostand: 150 Punkte");
  release("abort");
  await expect(balance).toHaveText("Dein Kontostand: 300 Punkte");
  await expect(page.getByRole("status").filter({ hasText: "Das hat nicht geklappt" })).toBeVisible();

  await page.getByRole("button", { name: "Jetzt 150 Punkte einlösen" }).click();
  await expect(page).toHaveURL(/\/wallet\?new=/);
  await page.goto("/");
  await expect(page.getByTestId("balance")).toContainText("150");
});

test("a task answer is thanked at once; when the server cannot take it, the form comes back with what was typed", async ({ page, request }) => {
  const email = uniqueEmail("optimistic-review");
  const stamp = email.split("@")[0]!;
  const order = orderPaid(`evt-${stamp}`, `o-${stamp}`, `c-${stamp}`, 6_000, email, [ZELT_DUO]);
  expect((await postSigned(request, "/api/v1/events", JSON.stringify(order))).status()).toBe(200);
  await signIn(page, email, "/tasks");
  await page.getByRole("link", { name: /Produkt bewerten/ }).click();
  const text = `Wasserdicht und in fünf Minuten aufgebaut (${stamp}).`;
  await page.getByRole("radio", { name: "4 Sterne" }).check({ force: true });
  await page.getByLabel("Dein Erfahrungsbericht").fill(text);

  const release = await holdNextPost(page, "**/api/tasks/submissions");
  await page.getByRole("button", { name: "Bewertung senden" }).click();
  const thanks = page.getByTestId("task-result");
  await expect(thanks).toHaveText("Danke! Wir prüfen deinen Beitrag – die 50 Punkte kommen nach der Freigabe.");
  release("unavailable");
  await expect(thanks).toHaveCount(0);
  await expect(page.getByText("Das hat nicht geklappt. Bitte versuche es noch einmal – doppelt gezählt wird nichts.")).toBeVisible();
  await expect(page.getByLabel("Dein Erfahrungsbericht")).toHaveValue(text);

  const sent = page.waitForResponse((response) => response.url().endsWith("/api/tasks/submissions") && response.request().method() === "POST");
  await page.getByRole("button", { name: "Bewertung senden" }).click();
  await expect(thanks).toHaveText("Danke! Wir prüfen deinen Beitrag – die 50 Punkte kommen nach der Freigabe.");
  // The thanks comes ahead of the answer: the task list shows it once the server has it.
  expect((await sent).ok()).toBe(true);
  await page.goto("/tasks");
  await expect(page.getByTestId("in-review")).toContainText("Produkt bewerten");
});
