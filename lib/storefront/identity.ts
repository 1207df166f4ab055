// The storefront identity (docs/storefront.md): the shop's server states who is signed in on its
// own pages by printing
//   <treue-identity customer="ID" email="E" ts="UNIX" signature="HEX">
// where HEX is the lower-case hex HMAC-SHA256, under the shop secret, of the UTF-8 string
// `ID.E.TS` (E trimmed and lower-cased). It is good from five minutes before TS until 24 hours
// after it. The customer id may not contain ".", so the string names one identity only: the id
// ends at its first ".", the timestamp (digits) starts after its last ".", the e-mail is between.
import { createHmac, timingSafeEqual } from "node:crypto";

/** How long after its `ts` an identity is accepted. */
export const IDENTITY_VALID_SECONDS = 24 * 60 * 60;
/** How far ahead of our clock an identity's `ts` may be (the shop's clock may run fast). */
export const IDENTITY_FUTURE_SECONDS = 5 * 60;

export type StorefrontIdentity = { customerId: string; email: string; ts: number };

export type StorefrontIdentityCheck =
  | { ok: true; customerId: string; email: string }
  | { ok: false; reason: "missing" | "malformed" | "expired" | "future" | "mismatch" };

/** 1–128 visible ASCII characters (0x21–0x7E) other than ".". */
const CUSTOMER_ID = /^[!-\-/-~]{1,128}$/;
/** Something, "@", something; at most 254 characters; no white space or control characters. */
const EMAIL = /^[^\s@\p{Cc}]+@[^\s@\p{Cc}]+$/u;
/** Unix seconds as decimal digits without a leading zero. */
const TS = /^[1-9][0-9]{0,11}$/;
const SIGNATURE = /^[0-9a-f]{64}$/;

/**
 * The e-mail as signed: spaces, tabs and line breaks taken off both ends, then lower-cased
 * (Unicode's default lower-casing; for an ASCII address just A–Z to a–z).
 */
export function canonicalEmail(email: string): string {
  return email.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, "").toLowerCase();
}

const isCustomerId = (id: string) => CUSTOMER_ID.test(id);
const isEmail = (email: string) => email.length <= 254 && EMAIL.test(email);

/** The exact string the signature is the HMAC of. Throws when the identity cannot be signed unambiguously. */
export function storefrontIdentityString(identity: StorefrontIdentity): string {
  const { customerId, ts } = identity;
  const email = canonicalEmail(identity.email);
  if (!isCustomerId(customerId)) throw new RangeError('A storefront identity\'s customer id must be 1–128 visible ASCII characters without "."');
  if (!isEmail(email)) throw new RangeError("A storefront identity's e-mail must be an address with one \"@\" and no white space, at most 254 characters");
  if (!Number.isSafeInteger(ts) || !TS.test(String(ts))) throw new RangeError("A storefront identity's ts must be Unix time in whole seconds");
  return `${customerId}.${email}.${ts}`;
}

const hmacHex = (secret: string, text: string) => createHmac("sha256", secret).update(text, "utf8").digest("hex");

function requireSecret(secret: string): void {
  // An empty key would let anyone sign; treat it as the misconfiguration it is.
  if (!secret) throw new Error("The shop secret (TREUE_SHOP_SECRET) is empty; storefront identities cannot be signed or checked");
}

/** The `signature` attribute for an identity: lower-case hex HMAC-SHA256 of `ID.E.TS`. */
export function signStorefrontIdentity(secret: string, identity: StorefrontIdentity): string {
  requireSecret(secret);
  return hmacHex(secret, storefrontIdentityString(identity));
}

/**
 * Checks an identity as printed by the shop (attribute values, so strings or absent) at `now`.
 * Order: all four present, each well formed, the time window, then the signature (in constant time).
 */
export function verifyStorefrontIdentity(input: {
  secret: string;
  customerId: string | null | undefined;
  email: string | null | undefined;
  ts: string | null | undefined;
  signature: string | null | undefined;
  now: Date;
}): StorefrontIdentityCheck {
  const { secret, customerId, ts, signature, now } = input;
  requireSecret(secret);
  if (!customerId || !input.email || !ts || !signature) return { ok: false, reason: "missing" };
  const email = canonicalEmail(input.email);
  if (!isCustomerId(customerId) || !isEmail(email) || !TS.test(ts) || !SIGNATURE.test(signature)) return { ok: false, reason: "malformed" };
  const age = Math.floor(now.getTime() / 1000) - Number(ts);
  if (age > IDENTITY_VALID_SECONDS) return { ok: false, reason: "expired" };
  if (-age > IDENTITY_FUTURE_SECONDS) return { ok: false, reason: "future" };
  const expected = Buffer.from(hmacHex(secret, `${customerId}.${email}.${ts}`), "hex");
  const given = Buffer.from(signature, "hex");
  // Both are 32 bytes: the format check above guarantees 64 hex digits.
  return timingSafeEqual(expected, given) ? { ok: true, customerId, email } : { ok: false, reason: "mismatch" };
}
