// Tells Apple's push service (APNs) that a pass changed, over HTTP/2. Per Apple ("Adding a Web
// Service to Update Passes"): one notification per registered device, its push token in the path,
// the Pass Type ID as topic, an empty JSON dictionary as payload; the device then asks the web
// service what changed. Pass updates are background pushes (`apns-push-type: background`, which
// APNs wants at priority 5).
//
// Two ways to prove who sends them (AppleWalletConfig.apnsAuth):
// - certificate (the default): the Pass Type ID certificate and its key, the ones that sign the
//   pass, are the TLS client certificate of the connection: the way Apple's Wallet documentation
//   has pass pushes sent (Wallet Developer Guide, "Updating a Pass"; in short: authenticate to APNs
//   with the Pass Type ID certificate and key, not with an app's push certificate). Per
//   "Establishing a certificate-based connection to APNs" (developer.apple.com/documentation/
//   usernotifications), trust is established by the connection, so its requests carry no
//   authentication token.
// - token: an APNs auth key; the provider token ("Establishing a token-based connection to APNs")
//   is an ES256 JWT with the key id in its header and the team id and issue time as claims,
//   refreshed between 20 and 60 minutes: kept for 50 here. Not what the Wallet documentation
//   describes, but reported working for pass topics (e.g. github.com/alexalok/dotAPNS/issues/99).
import "server-only";
import { createHash } from "node:crypto";
import http2, { type ClientHttp2Session, type SecureClientSessionOptions } from "node:http2";
import { importPKCS8, SignJWT } from "jose";
import type { ApnsAuth, AppleWalletConfig } from "./settings";

type TokenAuth = Extract<ApnsAuth, { method: "token" }>;

export type ApnsClientOptions = {
  /**
   * Certificate authorities (PEM) to trust for the APNs server's certificate instead of the usual
   * ones: for tests only (a local APNs whose certificate a test CA issued). Never set by the app.
   */
  ca?: string;
};

const TOKEN_LIFETIME_MS = 50 * 60_000;
const REQUEST_TIMEOUT_MS = 15_000;
const IDLE_CLOSE_MS = 60_000;

type CachedToken = { key: string; jwt: string; madeAt: number };
let token: CachedToken | null = null;
/** The token being made: parallel pushes that need a new one wait for this one (APNs refuses frequent renewals: 429 TooManyProviderTokenUpdates). */
let making: { key: string; promise: Promise<CachedToken> } | null = null;

async function makeToken(teamId: string, auth: TokenAuth, key: string, now: number): Promise<CachedToken> {
  const signingKey = await importPKCS8(auth.key, "ES256");
  const jwt = await new SignJWT({})
    .setProtectedHeader({ alg: "ES256", kid: auth.keyId })
    .setIssuer(teamId)
    .setIssuedAt(Math.floor(now / 1000))
    .sign(signingKey);
  return { key, jwt, madeAt: now };
}

/**
 * The provider token, made again after 50 minutes, or when APNs called `refused` expired
 * (ExpiredProviderToken). One token is made at a time: pushes that find it expired together, or
 * that were all refused the same old token, share the one new token.
 */
export async function providerToken(teamId: string, auth: TokenAuth, now = Date.now(), refused?: string): Promise<string> {
  const key = `${teamId}:${auth.keyId}`;
  const usable = (t: CachedToken | null): t is CachedToken => t !== null && t.key === key && now - t.madeAt < TOKEN_LIFETIME_MS && t.jwt !== refused;
  if (usable(token)) return token.jwt;
  if (making?.key !== key) {
    const current = {
      key,
      promise: makeToken(teamId, auth, key, now)
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

/**
 * One HTTP/2 connection per APNs address and credential, shared by every push of this process and
 * closed when idle. With the pass certificate, the connection itself carries the credential (TLS
 * client certificate; the key was decrypted at start-up, so no passphrase here): a new
 * certificate, or a switch to token auth, opens a new connection.
 */
function session(config: AppleWalletConfig, options: ApnsClientOptions): ClientHttp2Session {
  const byCertificate = config.apnsAuth.method === "certificate";
  const id = createHash("sha256")
    .update([config.apnsUrl, config.apnsAuth.method, byCertificate ? config.signerCert : "", options.ca ?? ""].join("\0"))
    .digest("hex");
  const open = sessions.get(id);
  if (open && !open.closed && !open.destroyed) return open;
  const tls: SecureClientSessionOptions = {
    ...(byCertificate ? { cert: config.signerCert, key: config.signerKey } : {}),
    ...(options.ca ? { ca: options.ca } : {}),
  };
  const created = http2.connect(config.apnsUrl, tls);
  const forget = () => {
    if (sessions.get(id) === created) sessions.delete(id);
  };
  created.on("error", forget);
  created.on("close", forget);
  created.on("goaway", forget);
  created.setTimeout(IDLE_CLOSE_MS, () => created.close());
  created.unref();
  sessions.set(id, created);
  return created;
}

/** Closes the open connections (tests; a process that stops). */
export function closeApnsSessions(): void {
  for (const open of sessions.values()) open.close();
  sessions.clear();
}

export type ApnsAnswer = { status: number; reason: string | null; retryAfterSeconds: number | null };

/** One "this pass changed" notification to one device. Throws only when the connection fails. */
export async function sendPassUpdate(config: AppleWalletConfig, pushToken: string, now = Date.now(), options: ApnsClientOptions = {}): Promise<ApnsAnswer> {
  const auth = config.apnsAuth;
  if (auth.method === "certificate") return send(config, options, pushToken, null);
  const jwt = await providerToken(config.teamId, auth, now);
  const answer = await send(config, options, pushToken, jwt);
  // A token APNs no longer takes (it counts its age by its own clock): once more with a new one,
  // the same new one for every push that was refused this token.
  if (answer.status === 403 && answer.reason === "ExpiredProviderToken") return send(config, options, pushToken, await providerToken(config.teamId, auth, now, jwt));
  return answer;
}

/** `jwt` null: the connection's client certificate authenticates, and no authorization header goes. */
function send(config: AppleWalletConfig, options: ApnsClientOptions, pushToken: string, jwt: string | null): Promise<ApnsAnswer> {
  return new Promise((resolve, reject) => {
    const client = session(config, options);
    const request = client.request({
      ":method": "POST",
      ":path": `/3/device/${encodeURIComponent(pushToken)}`,
      ...(jwt === null ? {} : { authorization: `bearer ${jwt}` }),
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
