// What every Apple Wallet route does first: 404 unless Apple Wallet is configured, and a limit per
// client address (the device routes need no sign-in, so they are limited like the app's other
// public routes, in the database so every instance counts together).
import "server-only";
import { clientIp } from "../../auth/client-ip";
import { getDb } from "../../db";
import type { Database } from "../../db/connect";
import { hitRateLimit } from "../../db/queries/rate-limits";
import { problem } from "../../shop-api/problem";
import { appleWalletConfig } from "./enabled";
import type { AppleWalletConfig } from "./settings";

/** Requests per client address and minute (a wallet asks a few times per change; a shop's customers may share one address). */
export const APPLE_WALLET_REQUESTS_PER_MINUTE = 300;
/** The log endpoint's own, lower limit per address and minute: a wallet reports a problem now and then, never in a stream. */
export const APPLE_WALLET_LOGS_PER_MINUTE = 20;

/** A route's own limit per client address and minute, counted besides the shared one. */
export type RouteLimit = { name: string; perMinute: number };

function tooMany(retryAfterSeconds: number): Response {
  const answer = problem(429, "rate-limited", "Too many requests", "too many requests from this address in a short time; try again shortly");
  answer.headers.set("retry-after", String(retryAfterSeconds));
  return answer;
}

export async function appleWalletRoute(request: Request, handle: (db: Database, config: AppleWalletConfig) => Promise<Response>, routeLimit?: RouteLimit): Promise<Response> {
  const config = appleWalletConfig();
  if (!config) return problem(404, "not-found", "Not found", "Apple Wallet is not set up on this server");
  const db = await getDb();
  const ip = clientIp(request.headers);
  const limit = await hitRateLimit(db, `apple-wallet:${ip}`, { limit: APPLE_WALLET_REQUESTS_PER_MINUTE, windowSeconds: 60 });
  if (!limit.allowed) return tooMany(limit.retryAfterSeconds);
  if (routeLimit) {
    const own = await hitRateLimit(db, `apple-wallet-${routeLimit.name}:${ip}`, { limit: routeLimit.perMinute, windowSeconds: 60 });
    if (!own.allowed) return tooMany(own.retryAfterSeconds);
  }
  return handle(db, config);
}

/** 401 for the device: a wrong or missing token, or a pass this server does not know. */
export function notAuthorized(): Response {
  return problem(401, "unauthenticated", "Not authorized", "this request needs the pass's authentication token (Authorization: ApplePass <token>)");
}

/** The .pkpass as a download. */
export function pkpassAnswer(body: Buffer, lastModified: Date, filename = "karte.pkpass"): Response {
  return new Response(new Uint8Array(body), {
    status: 200,
    headers: {
      "content-type": "application/vnd.apple.pkpass",
      "content-disposition": `attachment; filename="${filename}"`,
      "last-modified": lastModified.toUTCString(),
      "cache-control": "no-store",
    },
  });
}
