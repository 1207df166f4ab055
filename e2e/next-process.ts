// A production server of its own for a test that needs one besides the shared e2e server (other
// database, other settings, one to kill): `next start` on a port, ready when `readyPath` says so.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

export type NextProcess = { base: string; process: ChildProcess; stop: () => Promise<void> };

export async function startNext(port: number, env: Record<string, string>, readyPath = "/api/ready"): Promise<NextProcess> {
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [path.resolve("node_modules/next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"], {
    stdio: "ignore",
    env: { ...process.env, NEXTAUTH_URL: base, LOG_LEVEL: "warn", ...env },
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  };
  for (let i = 0; i < 120; i++) {
    if (await fetch(`${base}${readyPath}`).then((r) => r.ok, () => false)) return { base, process: child, stop };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  child.kill("SIGKILL");
  throw new Error(`next start on ${port} did not become ready`);
}
