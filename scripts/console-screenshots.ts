// Screenshots of every console page at desktop (1280x800) and tablet (820x1180) size, signed in
// as the demo owner, for review and the README. Needs a running demo: `npm run demo`, then
// `npx tsx scripts/console-screenshots.ts [base-url] [out-dir]`.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { chromium, type Page } from "@playwright/test";
import { chromiumLaunchOptions } from "../e2e/chromium";

const base = process.argv[2] ?? "http://localhost:3000";
const out = path.resolve(process.argv[3] ?? "docs/screenshots");
const owner = "owner@demo.treue.shop";

async function signIn(page: Page) {
  await page.goto(`${base}/login?callbackUrl=/console`);
  await page.getByLabel(/E-Mail-Adresse|Email address/).fill(owner);
  await page.getByRole("button", { name: /Anmeldelink senden|Send sign-in link/ }).click();
  await page.getByRole("heading", { name: /Schau in dein Postfach|Check your inbox/ }).waitFor();
  await page.goto(`${base}/dev/mailbox?to=${encodeURIComponent(owner)}`);
  await page.getByTestId("mail").first().getByRole("link").first().click();
  await page.waitForURL(/\/console/);
}

async function main() {
  mkdirSync(out, { recursive: true });
  const browser = await chromium.launch(chromiumLaunchOptions);
  const sizes = { desktop: { width: 1280, height: 800 }, tablet: { width: 820, height: 1180 }, phone: { width: 390, height: 844 } };
  for (const [size, viewport] of Object.entries(sizes)) {
    const page = await browser.newPage({ viewport, locale: "de-DE" });
    await signIn(page);
    await page.goto(`${base}/console/members`);
    await page.getByLabel(/Mitglieder suchen|Search members/).fill("anna@");
    const member = await page.getByRole("link", { name: "anna@demo.treue.shop" }).getAttribute("href");
    const pages: [string, string][] = [
      ["overview", "/console"],
      ["insights", "/console/insights?preset=thisYear"],
      ["members", "/console/members"],
      ["member", member!],
      ["moderation", "/console/moderation"],
      ["earning", "/console/program/earning"],
      ["tiers", "/console/program/tiers"],
      ["rewards", "/console/program/rewards"],
      ["tasks", "/console/program/tasks"],
      ["settings", "/console/program/settings"],
      ["document", "/console/program/document"],
      ["conversations", "/console/conversations"],
      ["audit", "/console/audit"],
      ["staff", "/console/staff"],
      ["connections", "/console/connections"],
    ];
    for (const [name, url] of pages) {
      await page.goto(`${base}${url}`);
      if (name === "members") {
        await page.getByLabel(/Mitglieder suchen|Search members/).fill("a");
        await page.getByTestId("member-hit").first().waitFor();
      }
      await page.screenshot({ path: path.join(out, `console-${name}-${size}.png`), fullPage: false });
    }
    await page.close();
  }
  await browser.close();
  console.log(`screenshots in ${out}`);
}

void main();
