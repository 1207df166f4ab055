// Starts the production build (`npm run build` first) on a port and waits until it is healthy.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");

/** `pid`: the server's process (it serves in that process, under the title next-server). */
export type RunningServer = { base: string; pid: number | undefined; stop: () => Promise<void> };

export async function startNextServer(port: number, env: Record<string, string>): Promise<RunningServer> {
  if (!existsSync(path.join(root, ".next/BUILD_ID"))) throw new Error("no production build; run `npm run build` first");
  const base = `http://127.0.0.1:${port}`;
  // Another bench's server on this port would answer the health check instead, and be measured.
  if (await answers(base)) throw new Error(`port ${port} is taken by another server; set BENCH_PORT to another one`);
  // BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server while a bench runs.
  const nodeArgs = process.env.BENCH_NODE_ARGS?.split(" ").filter(Boolean) ?? [];
  const server = spawn(process.execPath, [...nodeArgs, path.join(root, "node_modules/next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: root,
    stdio: "ignore",
    env: {
      ...process.env,
      NEXTAUTH_URL: base,
      NEXTAUTH_SECRET: "bench-secret-bench-secret-bench-secret",
      TREUE_DEMO: "1",
      NEXT_TELEMETRY_DISABLED: "1",
      ...env,
    },
  });
  const stop = stopper(server);
  for (let i = 0; i < 120 && server.exitCode === null; i++) {
    if (await answers(base)) return { base, pid: server.pid, stop };
    await new Promise((r) => setTimeout(r, 500));
  }
  await stop();
  throw new Error(`server on port ${port} did not become healthy`);
}

async function answers(base: string): Promise<boolean> {
  try {
    return (await fetch(`${base}/api/health`)).ok;
  } catch {
    return false;
  }
}

/**
 * Stops a server process: Next shuts down gracefully on SIGTERM; one still running after 3 s is
 * killed, so no server outlives its bench and holds the port for the next one.
 */
export function stopper(server: ChildProcess): () => Promise<void> {
  const exited = new Promise<void>((resolve) => server.once("exit", () => resolve()));
  return async () => {
    server.kill("SIGTERM");
    const timer = new Promise<"late">((resolve) => setTimeout(() => resolve("late"), 3_000));
    if ((await Promise.race([exited, timer])) === "late") {
      server.kill("SIGKILL");
      await exited;
    }
  };
}
