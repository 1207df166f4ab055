// Money is stored as integer minor units with an ISO currency (the program's, programs.currency);
// shown per the reader's locale. Nothing here knows a currency: every caller passes the program's.

let currencies: Set<string> | undefined;

/** An ISO 4217 code the runtime knows ("EUR", "CHF"); lower case or made-up codes are not. */
export function isCurrencyCode(code: string): boolean {
  // Asked only here (this module is in the console's bundle too, where an old browser may lack it).
  currencies ??= new Set(Intl.supportedValuesOf("currency"));
  return /^[A-Z]{3}$/.test(code) && currencies.has(code);
}

/** Minor-unit digits of a currency per ISO 4217 as the runtime knows it (EUR 2, JPY 0). */
export function currencyDigits(currency: string): number {
  return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

export function formatMoney(locale: string, amountMinor: number, currency: string): string {
  const digits = currencyDigits(currency);
  return new Intl.NumberFormat(locale, { style: "currency", currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(
    amountMinor / 10 ** digits,
  );
}

/** One whole unit of the currency, as a rate says it: "1 €", "€1", "1 CHF", "CHF 1". */
export function formatMoneyUnit(locale: string, currency: string): string {
  return new Intl.NumberFormat(locale, { style: "currency", currency, minimumFractionDigits: 0, maximumFractionDigits: 0 }).format(1);
}

function currencyPart(locale: string, currency: string, options: Intl.NumberFormatOptions): string {
  const parts = new Intl.NumberFormat(locale, { style: "currency", currency, minimumFractionDigits: 0, maximumFractionDigits: 0, ...options }).formatToParts(1);
  return parts.find((p) => p.type === "currency")?.value ?? currency;
}

/** The short sign a form label puts after an amount field: "€", "CHF", "$". */
export function currencySymbol(locale: string, currency: string): string {
  return currencyPart(locale, currency, { currencyDisplay: "narrowSymbol" });
}

/** The currency's name for one unit, as "points per …" reads: "Euro" / "euro", "Schweizer Franken" / "Swiss franc". */
export function currencyUnitName(locale: string, currency: string): string {
  return currencyPart(locale, currency, { currencyDisplay: "name" });
}
