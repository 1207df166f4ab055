// Prints each signed-in route's first-load JavaScript (gzip), as a shopper's phone downloads it.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { chromium, type Browser } from "@playwright/test";
import { chromiumLaunchOptions } from "../e2e/chromium";
import { demoShopperCookies } from "./demo-session";
import { startNextServer } from "./next-server";

const routes = ["/", "/history", "/rewards", "/tasks", "/invite", "/profile", "/login"];

async function main() {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "treue-bench-"));
  const server = await startNextServer(Number(process.env.BENCH_PORT ?? 3300), { TREUE_DATA_DIR: dataDir, DATABASE_URL: "" });
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch(chromiumLaunchOptions);
    const cookies = await demoShopperCookies(browser, server.base);

    console.log("route          first-load JS (gzip)   files");
    for (const route of routes) {
      const fresh = await browser.newContext({ locale: "de-DE" });
      if (route !== "/login") await fresh.addCookies(cookies);
      const p = await fresh.newPage();
      const scripts: Promise<{ url: string; body: Buffer }>[] = [];
      p.on("response", (response) => {
        if (response.request().resourceType() === "script") scripts.push(response.body().then((body) => ({ url: response.url(), body }), () => ({ url: response.url(), body: Buffer.alloc(0) })));
      });
      await p.goto(`${server.base}${route}`, { waitUntil: "networkidle" });
      const files = (await Promise.all(scripts)).map((s) => ({ name: path.basename(new URL(s.url).pathname), gzip: gzipSync(s.body, { level: 9 }).length }));
      const gzip = files.reduce((sum, f) => sum + f.gzip, 0);
      console.log(`${route.padEnd(14)} ${(gzip / 1024).toFixed(1).padStart(8)} KB${" ".repeat(14)}${files.length}`);
      // BENCH_FILES=1: what each route loads, largest first (to see where the bytes go).
      if (process.env.BENCH_FILES) for (const f of files.sort((a, b) => b.gzip - a.gzip)) console.log(`    ${(f.gzip / 1024).toFixed(1).padStart(6)} KB  ${f.name}`);
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
