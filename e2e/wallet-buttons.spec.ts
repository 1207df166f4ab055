// The wallet card's buttons, on a server of its own with Google Wallet configured (the shared
// server has no wallet, as a shop without one): Home offers the card beside the shopper's own
// cards, Profile shows the button under the loyalty card, and a tap goes to Google's save page with
// a signed link for this shopper's card; after that Home stops offering it. Google's API is
// unreachable here, so the link carries the whole card (the route's documented fallback).
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";
import { E2E_PORTS } from "./ports";
import { startNext, type NextProcess } from "./next-process";

const PORT = E2E_PORTS.walletButtons;
const ISSUER = "3388000000012345678";

let server: NextProcess;
let dataDir: string;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "treue-wallet-"));
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const account = path.join(dataDir, "service-account.json");
  // A closed port stands in for Google: the save route then signs the whole card into the link.
  writeFileSync(account, JSON.stringify({ type: "service_account", client_email: "treue@example-shop.iam.gserviceaccount.com", private_key: privateKey.export({ type: "pkcs8", format: "pem" }), token_uri: "http://127.0.0.1:9/token" }));
  server = await startNext(PORT, {
    TREUE_DEMO: "1",
    TREUE_DATA_DIR: dataDir,
    DATABASE_URL: "",
    NEXTAUTH_SECRET: "wallet-secret-wallet-secret-wallet-42",
    TREUE_SIGNIN_LIMIT_PER_IP: "1000",
    NEXT_TELEMETRY_DISABLED: "1",
    TREUE_GOOGLE_WALLET_ISSUER_ID: ISSUER,
    TREUE_GOOGLE_WALLET_SERVICE_ACCOUNT: account,
    TREUE_GOOGLE_WALLET_API_BASE: "http://127.0.0.1:9/walletobjects/v1",
    TREUE_GOOGLE_WALLET_TOKEN_URL: "http://127.0.0.1:9/token",
  });
});

test.afterAll(async () => {
  await server?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test("Home and Profile offer the card in Google Wallet, and a tap saves this shopper's card", async ({ browser }) => {
  const context = await browser.newContext({ baseURL: server.base, locale: "de-DE" });
  const page = await context.newPage();
  await signIn(page, "anna@demo.treue.shop");
  await expect(page.getByRole("heading", { name: /Hallo, Anna/ })).toBeVisible();

  const offer = page.getByRole("region", { name: "Deine Karte fürs Handy" });
  await expect(offer.getByRole("link", { name: "Zu Google Wallet hinzufügen" })).toBeVisible();
  // Only the shop's configured platform: no Apple button.
  await expect(page.getByRole("link", { name: "Zu Apple Wallet hinzufügen" })).toHaveCount(0);
  // Every card on Home speaks in words, none in catalogue keys.
  await expect(page.locator("main")).not.toContainText(/\b(walletPass|tiers|home)\.[a-zA-Z]+/);

  await page.goto("/profile");
  const card = page.getByTestId("member-card");
  const number = (await card.getByTestId("member-number").innerText()).replace(/\s/g, "");
  expect(number).toMatch(/^[0-9]{10}$/);

  let saveUrl = "";
  await page.route("https://pay.google.com/**", async (route) => {
    saveUrl = route.request().url();
    await route.fulfill({ status: 200, contentType: "text/html", body: "<h1>Google Wallet</h1>" });
  });
  await card.getByRole("link", { name: "Zu Google Wallet hinzufügen" }).click();
  await expect(page.getByRole("heading", { name: "Google Wallet" })).toBeVisible();
  expect(saveUrl).toMatch(/^https:\/\/pay\.google\.com\/gp\/v\/save\/[\w-]+\.[\w-]+\.[\w-]+$/);
  const payload = JSON.parse(Buffer.from(saveUrl.split("/").pop()!.split(".")[1]!, "base64url").toString("utf8"));
  expect(payload).toMatchObject({ aud: "google", typ: "savetowallet", iss: "treue@example-shop.iam.gserviceaccount.com", origins: [server.base] });
  const object = payload.payload.loyaltyObjects[0];
  expect(object.id).toMatch(new RegExp(`^${ISSUER}\\.`));
  expect(object.barcode.value).toBe(number);
  expect(object.accountName).toBe("Anna Berg");

  // Asked for once, the card is no longer offered on Home (Profile keeps the button).
  await page.goto("/");
  await expect(page.getByRole("heading", { name: /Hallo, Anna/ })).toBeVisible();
  await expect(page.getByRole("region", { name: "Deine Karte fürs Handy" })).toHaveCount(0);
  await context.close();
});
