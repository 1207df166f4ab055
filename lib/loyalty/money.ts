// Platforms send money as decimal strings ("59.90") or JSON numbers (59.9). Both become integer
// cents by reading the decimal digits, never by multiplying a binary float: 0.29 * 100 is
// 28.999999999999996 in IEEE 754, "0.29" is 29 cents here.

/** Cents of a decimal amount; a third decimal rounds half away from zero. Null when it is no amount. */
export function toCents(amount: unknown): number | null {
  const text = typeof amount === "number" ? (Number.isFinite(amount) ? numberToPlain(amount) : "") : typeof amount === "string" ? amount.trim() : "";
  const match = /^([+-]?)(\d{1,12})(?:\.(\d*))?$/.exec(text);
  if (!match) return null;
  const [, sign, whole, fraction = ""] = match;
  const padded = `${fraction}000`;
  let cents = Number(whole) * 100 + Number(padded.slice(0, 2));
  if (Number(padded[2]) >= 5) cents += 1;
  return sign === "-" && cents !== 0 ? -cents : cents;
}

/** A number's shortest decimal text without exponent (JSON numbers like 1e-7 stay exact). */
function numberToPlain(value: number): string {
  const text = String(value);
  return /e/i.test(text) ? value.toFixed(20).replace(/0+$/, "").replace(/\.$/, "") : text;
}

/** `cents × numerator / denominator`, rounded half up, for pro-rata shares; 0 when the denominator is 0. */
export function proRata(cents: number, numerator: number, denominator: number): number {
  if (denominator <= 0) return 0;
  return Math.floor((cents * numerator * 2 + denominator) / (2 * denominator));
}
