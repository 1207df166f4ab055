import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { expect, type Browser, type BrowserContext, type Page } from "@playwright/test";

/** A fresh address per test run, so runs and projects never share a member. */
export function uniqueEmail(label: string): string {
  return `${label}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;
}

/** Requests a magic link on the sign-in page (the page must be open). */
export async function requestMagicLink(page: Page, email: string) {
  await page.getByLabel(/E-Mail-Adresse|Email address/).fill(email);
  await page.getByRole("button", { name: /Anmeldelink senden|Send sign-in link/ }).click();
}

/** Opens the newest sign-in link sent to `email` from the local mailbox, as a shopper would. */
export async function openMagicLinkFromMailbox(page: Page, email: string) {
  await page.goto(`/dev/mailbox?to=${encodeURIComponent(email)}`);
  const mail = page.getByTestId("mail").first();
  await expect(mail.getByTestId("mail-to")).toHaveText(email.toLowerCase());
  await mail.getByRole("link", { name: /Anmeldelink öffnen|Open sign-in link/ }).click();
}

export async function signIn(page: Page, email: string, path = "/") {
  await page.goto(path);
  await expect(page).toHaveURL(/\/login/);
  await requestMagicLink(page, email);
  await expect(page.getByRole("heading", { name: /Schau in dein Postfach|Check your inbox/ })).toBeVisible();
  await openMagicLinkFromMailbox(page, email);
}

type SessionState = Awaited<ReturnType<BrowserContext["storageState"]>>;

/** Where a demo account's session is kept for the run: a file, so retries (a new worker) find it too. */
function sessionFile(email: string): string {
  return join(process.env.E2E_DATA_DIR!, "e2e-sessions", `${email}.json`);
}

function savedSession(email: string): SessionState | undefined {
  try {
    return JSON.parse(readFileSync(sessionFile(email), "utf8")) as SessionState;
  } catch {
    return undefined; // not signed in yet in this run
  }
}

/**
 * A page of `email` (a demo staff account or shopper several specs share) opened at `path`. Sign-in
 * links are limited to 5 per address and 15 minutes, as for the public, so the account signs in
 * once per run and later pages reuse that session; a session that no longer holds signs in again.
 */
export async function sharedAccountPage(browser: Browser, email: string, path = "/", options: Parameters<Browser["newContext"]>[0] = {}): Promise<Page> {
  const known = savedSession(email);
  const context = await browser.newContext({ locale: "de-DE", ...options, ...(known && { storageState: known }) });
  const page = await context.newPage();
  if (known) {
    await page.goto(path);
    if (!/\/login/.test(page.url())) return page;
  }
  await signIn(page, email, path);
  await expect(page).not.toHaveURL(/\/login/);
  mkdirSync(dirname(sessionFile(email)), { recursive: true });
  writeFileSync(sessionFile(email), JSON.stringify(await context.storageState()));
  return page;
}

/** After this, the service worker controls the page and keeps a copy of what it fetches. */
export async function controlledByWorker(page: Page) {
  await page.evaluate(async () => void (await navigator.serviceWorker.ready));
  await page.reload();
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
}

/** A DevTools session with the ServiceWorker domain on, and the registration id of `scope`. */
export async function serviceWorkerDomain(context: BrowserContext, page: Page, scope: string) {
  const cdp = await context.newCDPSession(page);
  const found = new Promise<string>((resolve) => {
    cdp.on("ServiceWorker.workerRegistrationUpdated", ({ registrations }) => {
      const match = registrations.find((r: { scopeURL: string; isDeleted: boolean }) => r.scopeURL === scope && !r.isDeleted);
      if (match) resolve(match.registrationId);
    });
  });
  await cdp.send("ServiceWorker.enable");
  return { cdp, registrationId: await found };
}
