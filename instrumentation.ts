// Runs once when a Next.js server starts, before it answers requests: checks the
// configuration, opens and migrates the database, and seeds the demo shop when asked.
// Anything wrong stops the server with one line instead of failing on the first request.
// Each body sits inside `if (NEXT_RUNTIME === "nodejs")`: the bundler drops the imports from the
// edge build only in that form (after an early return they were bundled for the edge, and
// `next dev` reported Node's modules as missing there).
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startTelemetry } = await import("./lib/observability/telemetry");
    await startTelemetry();
    const { startServer } = await import("./lib/server-start");
    await startServer();
  }
}

/** A request that failed on the server: one log line with its digest (the error screen's reference) and route. */
export async function onRequestError(error: unknown, request: { path: string; method: string; headers: Record<string, string | string[] | undefined> }, context: { routePath: string; routeType: string }) {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { errorField, log } = await import("./lib/log");
    const requestId = request.headers["x-request-id"];
    log.error(
      { err: errorField(error), digest: (error as { digest?: string }).digest, method: request.method, path: request.path, route: context.routePath, kind: context.routeType, requestId },
      "request failed",
    );
  }
}
