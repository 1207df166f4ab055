// A production server of its own for a test that needs one besides the shared e2e server (other
// database, other settings, one to kill): `next start` on a port, ready when `readyPath` says so.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

export type NextProcess = {
  base: string;
  process: ChildProcess;
  stop: () => Promise<void>;
  /** What the server logged so far (its last 2 MB): a test can check that something was logged. */
  output: () => string;
};

export async function startNext(port: number, env: Record<string, string>, readyPath = "/api/ready"): Promise<NextProcess> {
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [path.resolve("node_modules/next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NEXTAUTH_URL: base, LOG_LEVEL: "warn", ...env },
  });
  // Read as it comes (an unread pipe would stall the server once full), keeping only the tail.
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-2_000_000);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  };
  for (let i = 0; i < 120; i++) {
    if (await fetch(`${base}${readyPath}`).then((r) => r.ok, () => false)) return { base, process: child, stop, output: () => output };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  child.kill("SIGKILL");
  throw new Error(`next start on ${port} did not become ready`);
}
