// Tells Apple's push service (APNs) that a pass changed, over HTTP/2 with token-based
// authentication. Per Apple ("Adding a Web Service to Update Passes"): one notification per
// registered device, its push token in the path, the Pass Type ID as topic, an empty JSON
// dictionary as payload; the device then asks the web service what changed. Pass updates are
// background pushes (`apns-push-type: background`, which APNs wants at priority 5; reported working
// for pass topics with token auth, e.g. github.com/alexalok/dotAPNS/issues/99). The provider token
// ("Establishing a token-based connection to APNs"): an ES256 JWT with the key id in its header and
// the team id and issue time as claims, refreshed between 20 and 60 minutes: kept for 50 here.
import "server-only";
import http2, { type ClientHttp2Session } from "node:http2";
import { importPKCS8, SignJWT } from "jose";
import type { AppleWalletConfig } from "./settings";

const TOKEN_LIFETIME_MS = 50 * 60_000;
const REQUEST_TIMEOUT_MS = 15_000;
const IDLE_CLOSE_MS = 60_000;

type CachedToken = { key: string; jwt: string; madeAt: number };
let token: CachedToken | null = null;
/** The token being made: parallel pushes that need a new one wait for this one (APNs refuses frequent renewals: 429 TooManyProviderTokenUpdates). */
let making: { key: string; promise: Promise<CachedToken> } | null = null;

async function makeToken(config: AppleWalletConfig, key: string, now: number): Promise<CachedToken> {
  const signingKey = await importPKCS8(config.apnsKey, "ES256");
  const jwt = await new SignJWT({})
    .setProtectedHeader({ alg: "ES256", kid: config.apnsKeyId })
    .setIssuer(config.teamId)
    .setIssuedAt(Math.floor(now / 1000))
    .sign(signingKey);
  return { key, jwt, madeAt: now };
}

/**
 * The provider token, made again after 50 minutes, or when APNs called `refused` expired
 * (ExpiredProviderToken). One token is made at a time: pushes that find it expired together, or
 * that were all refused the same old token, share the one new token.
 */
export async function providerToken(config: AppleWalletConfig, now = Date.now(), refused?: string): Promise<string> {
  const key = `${config.teamId}:${config.apnsKeyId}`;
  const usable = (t: CachedToken | null): t is CachedToken => t !== null && t.key === key && now - t.madeAt < TOKEN_LIFETIME_MS && t.jwt !== refused;
  if (usable(token)) return token.jwt;
  if (making?.key !== key) {
    const current = {
      key,
      promise: makeToken(config, key, now)
        .then((made) => (token = made))
        .finally(() => {
          if (making === current) making = null;
        }),
    };
    making = current;
  }
  return (await making.promise).jwt;
}

const sessions = new Map<string, ClientHttp2Session>();

/** One HTTP/2 connection per APNs address, shared by every push of this process and closed when idle. */
function session(url: string): ClientHttp2Session {
  const open = sessions.get(url);
  if (open && !open.closed && !open.destroyed) return open;
  const created = http2.connect(url);
  const forget = () => {
    if (sessions.get(url) === created) sessions.delete(url);
  };
  created.on("error", forget);
  created.on("close", forget);
  created.on("goaway", forget);
  created.setTimeout(IDLE_CLOSE_MS, () => created.close());
  created.unref();
  sessions.set(url, created);
  return created;
}

/** Closes the open connections (tests; a process that stops). */
export function closeApnsSessions(): void {
  for (const open of sessions.values()) open.close();
  sessions.clear();
}

export type ApnsAnswer = { status: number; reason: string | null; retryAfterSeconds: number | null };

/** One "this pass changed" notification to one device. Throws only when the connection fails. */
export async function sendPassUpdate(config: AppleWalletConfig, pushToken: string, now = Date.now()): Promise<ApnsAnswer> {
  const jwt = await providerToken(config, now);
  const answer = await send(config, pushToken, jwt);
  // A token APNs no longer takes (it counts its age by its own clock): once more with a new one,
  // the same new one for every push that was refused this token.
  if (answer.status === 403 && answer.reason === "ExpiredProviderToken") return send(config, pushToken, await providerToken(config, now, jwt));
  return answer;
}

function send(config: AppleWalletConfig, pushToken: string, jwt: string): Promise<ApnsAnswer> {
  return new Promise((resolve, reject) => {
    const client = session(config.apnsUrl);
    const request = client.request({
      ":method": "POST",
      ":path": `/3/device/${encodeURIComponent(pushToken)}`,
      authorization: `bearer ${jwt}`,
      "apns-topic": config.passTypeId,
      "apns-push-type": "background",
      "apns-priority": "5",
      "content-type": "application/json",
    });
    request.setTimeout(REQUEST_TIMEOUT_MS, () => request.close(http2.constants.NGHTTP2_CANCEL));
    let status = 0;
    let retryAfter: string | null = null;
    const chunks: Buffer[] = [];
    let failure: Error | null = null;
    request.on("response", (headers) => {
      status = Number(headers[":status"] ?? 0);
      const value = headers["retry-after"];
      retryAfter = typeof value === "string" ? value : null;
    });
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    // "close" follows "end", an error and a timeout alike: the one place that answers.
    request.on("close", () => {
      if (status === 0) {
        reject(failure ?? new Error("APNs closed the stream without an answer"));
        return;
      }
      let reason: string | null = null;
      try {
        const parsed = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as { reason?: unknown };
        reason = typeof parsed.reason === "string" ? parsed.reason : null;
      } catch {
        reason = null;
      }
      resolve({ status, reason, retryAfterSeconds: retryAfter && /^\d+$/.test(retryAfter) ? Number(retryAfter) : null });
    });
    request.on("error", (error: Error) => {
      failure = error;
    });
    request.end("{}");
  });
}
