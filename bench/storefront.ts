// What Treue's script costs a shop's product page: embed.js as a shop's visitor downloads it
// (gzip), and Lighthouse (mobile defaults, median of a few interleaved runs) on a sample product
// page served from another origin, once without and once with `<script src=…/embed.js async>`
// and `<treue-points>` (the launcher button comes with it). Goals (issue 31): embed.js at most 12 KB gzip before any panel opens; the
// page with it within 1 performance point, CLS unchanged, TBT at most +30 ms. Needs `npm run build`.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import * as chromeLauncher from "chrome-launcher";
import { chromiumLaunchOptions } from "../e2e/chromium";
import { startNextServer } from "./next-server";

const RUNS = Number(process.env.LIGHTHOUSE_RUNS ?? 3);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
type Summary = { scores: { performance: number }; tbt: number; cls: number; lcp: number };

/** A plain product page as a shop might serve it: a picture, a title, a price, a button. */
function productPage(treue: string | null): string {
  return `<!doctype html><html lang="de"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Zelt Duo – Gipfelglück Outdoor</title>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1c1917}main{max-width:40rem;margin:0 auto;padding:1rem}
.pic{aspect-ratio:4/3;background:linear-gradient(135deg,#14532d,#65a30d);border-radius:1rem}h1{font-size:1.75rem;margin:1rem 0 .25rem}
.price{font-size:1.25rem;font-weight:700}button{font:inherit;padding:.75rem 1.5rem;border-radius:.75rem;border:0;background:#14532d;color:#fff}
treue-points:not(:defined){display:block;min-height:1.5em}</style>
${treue ? `<script src="${treue}/embed.js" async></script>` : ""}</head>
<body><main><div class="pic" role="img" aria-label="Zelt Duo"></div><h1>Zelt Duo</h1><p class="price">119,00 €</p>
${treue ? `<treue-points price="11900" currency="EUR" category="tents"></treue-points>` : ""}
<p>Leichtes Zwei-Personen-Zelt für Touren im Gebirge, 2,1 kg, in drei Minuten aufgebaut.</p><button type="button">In den Warenkorb</button></main></body></html>`;
}

async function main() {
  const shop = createServer((request, response) => {
    const treue = request.url?.startsWith("/with") ? process.env.BENCH_TREUE_BASE! : null;
    response.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
    response.end(productPage(treue));
  });
  await new Promise<void>((resolve) => shop.listen(0, "127.0.0.1", resolve));
  const shopOrigin = `http://localhost:${(shop.address() as AddressInfo).port}`;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "treue-storefront-bench-"));
  const server = await startNextServer(Number(process.env.BENCH_PORT ?? 3410), { TREUE_DATA_DIR: dataDir, DATABASE_URL: "", TREUE_STOREFRONT_ORIGINS: shopOrigin });
  process.env.BENCH_TREUE_BASE = server.base;
  let chrome: chromeLauncher.LaunchedChrome | undefined;
  try {
    const script = Buffer.from(await (await fetch(`${server.base}/embed.js`)).arrayBuffer());
    const gz = gzipSync(script, { level: 9 }).length;
    console.log(`embed.js (with the launcher button and <treue-points>): ${script.length} bytes, ${(gz / 1024).toFixed(1)} KB gzip (goal at most 12 KB)`);
    const panel = Buffer.from(await (await fetch(`${server.base}/embed/panel.js`)).arrayBuffer());
    console.log(`panel.js (loaded on the launcher's first tap only): ${panel.length} bytes, ${(gzipSync(panel, { level: 9 }).length / 1024).toFixed(1)} KB gzip`);

    chrome = await chromeLauncher.launch({ chromePath: chromiumLaunchOptions.executablePath, chromeFlags: ["--headless=new", ...chromiumLaunchOptions.args] });
    const targets = [
      { label: "product page without Treue", url: `${shopOrigin}/without` },
      { label: "product page with embed.js, launcher, <treue-points>", url: `${shopOrigin}/with` },
    ];
    const runs = new Map<string, Summary[]>(targets.map((t) => [t.label, []]));
    for (let round = 0; round < RUNS; round++) {
      for (const target of targets) {
        const { stdout } = await promisify(execFile)(process.execPath, [path.join(import.meta.dirname, "run-lighthouse.mjs"), String(chrome.port), target.url], { maxBuffer: 16 * 1024 * 1024 });
        runs.get(target.label)!.push(JSON.parse(stdout.trim().split("\n").pop()!) as Summary);
      }
    }
    const m = (label: string, pick: (s: Summary) => number) => median(runs.get(label)!.map(pick));
    const [without, withTreue] = targets.map((t) => t.label) as [string, string];
    console.log(`Lighthouse, mobile, median of ${RUNS} (interleaved)          perf   TBT ms   CLS     LCP ms`);
    for (const label of [without, withTreue]) {
      console.log(`${label.padEnd(55)}${String(m(label, (s) => s.scores.performance)).padStart(5)}${m(label, (s) => s.tbt).toFixed(0).padStart(9)}${m(label, (s) => s.cls).toFixed(3).padStart(8)}${m(label, (s) => s.lcp).toFixed(0).padStart(10)}`);
    }
    const dPerf = m(withTreue, (s) => s.scores.performance) - m(without, (s) => s.scores.performance);
    const dTbt = m(withTreue, (s) => s.tbt) - m(without, (s) => s.tbt);
    const dCls = m(withTreue, (s) => s.cls) - m(without, (s) => s.cls);
    const met = gz <= 12 * 1024 && dPerf >= -1 && dTbt <= 30 && Math.abs(dCls) < 0.001;
    console.log(`with Treue: Δperf ${dPerf}, ΔTBT ${dTbt.toFixed(0)} ms, ΔCLS ${dCls.toFixed(3)} (goal ≥ -1, ≤ +30 ms, 0): ${met ? "met" : "missed"}`);
  } finally {
    chrome?.kill();
    await server.stop();
    await new Promise<void>((resolve) => shop.close(() => resolve()));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
