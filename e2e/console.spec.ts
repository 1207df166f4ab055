// The shop's staff at work in the console, in a real browser against `next start`: rule changes
// that reach the ledger, a reward race, support adjustments, roles that hold, and the audit trail.
import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Browser, type Page } from "@playwright/test";
import sharp from "sharp";
import { consoleActionCapability, consoleActionNames } from "../lib/console/action-names";
import { sharedAccountPage, signIn, uniqueEmail } from "./helpers";
import { orderPaid, postSigned, shopperWithOrder } from "./shop";

const OWNER = "owner@demo.treue.shop";
const MODERATOR = "team@demo.treue.shop";
const DEMO_RULE = { pointsPerUnit: 1, excludedCategories: ["gift-cards"] };

// The demo's staff accounts sign in once per run (sign-in links per address are rate-limited as
// for the public); shoppers made by a test sign in afresh.
async function staffPage(browser: Browser, email: string, path = "/console"): Promise<Page> {
  const page = email.endsWith("@demo.treue.shop") ? await sharedAccountPage(browser, email, path) : await signedInPage(browser, email, path);
  await expect(page).toHaveURL(new RegExp(`${path.replace(/[?]/g, "\\?")}$`));
  return page;
}

async function signedInPage(browser: Browser, email: string, path: string): Promise<Page> {
  const page = await (await browser.newContext({ locale: "de-DE" })).newPage();
  await signIn(page, email, path);
  return page;
}

async function paid(request: Parameters<typeof postSigned>[0], customerId: string, orderId: string, cents: number) {
  const response = await postSigned(request, "/api/v1/events", JSON.stringify(orderPaid(`evt-${orderId}`, orderId, customerId, cents, `${customerId}@example.com`)));
  expect(response.status()).toBe(200);
  return (await response.json()) as { points_delta: number; balance: number };
}

test("an owner's new earn rate applies to the next order, and a refund of an older order takes back what it earned", async ({ browser, request }) => {
  const customer = `cust-rate-${Date.now()}`;
  expect(await paid(request, customer, `${customer}-old`, 10_000)).toMatchObject({ points_delta: 100 });

  const owner = await staffPage(browser, OWNER, "/console/program/earning");
  try {
    await owner.getByLabel("Punkte je vollem Euro").fill("3");
    await expect(owner.getByTestId("earn-preview")).toContainText("Eine Bestellung über 59,90 € bringt 177 Punkte.");
    await owner.getByRole("button", { name: "Neue Version speichern" }).click();
    await expect(owner.getByRole("status").filter({ hasText: /Version \d+ gespeichert/ })).toBeVisible();
    await expect(owner.getByTestId("rule-version").first()).toContainText("aktuell");

    expect(await paid(request, customer, `${customer}-new`, 10_000)).toMatchObject({ points_delta: 300, balance: 400 });
    const refund = { id: `evt-refund-${customer}`, type: "order.refunded", occurred_at: new Date().toISOString(), data: { order_id: `${customer}-old`, amount_cents: 10_000 } };
    const refunded = await postSigned(request, "/api/v1/events", JSON.stringify(refund));
    expect(await refunded.json()).toMatchObject({ points_delta: -100, balance: 300 });

    await owner.goto("/console/audit?action=program.earn-rule");
    const row = owner.getByTestId("audit-row").first();
    await expect(row.getByTestId("audit-sentence")).toContainText("hat die Punkteregel geändert (Fassung");
    await expect(row.getByTestId("audit-sentence").getByRole("link", { name: "Punkteregel" })).toHaveAttribute("href", "/console/program/earning");
    await row.getByText("Vorher und nachher").first().click();
    await expect(row).toContainText(OWNER);
    await expect(row.getByTestId("audit-after")).toContainText('"pointsPerUnit": 3');
    await expect(row.getByTestId("audit-before")).toContainText('"pointsPerUnit": 1');
  } finally {
    // The e2e server is shared with the other specs: put the demo's rate back.
    const reset = await owner.request.post("/api/console/program.earn-rule", { data: { rule: DEMO_RULE } });
    expect(reset.status()).toBe(200);
  }
});

test("an owner starts a bonus campaign on a category: shoppers see it on Home and tents earn double", async ({ browser, request }) => {
  const owner = await staffPage(browser, OWNER, "/console/program/earning");
  const local = (ms: number) => {
    const d = new Date(Date.now() + ms);
    return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
  };
  try {
    await owner.getByRole("button", { name: "Aktion hinzufügen" }).click();
    const campaign = owner.getByTestId("campaign").last();
    await campaign.getByLabel("Name (Deutsch)").fill("Zelt-Wochen");
    await campaign.getByLabel("Name (Englisch)").fill("Tent weeks");
    await campaign.getByLabel("Beginn").fill(local(-3_600_000));
    await campaign.getByLabel("Ende").fill(local(2 * 86_400_000));
    await campaign.getByLabel("Bonus in %").fill("100");
    await campaign.getByLabel("Nur Kategorien (leer: alles)").fill("zelte");
    await owner.getByRole("button", { name: "Neue Version speichern" }).click();
    await expect(owner.getByRole("status").filter({ hasText: /Version \d+ gespeichert/ })).toBeVisible();

    const shopper = await shopperWithOrder(request, "camper", 1_000);
    const event = {
      id: `evt-tent-${shopper.customerId}`,
      type: "order.paid",
      occurred_at: new Date().toISOString(),
      data: {
        order_id: `tent-${shopper.customerId}`,
        customer: { id: shopper.customerId, email: shopper.email },
        currency: "EUR",
        subtotal_cents: 20_000,
        items: [{ sku: "ZELT-2P", name: "Zelt 2P", quantity: 1, unit_price_cents: 20_000, category: "zelte" }],
      },
    };
    const paidTent = await postSigned(request, "/api/v1/events", JSON.stringify(event));
    expect(await paidTent.json()).toMatchObject({ points_delta: 400 });
    const page = await staffPage(browser, shopper.email, "/");
    await expect(page.getByTestId("campaign-banner")).toContainText("Zelt-Wochen");
    await expect(page.getByTestId("campaign-banner")).toContainText("+100 % Punkte auf zelte");
  } finally {
    expect((await owner.request.post("/api/console/program.earn-rule", { data: { rule: DEMO_RULE } })).status()).toBe(200);
  }
});

test("an owner creates a reward with stock 1; two shoppers race for it and one gets it", async ({ browser, request }) => {
  const owner = await staffPage(browser, OWNER, "/console/program/rewards");
  const id = `einzel-${Date.now().toString(36)}`;
  await owner.getByRole("button", { name: "Neue Prämie" }).click();
  const dialog = owner.getByRole("dialog");
  await dialog.getByLabel("Kennung").fill(id);
  await dialog.getByLabel("Art").selectOption("free_shipping");
  await dialog.getByLabel("Name (Deutsch)").fill("E2E Einzelstück");
  await dialog.getByLabel("Name (Englisch)").fill("E2E one-off");
  await dialog.getByLabel("Beschreibung (Deutsch)").fill("Gibt es genau einmal.");
  await dialog.getByLabel("Beschreibung (Englisch)").fill("There is exactly one.");
  await dialog.getByLabel("Punkte").fill("100");
  await dialog.getByLabel("Bestand").fill("1");
  await dialog.getByRole("button", { name: "Prämie speichern" }).click();
  await expect(owner.getByRole("status").filter({ hasText: "Prämie angelegt." })).toBeVisible();
  await expect(owner.getByTestId("reward-row").filter({ hasText: id })).toContainText("0 ausgegeben");

  const shoppers = await Promise.all(["racer-a", "racer-b"].map((label) => shopperWithOrder(request, label, 10_000)));
  const pages = await Promise.all(shoppers.map(async (s) => staffPage(browser, s.email, `/rewards/${id}`)));
  for (const page of pages) await page.getByRole("button", { name: "Für 100 Punkte einlösen" }).click();
  await Promise.all(pages.map((page) => page.getByRole("button", { name: "Jetzt 100 Punkte einlösen" }).click()));
  const outcomes = await Promise.all(
    pages.map((page) =>
      Promise.race([
        page.waitForURL(/\/wallet/).then(() => "coupon"),
        page.getByText("Diese Prämie ist leider vergriffen.").waitFor().then(() => "sold-out"),
      ]),
    ),
  );
  expect(outcomes.sort()).toEqual(["coupon", "sold-out"]);
  await owner.reload();
  await expect(owner.getByTestId("reward-row").filter({ hasText: id })).toContainText("1 ausgegeben");
});

test("an owner gives a reward a picture: refused when it is no image, re-encoded and shown in the catalog when it is", async ({ browser, request }) => {
  const owner = await staffPage(browser, OWNER, "/console/program/rewards");
  await owner.getByTestId("reward-row").filter({ hasText: "early" }).getByRole("button", { name: "Bearbeiten" }).click();
  const upload = owner.getByRole("dialog").getByLabel("Bild hochladen (JPEG, PNG, WebP)");
  await upload.setInputFiles({ name: "liste.png", mimeType: "image/png", buffer: Buffer.from("kein Bild") });
  await expect(owner.getByRole("alert").filter({ hasText: "Die Datei ist kein Bild." })).toBeVisible();
  const png = await sharp({ create: { width: 1_200, height: 750, channels: 3, background: { r: 200, g: 120, b: 40 } } }).png().toBuffer();
  await upload.setInputFiles({ name: "winter-sale.png", mimeType: "image/png", buffer: png });
  await expect(owner.getByRole("status").filter({ hasText: "Bild gespeichert." })).toBeVisible();

  const shopper = await shopperWithOrder(request, "pictures", 1_000);
  const page = await staffPage(browser, shopper.email, "/rewards/early");
  const src = await page.locator("main img").first().getAttribute("src");
  expect(src).toMatch(/^\/api\/reward-images\/[0-9a-f-]{36}\.webp$/);
  const image = await page.request.get(src!);
  expect(image.headers()["content-type"]).toBe("image/webp");
  expect((await sharp(await image.body()).metadata()).width).toBe(1_200);
});

test("an owner uploads the shop's logo; shoppers see it and the shop's legal links in the app", async ({ browser, request }) => {
  const owner = await staffPage(browser, OWNER, "/console/program/settings");
  const png = await sharp({ create: { width: 256, height: 256, channels: 4, background: { r: 19, g: 100, b: 65, alpha: 1 } } }).png().toBuffer();
  await owner.getByLabel("Logo hochladen (JPEG, PNG, WebP)").setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: png });
  await expect(owner.getByRole("status").filter({ hasText: "Bild gespeichert." })).toBeVisible();
  await expect(owner.getByLabel("Logo (Adresse https://… oder hochladen)")).toHaveValue(/^\/api\/reward-images\/.+\.webp$/);

  const shopper = await shopperWithOrder(request, "branded", 1_000);
  const page = await staffPage(browser, shopper.email, "/");
  const logo = page.locator("aside img, header img").first();
  await expect(logo).toHaveAttribute("src", /^\/api\/reward-images\/.+\.webp$/);
  const legal = page.getByTestId("legal-links");
  await expect(legal.getByRole("link", { name: "Impressum" })).toHaveAttribute("href", "https://gipfelglueck.example/impressum");
  await expect(legal.getByRole("link", { name: "Datenschutz" })).toHaveAttribute("href", "https://gipfelglueck.example/datenschutz");
});

test("an owner reads the insights, switches the period and downloads them as CSV for German Excel", async ({ browser, request }) => {
  await shopperWithOrder(request, "insightful", 6_500);
  const owner = await staffPage(browser, OWNER, "/console/insights");
  await expect(owner.getByRole("heading", { level: 1, name: "Auswertungen" })).toBeVisible();
  const orders = owner.getByTestId("metric-orders").getByTestId("metric-value");
  await expect(orders).not.toHaveText("0");
  // The page explains its numbers itself, without pointing to files or settings.
  await expect(owner.getByRole("main")).not.toContainText("METRICS.md");
  await expect(owner.getByRole("main")).not.toContainText("TREUE_");
  await expect(owner.getByTestId("insights-who-counts")).toContainText("zählt nur mit, wenn es selbst im Shop bestellt hat");
  await owner.getByTestId("metric-nps").getByText("Wie gezählt wird").click();
  await expect(owner.getByTestId("metric-nps")).toContainText("Promotoren 9–10");
  // The numbers say when they were computed; the owner can have them computed again now.
  await expect(owner.getByTestId("insights-computed")).toContainText("berechnet");
  await owner.getByRole("link", { name: "Jetzt neu berechnen" }).click();
  await expect(owner).toHaveURL(/fresh=1/);
  await expect(orders).not.toHaveText("0");
  await owner.getByRole("link", { name: "Letzter Monat" }).click();
  await expect(owner).toHaveURL(/preset=lastMonth/);
  await expect(owner.getByRole("link", { name: "Letzter Monat" })).toHaveAttribute("aria-current", "page");

  await owner.getByRole("link", { name: "Dieses Jahr" }).click();
  await expect(owner.getByTestId("chart-orders").getByRole("img", { name: "Bestellungen: angemeldet vs. nicht angemeldet" })).toBeVisible();
  await owner.getByRole("link", { name: "Nach Woche" }).click();
  await expect(owner.getByRole("link", { name: "Nach Woche" })).toHaveAttribute("aria-current", "page");
  const chartCsv = await owner.request.get((await owner.getByTestId("chart-points").getByRole("link", { name: "CSV herunterladen" }).getAttribute("href"))!);
  expect(chartCsv.status()).toBe(200);
  expect((await chartCsv.text()).replace(/^\uFEFF/, "").split("\r\n")[0]).toBe("bucket,issued,redeemed,expired");

  const download = await owner.request.get(`${(await owner.getByRole("link", { name: "CSV für deutsches Excel (;)" }).getAttribute("href"))!}`);
  expect(download.headers()["content-type"]).toContain("text/csv");
  const bytes = await download.body();
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 BOM: Excel reads umlauts
  const lines = bytes.toString("utf8").slice(1).trim().split("\r\n");
  expect(lines[0]).toMatch(/^metric;\d{4}-\d{2}-\d{2}\.\.\d{4}-\d{2}-\d{2};previous period$/);
  expect(lines.some((l) => l.startsWith("orders;"))).toBe(true);
  expect(lines.some((l) => l.startsWith("nps.score;"))).toBe(true);
});

test("support adds 50 points with a reason the shopper reads, and cannot overdraw a balance", async ({ browser, request }) => {
  const shopper = await shopperWithOrder(request, "adjusted", 10_000);
  const supportEmail = uniqueEmail("support");
  const owner = await staffPage(browser, OWNER, "/console/staff");
  await owner.getByLabel("E-Mail-Adresse").fill(supportEmail);
  await owner.getByLabel("Rolle", { exact: true }).selectOption("support");
  await owner.getByRole("button", { name: "Einladung senden" }).click();
  await expect(owner.getByRole("status").filter({ hasText: `Einladung an ${supportEmail} verschickt.` })).toBeVisible();

  const support = await staffPage(browser, supportEmail, "/console");
  await expect(support.getByTestId("staff-role")).toHaveText("Kundenservice");
  await expect(support.getByRole("link", { name: "Punkte sammeln" })).toHaveCount(0);
  await support.getByRole("link", { name: "Mitglieder" }).click();
  await support.getByLabel("Mitglieder suchen").fill(shopper.email.slice(0, 12));
  await support.getByRole("link", { name: shopper.email }).click();
  await expect(support.getByTestId("member-balance")).toHaveText("100");

  await support.getByLabel("Punkte (+/−)").fill("50");
  await support.getByLabel("Grund (sieht das Mitglied)").fill("Kulanz: Paket kam zu spät");
  await support.getByRole("button", { name: "Buchen" }).click();
  await expect(support.getByRole("status").filter({ hasText: "Gebucht. Neuer Stand: 150 Punkte." })).toBeVisible();
  await expect(support.getByTestId("member-balance")).toHaveText("150");

  await support.getByLabel("Punkte (+/−)").fill("-10000");
  await support.getByLabel("Grund (sieht das Mitglied)").fill("Fehlbuchung");
  await support.getByRole("button", { name: "Buchen" }).click();
  await expect(support.getByRole("alert").filter({ hasText: "Abgelehnt: Das Mitglied hat nur 150 Punkte" })).toBeVisible();
  await support.reload();
  await expect(support.getByTestId("member-balance")).toHaveText("150");

  const shopperPage = await staffPage(browser, shopper.email, "/history");
  await expect(shopperPage.getByTestId("ledger-note")).toHaveText("Kulanz: Paket kam zu spät");

  await owner.goto(`/console/audit?action=member.adjust&target=member:${shopper.memberId}`);
  await expect(owner.getByTestId("audit-row")).toHaveCount(1);
  // The log tells it as a sentence, naming who and linking the member, instead of "member.adjust" and "member:<uuid>".
  const sentence = owner.getByTestId("audit-sentence");
  await expect(sentence).toHaveText(`${supportEmail} hat Api Kundin 50 Punkte gutgeschrieben: Kulanz: Paket kam zu spät`);
  await expect(sentence.getByRole("link", { name: "Api Kundin" })).toHaveAttribute("href", `/console/members/${shopper.memberId}`);
  await expect(owner.getByLabel("Aktion")).toContainText("Punkte korrigiert");
  await owner.getByText("Vorher und nachher").first().click();
  await expect(owner.getByTestId("audit-before")).toContainText('"balance": 100');
  await expect(owner.getByTestId("audit-after")).toContainText('"balance": 150');
});

test("a shopper reports missing points; support resolves the claim in Gespräche with points and a reason the shopper reads", async ({ browser, request }) => {
  const shopper = await shopperWithOrder(request, "missing", 2_000);
  const page = await staffPage(browser, shopper.email, "/history");
  const orderNumber = `GG-${Date.now().toString(36)}`;
  await page.getByLabel("Bestellnummer").fill(orderNumber);
  await page.getByLabel("Bestelldatum").fill("2026-11-20");
  await page.getByLabel("Nachricht (optional)").fill("Die Bestellung hat keine Punkte gebracht.");
  await page.getByRole("button", { name: "Anfrage senden" }).click();
  await expect(page.locator("#missing-status")).toContainText("Danke! Wir prüfen die Bestellung und melden uns.");
  await expect(page.locator("#missing-status").getByRole("link", { name: "Zum Gespräch" })).toHaveAttribute("href", /^\/help\/[0-9a-f-]{36}$/);
  await page.reload();
  await expect(page.getByTestId("support-request")).toHaveText(`Offen: Bestellung ${orderNumber}`);

  // The claim is a conversation in the team's inbox, with the order and the shopper's words.
  const owner = await staffPage(browser, OWNER, "/console/conversations");
  const item = owner.getByTestId("inbox-item").filter({ hasText: orderNumber });
  await expect(item).toContainText(`Punkte fehlen: Bestellung ${orderNumber}`);
  await expect(item).toContainText("Die Bestellung hat keine Punkte gebracht.");
  await item.click();
  await expect(owner.getByTestId("console-thread").locator('[data-author="shopper"]')).toContainText("Die Bestellung hat keine Punkte gebracht.");
  await expect(owner.getByRole("complementary", { name: "Zur Person" })).toContainText("Punktestand: 20");
  await owner.getByLabel("Punkte", { exact: true }).fill("40");
  await owner.getByLabel("Grund (steht im Verlauf der Kundin oder des Kunden)").fill(`Bestellung ${orderNumber} nachgetragen – danke für den Hinweis!`);
  await owner.getByRole("button", { name: "Punkte gutschreiben und schließen" }).click();
  await expect(owner.getByRole("status").filter({ hasText: "Gelöst und geschlossen." })).toBeVisible();
  await expect(owner.getByTestId("console-thread")).toContainText("Erledigt: 40 Punkte gutgeschrieben.");
  await owner.goto("/console/conversations");
  await expect(owner.getByTestId("inbox-item").filter({ hasText: orderNumber })).toHaveCount(0);
  await owner.goto("/console/conversations?tab=closed");
  await expect(owner.getByTestId("inbox-item").filter({ hasText: orderNumber })).toHaveCount(1);

  await page.reload();
  await expect(page.getByTestId("support-request")).toHaveText(`Erledigt: Bestellung ${orderNumber}`);
  await expect(page.getByTestId("ledger-note").first()).toHaveText(`Bestellung ${orderNumber} nachgetragen – danke für den Hinweis!`);
  await page.getByTestId("support-request").getByRole("link").click();
  await expect(page.getByTestId("help-thread")).toContainText("Erledigt: 40 Punkte gutgeschrieben.");
  await page.goto("/");
  await expect(page.getByTestId("balance")).toContainText(/^60\s*Punkte$/);
});

test("an owner adds a Customer Loyalty Index survey from the template; shoppers find it under Aufgaben", async ({ browser, request }) => {
  const owner = await staffPage(browser, OWNER, "/console/program/tasks");
  const id = `cli-${Date.now().toString(36)}`;
  await owner.getByRole("button", { name: "Neue Aufgabe" }).click();
  const dialog = owner.getByRole("dialog");
  await dialog.getByLabel("Kennung", { exact: true }).fill(id);
  await dialog.getByLabel("Titel (Deutsch)").fill("Drei Fragen zu uns");
  await dialog.getByLabel("Titel (Englisch)").fill("Three questions about us");
  await dialog.getByLabel("Punkte").fill("40");
  await dialog.getByRole("button", { name: "Kundenbindungsindex (CLI)-Vorlage" }).click();
  await expect(dialog.getByTestId("question")).toHaveCount(3);
  await dialog.getByRole("button", { name: "Aufgabe speichern" }).click();
  await expect(owner.getByRole("status").filter({ hasText: "Aufgabe angelegt." })).toBeVisible();
  await expect(owner.getByTestId("task-row").filter({ hasText: id })).toContainText("Umfrage");

  const shopper = await shopperWithOrder(request, "surveyed", 1_000);
  const page = await staffPage(browser, shopper.email, `/tasks/${id}`);
  await expect(page.getByRole("heading", { level: 1, name: "Drei Fragen zu uns" })).toBeVisible();
  await expect(page.getByText("Wie wahrscheinlich ist es, dass Sie wieder bei uns kaufen?")).toBeVisible();
  // Switched off again, so the other specs see the demo's task list.
  await owner.getByTestId("task-row").filter({ hasText: id }).getByRole("button", { name: "Bearbeiten" }).click();
  await owner.getByRole("dialog").getByLabel("Aktiv").uncheck();
  await owner.getByRole("dialog").getByRole("button", { name: "Aufgabe speichern" }).click();
  await expect(owner.getByRole("status").filter({ hasText: "Aufgabe gespeichert." })).toBeVisible();
});

const consolePages = ["/console", "/console/insights", "/console/members", "/console/conversations", "/console/conversations/answers", "/console/moderation", "/console/program/earning", "/console/program/tiers", "/console/program/rewards", "/console/program/tasks", "/console/program/settings", "/console/program/document", "/console/audit", "/console/staff", "/console/jobs", "/console/journeys", "/console/campaigns", "/console/storefront"];

test("a shopper gets 404 on every console page and 403 on every console action, and nothing is written", async ({ browser, request }) => {
  const shopper = await shopperWithOrder(request, "curious", 5_000);
  const page = await staffPage(browser, shopper.email, "/");
  for (const path of [...consolePages, `/console/members/${shopper.memberId}`]) {
    expect((await page.request.get(path)).status(), path).toBe(404);
  }
  const attempts: Record<string, unknown> = {
    "members.adjust": { memberId: shopper.memberId, points: 1_000_000, reason: "Selbstbedienung", requestId: crypto.randomUUID() },
    "staff.invite": { email: shopper.email, role: "owner" },
    "staff.role": { memberId: shopper.memberId, role: "owner" },
    "program.earn-rule": { rule: { pointsPerUnit: 1000 } },
    "storefront.add-origin": { origin: "https://evil.example" },
  };
  for (const name of consoleActionNames) {
    const response = await page.request.post(`/api/console/${name}`, { data: attempts[name] ?? {} });
    expect(response.status(), name).toBe(403);
    expect(response.headers()["content-type"]).toContain("application/problem+json");
  }
  await page.goto("/");
  await expect(page.getByTestId("balance")).toContainText(/^50\s*Punkte$/);
  await page.goto("/profile");
  await expect(page.getByRole("link", { name: "Konsole öffnen" })).toHaveCount(0);
});

test("a moderator reaches moderation only: other pages are 404 and other actions 403", async ({ browser }) => {
  const page = await staffPage(browser, MODERATOR, "/console/moderation");
  await expect(page.getByRole("heading", { name: "Moderation", level: 1 })).toBeVisible();
  for (const path of [...consolePages.filter((p) => p !== "/console" && p !== "/console/moderation"), `/console/members/${crypto.randomUUID()}`]) {
    expect((await page.request.get(path)).status(), path).toBe(404);
  }
  for (const name of consoleActionNames.filter((n) => consoleActionCapability[n] !== "moderate")) {
    expect((await page.request.post(`/api/console/${name}`, { data: {} })).status(), name).toBe(403);
  }
  // Allowed, so the input is checked next: an empty decision is a 400 with the field named.
  const invalid = await page.request.post("/api/console/moderation.decide", { data: {} });
  expect(invalid.status()).toBe(400);
  const problem = (await invalid.json()) as { title: string; detail: string; errors: { pointer: string; detail: string }[] };
  expect(problem.errors.map((e) => e.pointer)).toEqual(expect.arrayContaining(["/submissionIds", "/decision"]));
  expect(problem.title).toBe("Ungültige Eingabe");
  expect(problem.detail).toBe("2 Eingaben brauchen deine Aufmerksamkeit.");
  expect(problem.errors.map((e) => e.detail)).toEqual(["Bitte wähle mindestens einen Eintrag.", "Bitte wähle eine der Möglichkeiten."]);
});

test("an owner connects Shopify: the secret set in Connections verifies a signed orders/paid, the delivery shows there and the shopper sees the points", async ({ browser, request }) => {
  const owner = await staffPage(browser, OWNER, "/console/connections");
  const card = owner.getByTestId("connection-shopify");
  await expect(card.getByTestId("connector-url")).toHaveText(/\/api\/connectors\/shopify$/);
  const secret = `shpss_e2e_${Date.now().toString(36)}_secret`;
  await card.getByLabel("Webhook-Secret").fill(secret);
  await card.getByRole("button", { name: /Secret (speichern|ersetzen)/ }).click();
  await expect(owner.getByRole("status").filter({ hasText: `Secret gespeichert (endet auf …${secret.slice(-4)})` })).toBeVisible();
  await expect(card.getByTestId("connector-secret-state")).toHaveText(`Secret gesetzt (endet auf …${secret.slice(-4)})`);
  await expect(card.getByLabel("Webhook-Secret")).toHaveValue(""); // never shown again
  await card.getByRole("button", { name: "Test senden" }).click();
  await expect(owner.getByRole("status").filter({ hasText: "Test angekommen" })).toBeVisible();

  // The shop's Shopify sends an order the way Shopify signs it.
  const email = uniqueEmail("shopify");
  const stamp = Date.now();
  const order = JSON.parse(readFileSync(path.join("lib", "connectors", "fixtures", "shopify-order-paid-de.json"), "utf8")) as Record<string, unknown>;
  const body = JSON.stringify({ ...order, id: stamp, email, contact_email: email, customer: { id: stamp + 1, email, first_name: "Mara", last_name: "Shopify" } });
  const headers = { "content-type": "application/json", "x-shopify-topic": "orders/paid", "x-shopify-webhook-id": `wh-${stamp}`, "x-shopify-hmac-sha256": createHmac("sha256", secret).update(body).digest("base64") };
  expect((await request.post("/api/connectors/shopify", { data: body, headers: { ...headers, "x-shopify-hmac-sha256": createHmac("sha256", "forged").update(body).digest("base64") } })).status()).toBe(401);
  const delivered = await request.post("/api/connectors/shopify", { data: body, headers });
  expect(delivered.status()).toBe(200);
  const answer = (await delivered.json()) as { status: string; events: { points_delta: number }[] };
  expect(answer.status).toBe("applied");
  const points = answer.events[0]!.points_delta;
  expect(points).toBeGreaterThan(0);

  await owner.reload();
  await expect(card.getByTestId("delivery-row").first()).toContainText("orders/paid");
  await expect(card.getByTestId("delivery-row").first()).toContainText("verbucht");
  const shopper = await staffPage(browser, email, "/");
  await expect(shopper.getByTestId("balance")).toContainText(String(points));
});

test("with TREUE_SHOP_SECRET set, the Shop API card says the secret comes from the configuration, offers no way to change it, and its test event is accepted", async ({ browser }) => {
  const owner = await staffPage(browser, OWNER, "/console/connections");
  const card = owner.getByTestId("connection-shop-api");
  await expect(card.getByTestId("shop-api-secret-state")).toHaveText("Kommt aus der Server-Konfiguration (TREUE_SHOP_SECRET) und lässt sich hier nicht ändern.");
  await expect(card.getByRole("button", { name: /Secret (erzeugen|speichern|ersetzen)/ })).toHaveCount(0);
  const refused = await owner.request.post("/api/console/shop-api.secret", { data: {} });
  expect(refused.status()).toBe(422);
  expect(((await refused.json()) as { detail: string }).detail).toContain("Server-Konfiguration (TREUE_SHOP_SECRET)");
  await card.getByRole("button", { name: "Signiertes Test-Ereignis senden" }).click();
  await expect(card.getByTestId("shop-api-test-result")).toContainText("Test-Ereignis angenommen (HTTP 200)");
});

test("an owner sees the background jobs and when each last ran; without PostgreSQL there is no queue to retry from", async ({ browser }) => {
  const owner = await staffPage(browser, OWNER, "/console/jobs");
  await expect(owner.getByRole("heading", { level: 1, name: "Hintergrund-Jobs" })).toBeVisible();
  await expect(owner.getByTestId("job-runner")).toContainText("Eingebettete Datenbank");
  for (const name of ["upkeep", "scheduled-changes", "insights-refresh", "push-delivery"]) await expect(owner.getByTestId(`job-${name}`)).toBeVisible();
  await expect(owner.getByTestId("job-push-delivery")).toContainText("Push-Mitteilungen senden");
  // Schedules in words (this instance's timers here; the queue's "stündlich um :07" with PostgreSQL), never cron strings.
  await expect(owner.getByTestId("job-upkeep").getByTestId("job-schedule")).toHaveText("stündlich");
  await expect(owner.getByTestId("job-push-delivery").getByTestId("job-schedule")).toHaveText("alle 15 Sekunden");
  await expect(owner.getByRole("main")).not.toContainText("* * * *");
  await expect(owner.getByTestId("job-upkeep").getByTestId("job-last-failure")).toContainText("keine Fehler");
  const retry = await owner.request.post("/api/console/jobs.retry", { data: { job: "push-delivery", id: crypto.randomUUID() } });
  expect(retry.status()).toBe(409);
  expect((await retry.json()).detail).toContain("Ohne PostgreSQL");
  const unknown = await owner.request.post("/api/console/jobs.retry", { data: { job: "mine-bitcoin", id: crypto.randomUUID() } });
  expect(unknown.status()).toBe(400);
});

test("an owner switches a journey on with a gift and their own words, and a bad value is refused", async ({ browser }) => {
  const page = await staffPage(browser, OWNER, "/console/journeys");
  const birthday = page.getByTestId("journey-birthday");
  await expect(birthday.getByRole("heading", { name: "Geburtstag" })).toBeVisible();
  await birthday.getByLabel("Eingeschaltet").check();
  await birthday.getByRole("button", { name: "Speichern" }).click();
  await expect(birthday.getByText("Bitte die Prämie wählen, die verschenkt wird.")).toBeVisible();

  await birthday.getByLabel("Geschenk").selectOption({ index: 1 });
  await birthday.getByText("Eigene Worte (optional)").click();
  await expect(birthday.getByLabel("Betreff").first()).toHaveAttribute("placeholder", "Alles Gute zum Geburtstag!");
  await birthday.getByLabel("Betreff").first().fill("Happy Birthday, {name}!");
  await birthday.getByRole("button", { name: "Speichern" }).click();
  await expect(page.getByText("Gespeichert.").first()).toBeVisible();

  await page.reload();
  await expect(page.getByTestId("journey-birthday").getByLabel("Eingeschaltet")).toBeChecked();
  await expect(page.getByTestId("journey-birthday").getByLabel("Betreff").first()).toHaveValue("Happy Birthday, {name}!");
  // Put back what the other tests expect of the demo shop.
  await page.getByTestId("journey-birthday").getByLabel("Eingeschaltet").uncheck();
  await page.getByTestId("journey-birthday").getByRole("button", { name: "Speichern" }).click();
  await expect(page.getByText("Gespeichert.").first()).toBeVisible();
});

test("an owner schedules a campaign with an exclusive reward to Gold: a Gold shopper sees and redeems it, a Silver shopper neither sees nor reaches it", async ({ browser, request }) => {
  const owner = await staffPage(browser, OWNER, "/console/program/rewards");
  const id = `gold-lampe-${Date.now().toString(36)}`;
  await owner.getByRole("button", { name: "Neue Prämie" }).click();
  const dialog = owner.getByRole("dialog");
  await dialog.getByLabel("Kennung").fill(id);
  await dialog.getByLabel("Art").selectOption("free_shipping");
  await dialog.getByLabel("Name (Deutsch)").fill("Goldene Stirnlampe");
  await dialog.getByLabel("Name (Englisch)").fill("Golden head torch");
  await dialog.getByLabel("Beschreibung (Deutsch)").fill("Nur für Gold.");
  await dialog.getByLabel("Beschreibung (Englisch)").fill("Gold only.");
  await dialog.getByLabel("Punkte").fill("100");
  await dialog.getByRole("button", { name: "Prämie speichern" }).click();
  await expect(owner.getByRole("status").filter({ hasText: "Prämie angelegt." })).toBeVisible();

  const gold = await shopperWithOrder(request, "camp-gold", 80_000);
  const silver = await shopperWithOrder(request, "camp-silver", 30_000);

  await owner.goto("/console/campaigns");
  // The form is React's once its script has run; text typed before that would be reset.
  await owner.waitForLoadState("networkidle");
  await owner.getByLabel("Name (nur intern)").fill("Goldene Stirnlampe");
  await owner.getByLabel("Titel (Deutsch)").fill("Nur für Gold: die goldene Stirnlampe");
  await owner.getByLabel("Text (Deutsch)").fill("Für 100 Punkte, nur diese Woche.");
  await owner.getByRole("checkbox", { name: "Gold" }).check();
  await owner.getByRole("button", { name: "Empfänger zählen" }).click();
  await expect(owner.getByTestId("campaign-audience")).toContainText("in der Gruppe");
  await owner.getByLabel("Prämie dazu (optional)").selectOption(id);
  const inAWeek = await owner.evaluate(() => {
    const d = new Date(Date.now() + 7 * 86_400_000);
    return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
  });
  await owner.getByLabel("Gilt bis").fill(inAWeek);
  await owner.getByRole("button", { name: "Kampagne planen" }).click();
  await expect(owner.getByRole("status").filter({ hasText: "Kampagne geplant." })).toBeVisible();
  const row = owner.getByTestId("campaign-row").filter({ hasText: "Goldene Stirnlampe" });
  await expect(async () => {
    await owner.reload();
    await expect(row).toContainText("Gesendet", { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });

  const silverPage = await staffPage(browser, silver.email, "/rewards");
  await expect(silverPage.getByRole("heading", { name: "Prämien" })).toBeVisible();
  await expect(silverPage.getByText("Goldene Stirnlampe")).toHaveCount(0);
  expect((await silverPage.request.get(`/rewards/${id}`)).status()).toBe(404);

  const goldPage = await staffPage(browser, gold.email, "/rewards");
  await expect(goldPage.getByText("Goldene Stirnlampe")).toBeVisible();
  await goldPage.goto(`/rewards/${id}`);
  await goldPage.getByRole("button", { name: "Für 100 Punkte einlösen" }).click();
  await goldPage.getByRole("button", { name: "Jetzt 100 Punkte einlösen" }).click();
  await expect(goldPage).toHaveURL(/\/wallet/);
  await expect(goldPage.getByText("Goldene Stirnlampe").first()).toBeVisible();
});

test("a console page shows its loading screen at once while its data is on the way, and an unknown member is a 404", async ({ browser }) => {
  const owner = await staffPage(browser, OWNER, "/console");
  try {
    for (const path of [`/console/members/${crypto.randomUUID()}`, "/console/members/nobody"]) {
      expect((await owner.request.get(path)).status(), path).toBe(404);
    }
    // The page's own data is held back; the prefetch that brings its loading screen is not.
    await owner.route(
      (url) => url.pathname === "/console/audit",
      async (route) => {
        const headers = route.request().headers();
        if (headers.rsc === "1" && !headers["next-router-prefetch"]) await new Promise((resolve) => setTimeout(resolve, 1_500));
        await route.continue();
      },
    );
    const prefetched = owner.waitForResponse((r) => new URL(r.url()).pathname === "/console/audit" && r.request().headers()["next-router-prefetch"] === "1" && !r.request().headers()["next-router-segment-prefetch"]);
    await owner.getByRole("navigation", { name: "Konsolen-Navigation" }).getByRole("link", { name: "Änderungsprotokoll" }).hover();
    await prefetched;
    await owner.getByRole("navigation", { name: "Konsolen-Navigation" }).getByRole("link", { name: "Änderungsprotokoll" }).click();
    await expect(owner.getByTestId("loading-screen")).toBeVisible();
    await expect(owner.getByTestId("loading-screen")).toContainText("Wird geladen");
    await expect(owner.getByRole("heading", { level: 1, name: "Änderungsprotokoll" })).toBeVisible();
    await expect(owner.getByTestId("loading-screen")).toHaveCount(0);
  } finally {
    await owner.context().close();
  }
});
