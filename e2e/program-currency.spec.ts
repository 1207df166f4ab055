// A shop in Switzerland: the demo program switched to Swiss francs the way an owner would (export
// the program document in the console, set its currency to CHF, import it), on a server of its
// own so the shared server's euro program stays as the other specs expect it. Then every amount
// is in francs: the shop's order in CHF earns and one in EUR is refused, and the shopper's Home,
// Status & Vorteile, rewards and invite screens, the invited friend's page and welcome coupon, and
// the console's overview, member page, insights and program forms all say CHF. Desktop only (the
// console is desktop-first).
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type Browser, type BrowserContext } from "@playwright/test";
import { openMagicLinkFromMailbox, signIn, uniqueEmail } from "./helpers";
import { E2E_PORTS } from "./ports";
import { startNext, type NextProcess } from "./next-process";
import { orderPaid, postSigned, shopSecret } from "./shop";

const PORT = E2E_PORTS.programCurrency;
const OWNER = "owner@demo.treue.shop";

let server: NextProcess;
let dataDir: string;
const contexts: BrowserContext[] = [];

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "treue-chf-"));
  server = await startNext(PORT, {
    TREUE_DEMO: "1",
    TREUE_DATA_DIR: dataDir,
    DATABASE_URL: "",
    NEXTAUTH_SECRET: "chf-secret-chf-secret-chf-secret-chf",
    TREUE_SHOP_SECRET: shopSecret,
    TREUE_SIGNIN_LIMIT_PER_IP: "1000",
    NEXT_TELEMETRY_DISABLED: "1",
  });
});

test.afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
  await server?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function browserOn(browser: Browser, locale: "de-DE" | "en-US" = "de-DE") {
  const context = await browser.newContext({ baseURL: server.base, locale });
  contexts.push(context);
  return { context, page: await context.newPage() };
}

let shopper: { email: string; memberId: string };

test("the owner makes the program Swiss by its document; the shop's orders are then in francs", async ({ browser }) => {
  const { context, page: owner } = await browserOn(browser);
  await signIn(owner, OWNER, "/console/program/document");
  await expect(owner).toHaveURL(/\/console\/program\/document$/);

  // The program as the console exports it, in euros, with its currency set to CHF and imported again.
  const exported = (await (await owner.request.get("/api/console/program/export")).json()) as { currency: string };
  expect(exported.currency).toBe("EUR");
  await owner.getByLabel("JSON-Datei").setInputFiles({ name: "treue-program.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify({ ...exported, currency: "CHF" })) });
  await owner.getByRole("button", { name: "Programm importieren" }).click();
  await expect(owner.getByText("Programm importiert.")).toBeVisible();
  expect(((await (await owner.request.get("/api/console/program/export")).json()) as { currency: string }).currency).toBe("CHF");

  // The shop's order in euros is refused, never converted; one of CHF 119.00 earns 119 points.
  const email = uniqueEmail("heidi");
  const customerId = `cust-${email.split("@")[0]}`;
  const inEuros = orderPaid(`evt-eur-${customerId}`, `eur-${customerId}`, customerId, 11_900, email);
  const refused = await postSigned(context.request, "/api/v1/events", JSON.stringify(inEuros));
  expect(refused.status()).toBe(422);
  expect(await refused.json()).toMatchObject({ type: "urn:treue:problem:currency-mismatch" });
  const inFrancs = orderPaid(`evt-chf-${customerId}`, `chf-${customerId}`, customerId, 11_900, email);
  const applied = await postSigned(context.request, "/api/v1/events", JSON.stringify({ ...inFrancs, data: { ...inFrancs.data, currency: "CHF" } }));
  expect(applied.status()).toBe(200);
  const body = (await applied.json()) as { member_id: string; points_delta: number };
  expect(body.points_delta).toBe(119);
  shopper = { email, memberId: body.member_id };
});

test("the shopper's screens say CHF, in German and in English", async ({ browser }) => {
  const { page } = await browserOn(browser);
  await signIn(page, shopper.email, "/");
  await expect(page.getByTestId("to-next-tier")).toHaveText(/^Noch 131,00\sCHF bis Silber$/);
  await expect(page.getByText(/·\s119,00\sCHF$/)).toBeVisible(); // the order in Letzte Aktivität

  await page.goto("/tiers");
  await expect(page.getByText(/^119,00\sCHF in den letzten 12 Monaten$/)).toBeVisible();
  await expect(page.getByText(/^ab 250,00\sCHF$/)).toBeVisible();
  await expect(page.getByText("1,25× Punkte pro Schweizer Franken")).toBeVisible();

  // Money-valued rewards: points into money off, at 100 points a franc.
  await page.goto("/rewards");
  await expect(page.getByRole("link", { name: /Punkte in Rabatt/ })).toContainText(/100 Punkte = 1,00\sCHF/);

  await page.goto("/invite");
  await expect(page.getByTestId("invite-offer")).toContainText(/Deine Freunde bekommen 10,00\sCHF Rabatt auf ihre erste Bestellung ab 50,00\sCHF\./);
  const link = await page.getByTestId("invite-link").inputValue();

  // The invited friend's page and welcome coupon.
  const { page: friend } = await browserOn(browser);
  const friendEmail = uniqueEmail("freundin");
  await friend.goto(link);
  await expect(friend.getByRole("heading", { level: 1 })).toHaveText(/schenkt dir 10,00\sCHF$/);
  await friend.getByLabel("E-Mail-Adresse").fill(friendEmail);
  await friend.getByRole("button", { name: /10,00\sCHF sichern/ }).click();
  await expect(friend.getByRole("heading", { name: "Schau in dein Postfach" })).toBeVisible();
  await openMagicLinkFromMailbox(friend, friendEmail);
  await expect(friend).toHaveURL(/\/wallet$/);
  await expect(friend.getByTestId("active-coupon")).toContainText(/10,00\sCHF Willkommensrabatt/);

  // English puts the sign first: CHF 131.00.
  const { page: english } = await browserOn(browser, "en-US");
  await signIn(english, shopper.email, "/");
  await expect(english.getByTestId("to-next-tier")).toHaveText(/^CHF\s131\.00 to go to Silver$/);
  await english.goto("/tiers");
  await expect(english.getByText("1.25× points per Swiss franc")).toBeVisible();
  await english.goto("/invite");
  await expect(english.getByTestId("invite-offer")).toContainText(/Your friends get CHF\s10\.00 off their first order of CHF\s50\.00 or more\./);
});

test("the console shows and asks for francs", async ({ browser }) => {
  const { page: owner } = await browserOn(browser);
  await signIn(owner, OWNER, "/console");
  await expect(owner.getByRole("link", { name: /^1 Punkt je 1\sCHF$/ })).toBeVisible();

  await owner.goto(`/console/members/${shopper.memberId}`);
  await expect(owner.getByText(/Qualifizierender Umsatz: 119,00\sCHF/)).toBeVisible();
  await expect(owner.getByText(/^Noch 131,00\sCHF bis Silber$/)).toBeVisible();

  await owner.goto("/console/insights");
  await expect(owner.getByTestId("metric-revenue").getByTestId("metric-value")).toHaveText(/CHF$/);

  await owner.goto("/console/program/earning");
  await expect(owner.getByLabel("Punkte je vollem Schweizer Franken")).toBeVisible();
  await expect(owner.getByLabel("Mindestbestellwert (CHF) (optional)", { exact: true })).toBeVisible();
  await owner.getByLabel("Bestellwert (CHF)", { exact: true }).fill("59,90");
  await expect(owner.getByTestId("earn-preview")).toContainText(/Eine Bestellung über 59,90\sCHF bringt/);

  await owner.goto("/console/program/tiers");
  await expect(owner.getByLabel("Ab Umsatz (CHF)").first()).toBeVisible();

  await owner.goto("/console/program/rewards");
  await owner.getByRole("button", { name: "Neue Prämie" }).click();
  const dialog = owner.getByRole("dialog");
  await dialog.getByLabel("Art", { exact: true }).selectOption("points_off");
  await expect(dialog.getByLabel("Rabatt je Schritt (CHF)")).toBeVisible();
  await expect(dialog.getByText(/1,00\sCHF je Schritt, 5,00\sCHF bis 50,00\sCHF/)).toBeVisible();

  await owner.goto("/console/program/settings");
  await expect(owner.getByLabel("Willkommensrabatt für Freund:innen (CHF)")).toHaveValue("10");
  await expect(owner.getByLabel("Ein Punkt ist wert (Rappen)")).toBeVisible();
});
