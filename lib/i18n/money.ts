// Money is stored as integer minor units with an ISO currency; shown per the shopper's locale.

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
