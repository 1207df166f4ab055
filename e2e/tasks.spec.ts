// Tasks between purchases: a review that staff approve, and the NPS survey that pays at once.
import { readdirSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import sharp from "sharp";
import { sharedAccountPage, signIn, uniqueEmail } from "./helpers";
import { unseenPicture } from "./photos";
import { getSigned, postSigned } from "./shop";

/** Files the server has stored under its data dir (playwright.config.ts sets it). */
function storedPhotos(): number {
  try {
    return readdirSync(path.join(process.env.E2E_DATA_DIR!, "uploads")).length;
  } catch {
    return 0; // nothing uploaded yet
  }
}

test("a review and a photo wait for staff and pay on approval; the NPS survey pays at once", async ({ page, browser, request }, testInfo) => {
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

  // A holiday photo straight from a phone camera, GPS position included.
  const photo = await unseenPicture()
    .jpeg()
    .withExif({ IFD3: { GPSLatitudeRef: "N", GPSLatitude: "47/1 25/1 0/1", GPSLongitudeRef: "E", GPSLongitude: "10/1 59/1 0/1" } })
    .toBuffer();
  await page.goto("/tasks/photo");
  const before = storedPhotos();
  await page.getByLabel("Dein Foto").setInputFiles({ name: "notizen.jpg", mimeType: "image/jpeg", buffer: Buffer.from("Nur Text, kein Bild.") });
  await page.getByRole("button", { name: "Foto hochladen" }).click();
  await expect(page.getByText("Das ist kein Bild, das wir lesen können. Bitte wähle ein JPEG, PNG oder WebP.")).toBeVisible();
  expect(storedPhotos()).toBe(before); // refused: nothing stored
  await page.getByLabel("Dein Foto").setInputFiles({ name: "gipfel.jpg", mimeType: "image/jpeg", buffer: photo });
  await page.getByLabel(/Bildunterschrift/).fill(`Am Gipfel ${stamp}`);
  await page.getByRole("button", { name: "Foto hochladen" }).click();
  await expect(page.getByTestId("task-result")).toHaveText("Danke! Wir prüfen deinen Beitrag – die 75 Punkte kommen nach der Freigabe.");
  expect(storedPhotos()).toBe(before + 1);

  // Staff approve both in their own browser.
  const staff = await sharedAccountPage(browser, "team@demo.treue.shop", "/staff/reviews", { baseURL: testInfo.project.use.baseURL });
  try {
    await expect(staff).toHaveURL(/\/console\/moderation$/);
    const item = staff.getByTestId("queued").filter({ hasText: stamp }).filter({ hasText: "Zelt Duo" });
    await expect(item).toHaveCount(1);
    await item.getByRole("button", { name: "Freigeben" }).click();
    // The queue shows the decision (and re-renders) before the next one is made, as a person sees it go.
    await expect(item).toHaveCount(0);
    const photoItem = staff.getByTestId("queued").filter({ hasText: `Am Gipfel ${stamp}` });
    const image = photoItem.getByRole("img", { name: `Am Gipfel ${stamp}` });
    await expect(image).toBeVisible();
    // The stored file is the re-encoded one: WebP, no EXIF.
    const served = await staff.request.get((await image.getAttribute("src"))!);
    expect(served.headers()["content-type"]).toBe("image/webp");
    expect((await sharp(await served.body()).metadata()).exif).toBeUndefined();
    await photoItem.getByRole("button", { name: "Freigeben" }).click();
    await expect(staff.getByTestId("queued").filter({ hasText: stamp })).toHaveCount(0);
  } finally {
    await staff.context().close();
  }

  await page.goto("/");
  await expect(page.getByTestId("balance")).toContainText("185"); // 60 for the order + 50 + 75

  // The shop reads the approved review over the signed API.
  const reviews = await getSigned(request, "/api/v1/reviews?since=2020-01-01T00:00:00Z");
  expect(reviews.status()).toBe(200);
  expect((await reviews.json()).reviews).toContainEqual(expect.objectContaining({ sku: "ZELT-2", rating: 5, text, author: "Rita", shop_customer_id: `c-${stamp}` }));
  expect((await getSigned(request, "/api/v1/reviews?since=gestern")).status()).toBe(400);

  await page.goto("/tasks/nps");
  await page.getByRole("radio", { name: "9", exact: true }).check({ force: true });
  await page.getByLabel(/Was ist der wichtigste Grund/).fill("Schnelle Lieferung und gute Beratung.");
  await page.getByRole("button", { name: "Antworten senden" }).click();
  await expect(page.getByTestId("task-result")).toHaveText("Danke! 30 Punkte sind gutgeschrieben.");
  await page.goto("/");
  await expect(page.getByTestId("balance")).toContainText("215");
  await page.goto("/tasks");
  await expect(page.getByTestId("decided")).toHaveCount(3);
  // Gamification: the month's review challenge, this week's activity, two badges.
  await expect(page.getByTestId("challenge").filter({ hasText: "3 Bewertungen diesen Monat" })).toContainText("1/3");
  await expect(page.getByTestId("streak")).toHaveText("1 Woche in Folge aktiv");
  await expect(page.getByTestId("badge-earned")).toHaveText(["Erste Bewertung (erreicht)", "Deine Stimme zählt (erreicht)"]);
});
