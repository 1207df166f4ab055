// The shop API's request signatures (docs/api.md), each an HMAC-SHA256 under the shared secret
// with the timestamp within five minutes of our clock (replay window):
// - v2 (every endpoint): `v2=` + hex HMAC of "{timestamp}\n{METHOD}\n{path}\n{canonical query}\n{raw body}",
//   so a captured signature is good for that one method, path, query and body only;
// - v1 (POST /api/v1/events only, whose body names the event): `v1=` + hex HMAC of "{timestamp}.{raw body}".
import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_TOLERANCE_SECONDS = 300;

export type SignatureCheck =
  | { ok: true; version: "v1" | "v2" }
  | { ok: false; reason: "missing" | "malformed" | "v1-not-accepted" | "stale" | "mismatch" };

/** What a v2 signature covers besides the timestamp. `query` is the query string without "?" (or its parsed pairs). */
export type SignedParts = { method: string; path: string; query: string | URLSearchParams; body: string };

const hmacHex = (secret: string, text: string) => createHmac("sha256", secret).update(text, "utf8").digest("hex");

/** RFC 3986 percent-encoding of UTF-8: everything but A-Z a-z 0-9 - . _ ~, upper-case hex. */
function encodeStrict(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * The query as v2 signs it: its name/value pairs as a form-encoded query is read (`+` is a space,
 * percent-escapes decoded as UTF-8, a pair without "=" has the empty value, empty pieces between
 * "&" dropped), each name and value encoded by RFC 3986, joined as name=value, sorted by name in
 * byte order (pairs of one name keep their order) and joined with "&". Empty without a query.
 * Servers and proxies may re-serialise a query (Next.js does); its pairs and their meaning survive.
 */
export function canonicalQuery(query: string | URLSearchParams): string {
  const params = typeof query === "string" ? new URLSearchParams(query) : query;
  const pairs = [...params].map(([name, value]) => [encodeStrict(name), encodeStrict(value)] as const);
  // Array.prototype.sort is stable; the encoded names are ASCII, so code units are bytes.
  pairs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return pairs.map(([name, value]) => `${name}=${value}`).join("&");
}

/** The exact text a v2 signature is the HMAC of. */
export function signingStringV2(timestamp: string, parts: SignedParts): string {
  return `${timestamp}\n${parts.method.toUpperCase()}\n${parts.path}\n${canonicalQuery(parts.query)}\n${parts.body}`;
}

export function computeSignatureV2(secret: string, timestamp: string, parts: SignedParts): string {
  return `v2=${hmacHex(secret, signingStringV2(timestamp, parts))}`;
}

/** The v1 signature: valid on POST /api/v1/events only. */
export function computeSignature(secret: string, timestamp: string, rawBody: string): string {
  return `v1=${hmacHex(secret, `${timestamp}.${rawBody}`)}`;
}

/**
 * Headers a shop (or the simulator, a test, a bench) sends: v2 over the method, the path and
 * query of `url` (a path like "/api/v1/metrics?from=…" or an absolute URL) and the body.
 * `now` in milliseconds.
 */
export function signRequest(secret: string, request: { method: string; url: string; body?: string }, now = Date.now()) {
  const url = new URL(request.url, "http://treue.invalid");
  const timestamp = String(Math.floor(now / 1000));
  const signature = computeSignatureV2(secret, timestamp, { method: request.method, path: url.pathname, query: url.searchParams, body: request.body ?? "" });
  return { "X-Treue-Timestamp": timestamp, "X-Treue-Signature": signature };
}

/** v1 headers, for POST /api/v1/events only (shops that signed before v2). */
export function signRequestV1(secret: string, rawBody: string, now = Date.now()) {
  const timestamp = String(Math.floor(now / 1000));
  return { "X-Treue-Timestamp": timestamp, "X-Treue-Signature": computeSignature(secret, timestamp, rawBody) };
}

export function verifySignature(input: {
  secret: string;
  timestamp: string | null;
  signature: string | null;
  request: SignedParts;
  /** Whether this endpoint still takes v1 (POST /api/v1/events only). */
  acceptV1?: boolean;
  now?: number;
}): SignatureCheck {
  const { secret, timestamp, signature, request, acceptV1 = false, now = Date.now() } = input;
  if (!timestamp || !signature) return { ok: false, reason: "missing" };
  const version = /^(v1|v2)=[0-9a-f]{64}$/.exec(signature)?.[1] as "v1" | "v2" | undefined;
  if (!/^\d{1,12}$/.test(timestamp) || !version) return { ok: false, reason: "malformed" };
  if (version === "v1" && !acceptV1) return { ok: false, reason: "v1-not-accepted" };
  if (Math.abs(now / 1000 - Number(timestamp)) > SIGNATURE_TOLERANCE_SECONDS) return { ok: false, reason: "stale" };
  const expected = Buffer.from(version === "v1" ? computeSignature(secret, timestamp, request.body) : computeSignatureV2(secret, timestamp, request));
  const given = Buffer.from(signature);
  // Same length guaranteed by the format check above; compare in constant time.
  return expected.length === given.length && timingSafeEqual(expected, given) ? { ok: true, version } : { ok: false, reason: "mismatch" };
}
