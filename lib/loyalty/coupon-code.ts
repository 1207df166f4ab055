// Coupon codes: generated ones must be unguessable, all must survive being typed at a checkout.
import { randomInt } from "node:crypto";

// Crockford's base 32 without I, L, O, U: nothing to misread at a checkout field.
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** An unguessable coupon code: 60 random bits, grouped for reading aloud, e.g. TREUE-7K3M-Q9XD-2HNV. */
export function generateCouponCode(): string {
  const groups = Array.from({ length: 3 }, () => Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join(""));
  return `TREUE-${groups.join("-")}`;
}

/** Codes as typed or sent by a shop: case and surrounding space do not matter. */
export function normaliseCouponCode(code: string): string {
  return code.trim().toUpperCase();
}
