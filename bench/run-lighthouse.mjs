// Runs Lighthouse on one URL in an already running Chromium and prints a small JSON summary.
// Plain JavaScript run by node: under tsx, esbuild's name helpers leak into the functions
// Lighthouse sends into the page, where they do not exist ("__name is not defined").
import lighthouse from "lighthouse";

const [port, url] = process.argv.slice(2);
const categories = ["performance", "accessibility", "best-practices"];
const result = await lighthouse(url, {
  port: Number(port),
  output: "json",
  logLevel: "error",
  onlyCategories: categories,
});
if (!result) throw new Error(`lighthouse returned nothing for ${url}`);
const { lhr } = result;
// LIGHTHOUSE_SAVE=<dir>: keep each full report, to read what the summary leaves out.
if (process.env.LIGHTHOUSE_SAVE) {
  const { writeFileSync } = await import("node:fs");
  writeFileSync(`${process.env.LIGHTHOUSE_SAVE}/${new URL(url).port}${new URL(url).pathname.replace(/\//g, "_")}.json`, JSON.stringify(lhr));
}
const below = [];
for (const category of categories) {
  for (const ref of lhr.categories[category]?.auditRefs ?? []) {
    const audit = lhr.audits[ref.id];
    if (ref.weight > 0 && audit && audit.score !== null && audit.score < 0.9) below.push(`${category}: ${audit.id} (${audit.displayValue ?? audit.score})`);
  }
}
console.log(
  JSON.stringify({
    finalUrl: lhr.finalDisplayedUrl,
    scores: Object.fromEntries(categories.map((c) => [c, Math.round((lhr.categories[c]?.score ?? 0) * 100)])),
    lcp: lhr.audits["largest-contentful-paint"]?.numericValue,
    tbt: lhr.audits["total-blocking-time"]?.numericValue,
    cls: lhr.audits["cumulative-layout-shift"]?.numericValue,
    // Script as transferred (compressed), everything the page loaded while Lighthouse watched.
    scriptKb: ((lhr.audits["resource-summary"]?.details?.items ?? []).find((i) => i.resourceType === "script")?.transferSize ?? 0) / 1024,
    // Lighthouse's own CPU yardstick for this machine: simulated timings scale with it.
    benchmarkIndex: lhr.environment.benchmarkIndex,
    bootup: (lhr.audits["bootup-time"]?.details?.items ?? []).slice(0, 4).map((i) => `${String(i.url).split("/").pop()} ${Math.round(i.total)} ms`),
    // Each script as transferred, largest first: where the script bytes go.
    scripts: (lhr.audits["network-requests"]?.details?.items ?? [])
      .filter((i) => i.resourceType === "Script")
      .map((i) => ({ file: String(i.url).split("/").pop(), kb: Math.round((i.transferSize ?? 0) / 102.4) / 10 }))
      .sort((a, b) => b.kb - a.kb),
    // Where the LCP time goes: time to first byte, load delay, load time, render delay.
    lcpPhases: [
      ...(lhr.audits["largest-contentful-paint-element"]?.details?.items?.[1]?.items ?? []).map((i) => `${i.phase} ${Math.round(i.timing)}`),
      // What the unthrottled page did: a late LCP here drags the simulated one along.
      ...((observed) => (observed ? [`observed FCP ${Math.round(observed.observedFirstContentfulPaint)}`, `observed LCP ${Math.round(observed.observedLargestContentfulPaint)}`, `observed load ${Math.round(observed.observedLoad)}`] : []))(lhr.audits.metrics?.details?.items?.[0]),
    ].join(", "),
    lcpElement: String(lhr.audits["largest-contentful-paint-element"]?.details?.items?.[0]?.items?.[0]?.node?.snippet ?? "").slice(0, 120),
    below,
    warnings: lhr.runWarnings,
  }),
);
