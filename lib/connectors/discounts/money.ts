// Money as the shops' admin APIs take it: a decimal string in the currency's major units, with as
// many digits as the currency has minor units (ISO 4217, as the runtime knows it). One helper for
// every adapter; the digits come from lib/i18n/money.ts like everywhere else in Treue.
import { currencyDigits } from "../../i18n/money";

/** Minor units as a decimal string with the currency's digits (1234 EUR → "12.34", 500 JPY → "500", 1234 KWD → "1.234"); null for no currency. */
export function decimal(minorUnits: number, currency: string): string | null {
  let digits: number;
  try {
    digits = currencyDigits(currency);
  } catch {
    return null;
  }
  const text = String(Math.abs(Math.trunc(minorUnits))).padStart(digits + 1, "0");
  const sign = minorUnits < 0 ? "-" : "";
  return digits === 0 ? `${sign}${text}` : `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}
