// README command 2 (`npm test`): lint, typecheck, unit, integration (PGlite and PostgreSQL),
// production build and e2e in Chromium. Stops at the first failing step.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const bin = (name) => path.join(root, "node_modules/.bin", name);
const reports = mkdtempSync(path.join(os.tmpdir(), "treue-test-"));
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const counts = { passed: 0, failed: 0, skipped: 0 };

function vitestCounts(file) {
  const r = JSON.parse(readFileSync(file, "utf8"));
  return { passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests + r.numTodoTests };
}
function playwrightCounts(file) {
  const s = JSON.parse(readFileSync(file, "utf8")).stats;
  return { passed: s.expected + s.flaky, failed: s.unexpected, skipped: s.skipped };
}

// CI (.ci/run) also builds the container image and smoke-runs it (scripts/ci-image.sh, which needs
// root, podman and buildah). Its run stage takes this run's build, which is then Next's
// self-contained server as well (BUILD_STANDALONE=1): one build for the e2e tests and the image.
const imageCheck = process.env.TREUE_IMAGE_CHECK === "1";

const steps = [
  { name: "lint", cmd: [bin("eslint"), "--max-warnings=0", "."] },
  { name: "typecheck", cmd: [bin("tsc"), "--noEmit"] },
  {
    name: "unit + integration (PGlite and PostgreSQL)",
    cmd: [bin("vitest"), "run", "--reporter=default", "--reporter=json", `--outputFile.json=${reports}/vitest.json`],
    report: [`${reports}/vitest.json`, vitestCounts],
  },
  { name: "build", cmd: [process.execPath, path.join(root, "node_modules/next/dist/bin/next"), "build", "--webpack"], env: imageCheck ? { BUILD_STANDALONE: "1" } : {} },
  {
    name: "e2e (Chromium, phone and desktop)",
    cmd: [bin("playwright"), "test", "--reporter=list,json"],
    env: { PLAYWRIGHT_JSON_OUTPUT_NAME: `${reports}/playwright.json` },
    report: [`${reports}/playwright.json`, playwrightCounts],
  },
  ...(imageCheck ? [{ name: "container image (build and smoke run)", cmd: ["bash", path.join(root, "scripts/ci-image.sh")] }] : []),
];

let failedStep;
for (const step of steps) {
  const started = Date.now();
  console.log(`\n▶ ${step.name}`);
  const run = spawnSync(step.cmd[0], step.cmd.slice(1), { cwd: root, stdio: "inherit", env: { ...env, ...step.env } });
  if (step.report && existsSync(step.report[0])) {
    const c = step.report[1](step.report[0]);
    for (const key of Object.keys(counts)) counts[key] += c[key];
  }
  console.log(`◀ ${step.name}: ${run.status === 0 ? "ok" : "FAILED"} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (run.status !== 0) {
    failedStep = step.name;
    if (!step.report) counts.failed += 1;
    break;
  }
}

if (failedStep) console.log(`\nfailed at: ${failedStep}`);
console.log(`\ntests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
process.exit(failedStep ? 1 : 0);
