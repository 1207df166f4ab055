// README command 2 (`npm test`): lint, typecheck, unit, integration (PGlite and PostgreSQL),
// production build and e2e in Chromium. Stops at the first failing step. Lint and typecheck are
// independent and each keeps one core busy, so they run side by side (their output is held back
// and printed one after the other).
import { spawn, spawnSync } from "node:child_process";
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
  [
    { name: "lint", cmd: [bin("eslint"), "--max-warnings=0", "."] },
    { name: "typecheck", cmd: [bin("tsc"), "--noEmit"] },
  ],
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

/** Runs a step with its output as it comes; its exit status. */
function runInline(step) {
  return spawnSync(step.cmd[0], step.cmd.slice(1), { cwd: root, stdio: "inherit", env: { ...env, ...step.env } }).status ?? 1;
}

/** Runs a step with its output held back (steps side by side): its exit status and output. */
function runHeld(step) {
  return new Promise((resolve) => {
    const output = [];
    const child = spawn(step.cmd[0], step.cmd.slice(1), { cwd: root, stdio: ["ignore", "pipe", "pipe"], env: { ...env, ...step.env } });
    child.stdout.on("data", (chunk) => output.push(chunk));
    child.stderr.on("data", (chunk) => output.push(chunk));
    child.on("error", (error) => output.push(Buffer.from(`${error.message}\n`)));
    child.on("close", (code) => resolve({ status: code ?? 1, output: Buffer.concat(output) }));
  });
}

/** Counts a finished step (it ran `ms`); true if it passed. */
function finish(step, status, ms) {
  if (step.report && existsSync(step.report[0])) {
    const c = step.report[1](step.report[0]);
    for (const key of Object.keys(counts)) counts[key] += c[key];
  }
  console.log(`◀ ${step.name}: ${status === 0 ? "ok" : "FAILED"} in ${(ms / 1000).toFixed(1)} s`);
  if (status !== 0 && !step.report) counts.failed += 1;
  return status === 0;
}

let failedStep;
for (const entry of steps) {
  const started = Date.now();
  if (Array.isArray(entry)) {
    // Side by side: each step's output once it is done, in the list's order; all of them finish.
    console.log(`\n▶ ${entry.map((step) => step.name).join(" and ")}, side by side`);
    const runs = entry.map((step) => runHeld(step).then((run) => ({ ...run, ms: Date.now() - started })));
    const failed = [];
    for (const [i, step] of entry.entries()) {
      const run = await runs[i];
      console.log(`\n▶ ${step.name}`);
      process.stdout.write(run.output);
      if (!finish(step, run.status, run.ms)) failed.push(step.name);
    }
    console.log(`◀ ${entry.map((step) => step.name).join(" and ")}: in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    if (failed.length > 0) {
      failedStep = failed.join(", ");
      break;
    }
    continue;
  }
  console.log(`\n▶ ${entry.name}`);
  const status = runInline(entry);
  if (!finish(entry, status, Date.now() - started)) {
    failedStep = entry.name;
    break;
  }
}

if (failedStep) console.log(`\nfailed at: ${failedStep}`);
console.log(`\ntests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
// Not process.exit(): held output written to a pipe could be cut off.
process.exitCode = failedStep ? 1 : 0;
