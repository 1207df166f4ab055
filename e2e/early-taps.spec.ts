// On a slow phone a screen's buttons show well before its code has run. A tap in that moment is
// held and carried out once the code is there, instead of being lost (lib/client/early-taps.ts).
import { expect, test, type Page } from "@playwright/test";
import { sharedAccountPage, signIn } from "./helpers";
import { unseenPicture } from "./photos";
import { shopperWithOrder } from "./shop";

// The worker would answer chunk requests from its cache, past the delay below.
test.use({ serviceWorkers: "block" });

/** Every script chunk arrives two seconds late: React hydrates the page only after that. */
async function slowScripts(page: Page) {
  await page.route(/\/_next\/static\/chunks\/.+\.js$/, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    await route.continue();
  });
}

test("a tap on Redeem before the screen's code has run opens the confirmation once it has", async ({ page, request }) => {
  await signIn(page, (await shopperWithOrder(request, "early-redeem", 30_000)).email, "/rewards");
  const reward = await page.getByRole("link", { name: /Gratis Versand/ }).getAttribute("href");
  await slowScripts(page);
  await page.goto(reward!, { waitUntil: "commit" });

  const redeem = page.getByRole("button", { name: "Für 150 Punkte einlösen" });
  await redeem.click();
  await expect(redeem).toHaveAttribute("aria-busy", "true"); // held: React has not run yet
  await page.getByRole("button", { name: "Jetzt 150 Punkte einlösen" }).click({ timeout: 10_000 });
  await expect(page).toHaveURL(/\/wallet\?new=/);
  await expect(page.getByTestId("active-coupon")).toHaveCount(1);
});

async function sendPhoto(page: Page, caption: string) {
  await page.getByLabel("Dein Foto").setInputFiles({ name: "see.jpg", mimeType: "image/jpeg", buffer: await unseenPicture().jpeg().toBuffer() });
  await page.getByLabel(/Bildunterschrift/).fill(caption);
  const send = page.getByRole("button", { name: "Foto hochladen" });
  await send.click();
  return send;
}

const THANKS = "Danke! Wir prüfen deinen Beitrag – die 75 Punkte kommen nach der Freigabe.";

test("a photo sent before the screen's code has run is uploaded once it has, not posted into the address bar", async ({ page, request }) => {
  await signIn(page, (await shopperWithOrder(request, "early-photo", 6_000)).email, "/tasks");
  await slowScripts(page);
  await page.goto("/tasks/photo", { waitUntil: "commit" });

  const send = await sendPhoto(page, "Am See");
  await expect(send).toHaveAttribute("aria-busy", "true");
  await expect(page.getByTestId("task-result")).toHaveText(THANKS, { timeout: 10_000 });
  await expect(page).toHaveURL(/\/tasks\/photo$/);
});

test("staff approving before the console's code has run approve once it has", async ({ browser, page, request }, testInfo) => {
  test.skip(testInfo.project.name === "phone", "the console is desktop-first");
  const { email } = await shopperWithOrder(request, "early-approve", 6_000);
  const caption = `Am Gipfel ${email.split("@")[0]}`;
  await signIn(page, email, "/tasks/photo");
  await sendPhoto(page, caption);
  await expect(page.getByTestId("task-result")).toHaveText(THANKS);

  const staff = await sharedAccountPage(browser, "team@demo.treue.shop", "/console/moderation", { baseURL: testInfo.project.use.baseURL, serviceWorkers: "block" });
  try {
    await slowScripts(staff);
    await staff.reload({ waitUntil: "commit" });
    const item = staff.getByTestId("queued").filter({ hasText: caption });
    await item.getByRole("button", { name: "Freigeben" }).click();
    await expect(item.getByRole("button", { name: "Freigeben" })).toHaveAttribute("aria-busy", "true");
    await expect(item).toHaveCount(0, { timeout: 10_000 });
  } finally {
    await staff.context().close();
  }
  await page.goto("/");
  await expect(page.getByTestId("balance")).toContainText("135"); // 60 for the order + 75, once
});

// A console page's content hydrates after the frame (its loading.tsx boundary): a held save replayed
// as a bare submit while that part was half hydrated was dropped by React and sent by the browser
// (a reload to "…?"), and the boxes and the file chosen before hydration never reached the form's state.
test("console boxes cleared and a file chosen before the page's code has run are what the save sends", async ({ browser }, testInfo) => {
  test.skip(testInfo.project.name === "phone", "the console is desktop-first");
  const staff = await sharedAccountPage(browser, "owner@demo.treue.shop", "/console", { baseURL: testInfo.project.use.baseURL, serviceWorkers: "block" });
  try {
    await slowScripts(staff);
    // No paid status at all: refused at the boxes, not the statuses the server rendered saved again.
    await staff.goto("/console/connections", { waitUntil: "commit" });
    const statuses = staff.locator("form", { has: staff.getByRole("button", { name: "Status speichern" }) });
    const boxes = statuses.locator('input[type="checkbox"]');
    await expect(boxes.first()).toBeVisible();
    for (const box of await boxes.all()) await box.uncheck();
    await statuses.getByRole("button", { name: "Status speichern" }).click();
    await expect(statuses.locator("#paid-statuses-error")).toBeVisible({ timeout: 10_000 });
    await expect(boxes.first()).toBeFocused();

    // A program document chosen at once is read when sent (the server's refusal lists its problems).
    await staff.goto("/console/program/document", { waitUntil: "commit" });
    await staff.locator("#program-file").setInputFiles({ name: "programm.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify({ name: "", rewards: [{ id: "Falsch!", pointsCost: -5 }] })) });
    await staff.getByRole("button", { name: "Programm importieren" }).click();
    await expect(staff.getByTestId("import-problems")).toBeVisible({ timeout: 10_000 });
  } finally {
    await staff.context().close();
  }
});

test("an address typed and added before the console's code has run is the one the console adds", async ({ browser }, testInfo) => {
  test.skip(testInfo.project.name === "phone", "the console is desktop-first");
  const staff = await sharedAccountPage(browser, "owner@demo.treue.shop", "/console", { baseURL: testInfo.project.use.baseURL, serviceWorkers: "block" });
  const origin = `https://early-${testInfo.workerIndex}-${Date.now()}.example`;
  try {
    await slowScripts(staff);
    await staff.goto("/console/storefront", { waitUntil: "commit" });
    // Typed before React holds the field: on screen, but not in the form's state until handed over.
    await staff.locator("#storefront-origin").fill(origin);
    await staff.getByRole("button", { name: "Hinzufügen", exact: true }).click();
    await expect(staff.getByTestId("origin-listed").filter({ hasText: origin })).toBeVisible({ timeout: 10_000 });
    await expect(staff.locator("#storefront-origin-error")).toHaveCount(0);
  } finally {
    // Other specs of this worker expect no address listed, whatever happened above.
    await staff.request.post("/api/console/storefront.remove-origin", { data: { origin } });
    await staff.context().close();
  }
});

