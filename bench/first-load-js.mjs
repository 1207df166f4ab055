// Prints each signed-in route's first-load JavaScript (gzip), as a shopper's phone downloads it.
// Runs the production build (`npm run build` first) with the demo shop on a throwaway data dir.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { chromium } from "@playwright/test";

const root = path.resolve(import.meta.dirname, "..");
const port = Number(process.env.BENCH_PORT ?? 3300);
const base = `http://127.0.0.1:${port}`;
const routes = ["/", "/rewards", "/tasks", "/invite", "/profile", "/login"];
const dataDir = mkdtempSync(path.join(os.tmpdir(), "treue-bench-"));

if (!existsSync(path.join(root, ".next/BUILD_ID"))) {
  console.error("bench: no production build; run `npm run build` first");
  process.exit(1);
}

const server = spawn(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"], {
  cwd: root,
  stdio: "ignore",
  env: {
    ...process.env,
    TREUE_DEMO: "1",
    TREUE_DATA_DIR: dataDir,
    NEXTAUTH_URL: base,
    NEXTAUTH_SECRET: "bench-secret-bench-secret-bench-secret",
    DATABASE_URL: "",
    NEXT_TELEMETRY_DISABLED: "1",
  },
});

async function waitForHealth() {
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("server did not become healthy");
}

const executablePath = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find(existsSync);
let browser;
try {
  await waitForHealth();
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? executablePath,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  const context = await browser.newContext({ locale: "de-DE" });
  const page = await context.newPage();

  // Sign in as the demo shopper through the mailbox, like a person would.
  await page.goto(`${base}/login`);
  await page.getByLabel("E-Mail-Adresse").fill("anna@demo.treue.shop");
  await page.getByRole("button", { name: "Anmeldelink senden" }).click();
  await page.getByRole("heading", { name: "Schau in dein Postfach" }).waitFor();
  await page.goto(`${base}/dev/mailbox?to=anna@demo.treue.shop`);
  await page.getByRole("link", { name: "Anmeldelink öffnen" }).first().click();
  await page.getByTestId("balance").waitFor();
  const cookies = await context.cookies();

  console.log("route          first-load JS (gzip)   files");
  for (const route of routes) {
    const fresh = await browser.newContext({ locale: "de-DE" });
    if (route !== "/login") await fresh.addCookies(cookies);
    const p = await fresh.newPage();
    const scripts = [];
    p.on("response", (response) => {
      if (response.request().resourceType() === "script") scripts.push(response.body().catch(() => Buffer.alloc(0)));
    });
    await p.goto(`${base}${route}`, { waitUntil: "networkidle" });
    const bodies = await Promise.all(scripts);
    const gzip = bodies.reduce((sum, body) => sum + gzipSync(body, { level: 9 }).length, 0);
    console.log(`${route.padEnd(14)} ${(gzip / 1024).toFixed(1).padStart(8)} KB${" ".repeat(14)}${bodies.length}`);
    await fresh.close();
  }
} finally {
  await browser?.close();
  server.kill("SIGTERM");
  rmSync(dataDir, { recursive: true, force: true });
}
