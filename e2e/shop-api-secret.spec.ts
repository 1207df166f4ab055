// A shop that talks to the shop API itself, on a server without TREUE_SHOP_SECRET: the owner opens
// Connections, creates the secret there (shown once), sends the signed test event and sees it under
// the deliveries; the shop's backend then signs a real order with that secret and it is applied.
// After a rotation the old secret still works during its grace period. A server of its own, so the
// shared server keeps its configured secret. Desktop only (the console is desktop-first).
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type BrowserContext } from "@playwright/test";
import { signRequest } from "../lib/shop-api/signature";
import { signIn, uniqueEmail } from "./helpers";
import { E2E_PORTS } from "./ports";
import { startNext, type NextProcess } from "./next-process";
import { orderPaid } from "./shop";

// Beside the shared server's port, so parallel runs on other ports do not collide.
const PORT = E2E_PORTS.shopApiSecret;
const OWNER = "owner@demo.treue.shop";

let server: NextProcess;
let dataDir: string;
let context: BrowserContext | undefined;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "treue-shop-secret-"));
  server = await startNext(PORT, {
    TREUE_DEMO: "1",
    TREUE_DATA_DIR: dataDir,
    DATABASE_URL: "",
    NEXTAUTH_SECRET: "shop-secret-e2e-shop-secret-e2e-shop-secret",
    TREUE_SHOP_SECRET: "",
    TREUE_SIGNIN_LIMIT_PER_IP: "1000",
    NEXT_TELEMETRY_DISABLED: "1",
  });
});

test.afterAll(async () => {
  await context?.close();
  await server?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

function postEvent(ctx: BrowserContext, secret: string, event: object) {
  const body = JSON.stringify(event);
  return ctx.request.post(`${server.base}/api/v1/events`, { data: Buffer.from(body), headers: { "content-type": "application/json", ...signRequest(secret, { method: "POST", url: "/api/v1/events", body }) } });
}

test("the owner creates the shop API's secret in Connections, tests it, and the shop's signed order is applied with it", async ({ browser }) => {
  context = await browser.newContext({ baseURL: server.base, locale: "de-DE" });
  const owner = await context.newPage();
  await signIn(owner, OWNER, "/console/connections");
  const card = owner.getByTestId("connection-shop-api");
  await expect(card.getByRole("heading", { name: "Shop-API" })).toBeVisible();
  await expect(card.getByTestId("shop-api-url")).toHaveText(`${server.base}/api/v1/events`);
  await expect(card.getByRole("button", { name: "Adresse kopieren" })).toBeVisible();
  await expect(card.getByTestId("shop-api-secret-state")).toHaveText("Noch kein Secret – die Shop-API lehnt alle Anfragen ab.");
  expect((await postEvent(context, "guessed", { id: "evt-early", type: "test", occurred_at: new Date().toISOString() })).status()).toBe(503);

  // Created here, shown this once in full.
  await card.getByRole("button", { name: "Secret erzeugen" }).click();
  const shown = card.getByTestId("shop-api-new-secret");
  await expect(shown).toContainText("wird nur jetzt angezeigt");
  const secret = (await card.getByTestId("shop-api-secret-value").textContent())!;
  expect(secret).toMatch(/^tshop_[A-Za-z0-9_-]{43}$/);
  await expect(card.getByRole("button", { name: "Secret kopieren" })).toBeVisible();
  await expect(card.getByTestId("shop-api-secret-state")).toContainText(`Gesetzt (endet auf …${secret.slice(-4)})`);
  await expect(card.getByTestId("shop-api-secret-state")).toContainText("Lea Gipfel (Inhaberin)");

  // The signed test event goes over HTTP to this server's own endpoint and is listed.
  await card.getByRole("button", { name: "Signiertes Test-Ereignis senden" }).click();
  await expect(card.getByTestId("shop-api-test-result")).toHaveText(/^Test-Ereignis angenommen \(HTTP 200\), Ereignis test-[0-9a-f-]{36}\. Es verbucht nichts\.$/);
  const testId = /Ereignis (test-[0-9a-f-]{36})/.exec((await card.getByTestId("shop-api-test-result").textContent())!)![1]!;
  const testRow = card.getByTestId("shop-api-delivery").filter({ hasText: testId });
  await expect(testRow).toContainText("Test");

  // The shop's backend signs a real order with that secret: applied, and listed with its points.
  const email = uniqueEmail("shop-api");
  const event = orderPaid(`evt-${Date.now()}`, `order-${Date.now()}`, `cust-${Date.now()}`, 4_900, email);
  const forged = await postEvent(context, "not-the-secret", event);
  expect(forged.status()).toBe(401);
  const applied = await postEvent(context, secret, event);
  expect(applied.status()).toBe(200);
  expect(await applied.json()).toMatchObject({ status: "applied", event_id: event.id, points_delta: 49 });
  await owner.reload();
  const orderRow = card.getByTestId("shop-api-delivery").filter({ hasText: event.id });
  await expect(orderRow).toContainText("verbucht");
  await expect(orderRow).toContainText("49 Punkte");
  await expect(orderRow).toContainText("order.paid");

  // Rotated: the new one is shown once; the old one still works during the grace period, as the card says.
  await expect(card.getByTestId("shop-api-new-secret")).toHaveCount(0); // gone after a reload
  await card.getByRole("button", { name: "Neues Secret erzeugen" }).click();
  await expect(card.getByTestId("shop-api-secret-value")).not.toHaveText(secret);
  const rotated = (await card.getByTestId("shop-api-secret-value").textContent())!;
  await expect(card.getByTestId("shop-api-previous-secret")).toContainText(`Das vorige Secret (endet auf …${secret.slice(-4)}) gilt noch bis`);
  await expect(card.getByText(/das vorige Secret noch 24 Stunden/)).toBeVisible();
  expect((await postEvent(context, rotated, { id: `evt-new-${Date.now()}`, type: "test", occurred_at: new Date().toISOString() })).status()).toBe(200);
  expect((await postEvent(context, secret, { id: `evt-old-${Date.now()}`, type: "test", occurred_at: new Date().toISOString() })).status()).toBe(200);
  // The duplicate of the order is listed as such, and applied nothing again.
  expect(await (await postEvent(context, rotated, event)).json()).toMatchObject({ status: "duplicate", points_delta: 49 });
  await owner.reload();
  await expect(card.getByTestId("shop-api-delivery").filter({ hasText: event.id }).filter({ hasText: "schon verbucht" })).toHaveCount(1);
  // Replayed again and again, the duplicate stays one line that counts.
  for (let i = 0; i < 2; i += 1) expect((await postEvent(context, rotated, event)).status()).toBe(200);
  // An id reserved for the platform connectors is refused, and listed with the reason.
  const reserved = await postEvent(context, rotated, { id: `shopify:order:${Date.now()}:paid`, type: "test", occurred_at: new Date().toISOString() });
  expect(reserved.status()).toBe(422);
  expect(await reserved.json()).toMatchObject({ type: "urn:treue:problem:reserved-event-id" });
  await owner.reload();
  const duplicates = card.getByTestId("shop-api-delivery").filter({ hasText: event.id }).filter({ hasText: "schon verbucht" });
  await expect(duplicates).toHaveCount(1);
  await expect(duplicates).toContainText("(3-mal, zuletzt zur angegebenen Zeit)");
  await expect(card.getByTestId("shop-api-delivery").filter({ hasText: "shopify:order:" }).locator("bdi")).toContainText("reserved for the events of Treue's platform connectors");
});
