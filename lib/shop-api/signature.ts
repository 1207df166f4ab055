// The shop API's request signature: `v1=` + hex HMAC-SHA256 of "{timestamp}.{raw body}" under
// the shared secret, with the timestamp within five minutes of our clock (replay window).
import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_TOLERANCE_SECONDS = 300;

export type SignatureCheck =
  | { ok: true }
  | { ok: false; reason: "missing" | "malformed" | "stale" | "mismatch" };

export function computeSignature(secret: string, timestamp: string, rawBody: string): string {
  return `v1=${createHmac("sha256", secret).update(`${timestamp}.${rawBody}`, "utf8").digest("hex")}`;
}

/** Headers a shop (or the simulator) sends with a body; `now` in milliseconds. */
export function signRequest(secret: string, rawBody: string, now = Date.now()) {
  const timestamp = String(Math.floor(now / 1000));
  return { "X-Treue-Timestamp": timestamp, "X-Treue-Signature": computeSignature(secret, timestamp, rawBody) };
}

export function verifySignature(input: {
  secret: string;
  timestamp: string | null;
  signature: string | null;
  rawBody: string;
  now?: number;
}): SignatureCheck {
  const { secret, timestamp, signature, rawBody, now = Date.now() } = input;
  if (!timestamp || !signature) return { ok: false, reason: "missing" };
  if (!/^\d{1,12}$/.test(timestamp) || !/^v1=[0-9a-f]{64}$/.test(signature)) return { ok: false, reason: "malformed" };
  if (Math.abs(now / 1000 - Number(timestamp)) > SIGNATURE_TOLERANCE_SECONDS) return { ok: false, reason: "stale" };
  const expected = Buffer.from(computeSignature(secret, timestamp, rawBody));
  const given = Buffer.from(signature);
  // Same length guaranteed by the format check above; compare in constant time.
  return expected.length === given.length && timingSafeEqual(expected, given) ? { ok: true } : { ok: false, reason: "mismatch" };
}
