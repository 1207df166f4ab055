// The floor the shopper app is measured against: a bare Next.js page built from this project's
// own node_modules (same Next, same React), with about as much text as a screen, no data, no
// styles. Built once into a temporary directory and served by `next start` like the app.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { stopper } from "./next-server";

const root = path.resolve(import.meta.dirname, "..");
const nextBin = path.join(root, "node_modules/next/dist/bin/next");

const files: Record<string, string> = {
  "package.json": JSON.stringify({ private: true, name: "bare-next" }),
  "next.config.js": "module.exports = {};\n",
  "app/layout.jsx": `export const metadata = { title: "Bare" };
export default function Layout({ children }) {
  return (<html lang="de"><body style={{ fontFamily: "system-ui", margin: "1rem" }}>{children}</body></html>);
}
`,
  // Without an icon the browser's request for /favicon.ico fails and costs best practices.
  "app/icon.svg": '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><circle cx="8" cy="8" r="8" fill="#136441"/></svg>',
  "app/page.jsx": `export const dynamic = "force-dynamic";
export default function Page() {
  return (
    <main>
      <h1>Hallo, Anna!</h1>
      <p>Dein Punktestand: 825 Punkte. Gültig bis 25. November 2027.</p>
      <p>Noch 120 € bis Gold. Sammle weiter Punkte mit jeder Bestellung.</p>
    </main>
  );
}
`,
};

export type BareNext = { base: string; stop: () => Promise<void> };

/** `extra`: more files of the app (routes a bench needs) and the server's environment. */
export async function startBareNext(port: number, extra: { files?: Record<string, string>; env?: Record<string, string> } = {}): Promise<BareNext & { pid: number | undefined }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "treue-bare-next-"));
  for (const [name, text] of Object.entries({ ...files, ...extra.files })) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  symlinkSync(path.join(root, "node_modules"), path.join(dir, "node_modules"), "dir");
  const build = spawnSync(process.execPath, [nextBin, "build", "--webpack"], { cwd: dir, encoding: "utf8", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (build.status !== 0) throw new Error(`bare Next.js build failed: ${build.stderr || build.stdout}`);
  const server = spawn(process.execPath, [nextBin, "start", "-p", String(port), "-H", "127.0.0.1"], { cwd: dir, stdio: "ignore", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...extra.env } });
  const base = `http://127.0.0.1:${port}`;
  const stopServer = stopper(server);
  const stop = async () => {
    await stopServer();
    rmSync(dir, { recursive: true, force: true });
  };
  for (let i = 0; i < 60; i++) {
    try {
      if ((await fetch(base)).ok) return { base, pid: server.pid, stop };
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  await stop();
  throw new Error("the bare Next.js page did not come up");
}
