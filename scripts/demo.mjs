// README command 1: builds Treue if needed and serves the demo shop on http://localhost:3000
// with the embedded database, a seeded program, a demo shopper and the local mailbox.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const next = path.join(root, "node_modules/next/dist/bin/next");
const dataDir = path.resolve(root, process.env.TREUE_DATA_DIR ?? "data");
const port = process.env.PORT ?? "3000";

// Secrets made once per data directory, so sessions survive a restart of the demo.
mkdirSync(dataDir, { recursive: true });
const secretsFile = path.join(dataDir, "demo-secrets.json");
const secrets = existsSync(secretsFile)
  ? JSON.parse(readFileSync(secretsFile, "utf8"))
  : { authSecret: randomBytes(32).toString("base64url"), shopSecret: `shop_${randomBytes(24).toString("hex")}` };
writeFileSync(secretsFile, JSON.stringify(secrets, null, 2), { mode: 0o600 });

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : statSync(full).mtimeMs);
  }
  return newest;
}

const buildId = path.join(root, ".next/BUILD_ID");
const sources = ["app", "components", "lib", "public"].map((d) => path.join(root, d)).filter(existsSync);
const stale =
  !existsSync(buildId) ||
  Math.max(...sources.map(newestSource), statSync(path.join(root, "next.config.js")).mtimeMs) > statSync(buildId).mtimeMs;
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
if (stale) {
  console.log("treue: building the app (first run takes about a minute) …");
  const build = spawnSync(process.execPath, [next, "build", "--webpack"], { cwd: root, stdio: "inherit", env });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const server = spawn(process.execPath, [next, "start", "-p", port], {
  cwd: root,
  stdio: "inherit",
  env: {
    ...env,
    TREUE_DEMO: "1",
    TREUE_DATA_DIR: dataDir,
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? secrets.authSecret,
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
    TREUE_SHOP_SECRET: process.env.TREUE_SHOP_SECRET ?? secrets.shopSecret,
  },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
