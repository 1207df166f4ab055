// The app's log: one JSON line per event on stdout (pino), for whatever collects the container's
// output. Lines about one request carry its id, so a support case's error reference leads to
// everything that request did. LOG_LEVEL sets how much (info by default, debug for more).
import { randomUUID } from "node:crypto";
import pino, { type Logger } from "pino";

export const log: Logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "silent" : "info"),
  base: { service: "treue" },
  // Never in the log: secrets, cookies, shoppers' e-mail addresses.
  redact: { paths: ["*.authorization", "*.cookie", "*.email", "*.secret", "*.password"], censor: "[redacted]" },
});

/** The id a request is known by: the one the load balancer or proxy gave it, else a new one. */
export function requestId(headers: Headers): string {
  const given = headers.get("x-request-id");
  return given && /^[\w.:-]{1,128}$/.test(given) ? given : randomUUID();
}

/** A log for one request: every line names its id. */
export function requestLog(headers: Headers): Logger {
  return log.child({ requestId: requestId(headers) });
}

/** An error as a log field: its message and kind, not its whole object. */
export function errorField(error: unknown): { message: string; name?: string } {
  return error instanceof Error ? { message: error.message, name: error.name } : { message: String(error) };
}
