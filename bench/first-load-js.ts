// Prints each signed-in route's first-load JavaScript (gzip), as a shopper's phone downloads it.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { chromium, type Browser } from "@playwright/test";
import { chromiumLaunchOptions } from "../e2e/chromium";
import { startNextServer } from "./next-server";

const routes = ["/", "/history", "/rewards", "/tasks", "/invite", "/profile", "/login"];

async function main() {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "treue-bench-"));
  const server = await startNextServer(Number(process.env.BENCH_PORT ?? 3300), { TREUE_DATA_DIR: dataDir, DATABASE_URL: "" });
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch(chromiumLaunchOptions);
    const context = await browser.newContext({ locale: "de-DE" });
    const page = await context.newPage();

    // Sign in as the demo shopper through the mailbox, like a person would.
    await page.goto(`${server.base}/login`);
    await page.getByLabel("E-Mail-Adresse").fill("anna@demo.treue.shop");
    await page.getByRole("button", { name: "Anmeldelink senden" }).click();
    await page.getByRole("heading", { name: "Schau in dein Postfach" }).waitFor();
    await page.goto(`${server.base}/dev/mailbox?to=anna@demo.treue.shop`);
    await page.getByRole("link", { name: "Anmeldelink öffnen" }).first().click();
    await page.getByTestId("balance").waitFor();
    const cookies = await context.cookies();

    console.log("route          first-load JS (gzip)   files");
    for (const route of routes) {
      const fresh = await browser.newContext({ locale: "de-DE" });
      if (route !== "/login") await fresh.addCookies(cookies);
      const p = await fresh.newPage();
      const scripts: Promise<Buffer>[] = [];
      p.on("response", (response) => {
        if (response.request().resourceType() === "script") scripts.push(response.body().catch(() => Buffer.alloc(0)));
      });
      await p.goto(`${server.base}${route}`, { waitUntil: "networkidle" });
      const bodies = await Promise.all(scripts);
      const gzip = bodies.reduce((sum, body) => sum + gzipSync(body, { level: 9 }).length, 0);
      console.log(`${route.padEnd(14)} ${(gzip / 1024).toFixed(1).padStart(8)} KB${" ".repeat(14)}${bodies.length}`);
      await fresh.close();
    }
  } finally {
    await browser?.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
