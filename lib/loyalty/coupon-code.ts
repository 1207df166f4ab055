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

const SHOP_CODE = /^[A-Z0-9][A-Z0-9_-]{2,63}$/;

/**
 * A shop's uploaded code list: one code per line, or CSV whose first column is the code (a header
 * row such as "code" is skipped). Returns the distinct normalised codes, or the lines that are not codes.
 */
export function parseCodeList(text: string): { codes: string[]; invalid: { line: number; value: string }[] } {
  const codes = new Set<string>();
  const invalid: { line: number; value: string }[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const first = raw.split(/[;,\t]/)[0] ?? "";
    const value = normaliseCouponCode(first.replace(/^"|"$/g, ""));
    if (value === "") return;
    if (i === 0 && /^(CODE|CODES|GUTSCHEIN|GUTSCHEINCODE|COUPON)$/.test(value)) return;
    if (SHOP_CODE.test(value)) codes.add(value);
    else invalid.push({ line: i + 1, value: first.trim().slice(0, 80) });
  });
  return { codes: [...codes], invalid };
}
