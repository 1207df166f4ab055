// Starts the production build (`npm run build` first) on a port and waits until it is healthy.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");

export type RunningServer = { base: string; stop: () => Promise<void> };

export async function startNextServer(port: number, env: Record<string, string>): Promise<RunningServer> {
  if (!existsSync(path.join(root, ".next/BUILD_ID"))) throw new Error("no production build; run `npm run build` first");
  const base = `http://127.0.0.1:${port}`;
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
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return { base, stop };
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  await stop();
  throw new Error(`server on port ${port} did not become healthy`);
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
