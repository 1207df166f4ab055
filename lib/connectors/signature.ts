// The platforms' webhook signatures: an HMAC-SHA256 over the raw body (Shopify and WooCommerce
// base64-encoded, Shopware hex), compared in constant time before anything is parsed.
import { createHmac, timingSafeEqual } from "node:crypto";

export type Encoding = "base64" | "hex";

export function hmacSha256(secret: string, payload: string | Buffer, encoding: Encoding): string {
  return createHmac("sha256", secret).update(payload).digest(encoding);
}

/** Whether `given` is the HMAC of `payload` under any of the secrets (a rotated one still verifies until removed). */
export function verifyHmac(secrets: readonly string[], payload: string | Buffer, given: string | null, encoding: Encoding): boolean {
  if (!given) return false;
  const received = Buffer.from(given.trim(), encoding);
  if (received.length !== 32) return false;
  let ok = false;
  for (const secret of secrets) {
    const expected = createHmac("sha256", secret).update(payload).digest();
    // Every secret is checked, so the time taken does not tell which one matched.
    ok = timingSafeEqual(expected, received) || ok;
  }
  return ok;
}
