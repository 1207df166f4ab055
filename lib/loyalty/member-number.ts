// The number on a member's card: what the wallet pass's barcode carries and what staff type at
// the till when there is no camera. Ten digits, the last a Luhn check digit, so a mistyped digit
// or two swapped neighbours is caught before anyone is looked up. Pure: no I/O.

export const MEMBER_NUMBER_LENGTH = 10;

/** The Luhn check digit for a string of digits (the digit that makes `digits + check` valid). */
export function luhnCheckDigit(digits: string): number {
  let sum = 0;
  // Doubling starts at the rightmost digit of the payload, since the check digit will follow it.
  for (let i = digits.length - 1, double = true; i >= 0; i--, double = !double) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/**
 * A new member number from nine random digits (`random` gives integers in [0, 10^9)); the first is
 * never 0 so the number keeps its length wherever a spreadsheet or a till treats it as a number.
 */
export function memberNumberFrom(random: number): string {
  const payload = String(100_000_000 + (Math.abs(Math.trunc(random)) % 900_000_000));
  return payload + luhnCheckDigit(payload);
}

export type ParsedMemberNumber = { ok: true; number: string } | { ok: false; reason: "empty" | "format" | "check" };

/**
 * What staff typed or a scanner read, as a member number: spaces, dashes and dots are ignored;
 * anything else, a wrong length or a wrong check digit is refused with the reason.
 */
export function parseMemberNumber(input: string): ParsedMemberNumber {
  const compact = input.replace(/[\s.\-]/g, "");
  if (compact === "") return { ok: false, reason: "empty" };
  if (!/^[0-9]+$/.test(compact) || compact.length !== MEMBER_NUMBER_LENGTH) return { ok: false, reason: "format" };
  const payload = compact.slice(0, -1);
  if (luhnCheckDigit(payload) !== Number(compact.slice(-1))) return { ok: false, reason: "check" };
  return { ok: true, number: compact };
}

/** The number as printed on a card: "1234 5678 90", easier to read out and type. */
export function formatMemberNumber(number: string): string {
  return `${number.slice(0, 4)} ${number.slice(4, 8)} ${number.slice(8)}`;
}
