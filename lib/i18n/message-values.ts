// The values a queued message's text is filled with, in the language it is sent in: dates
// formatted for the reader, names stored in both languages picked for the reader.
import type { Locale } from "./config";
import { formatMoney } from "./money";

export function messageValues(params: Record<string, string | number>, locale: Locale, timeZone: string): Record<string, string | number> {
  const date = (iso: string | number) => new Intl.DateTimeFormat(locale, { day: "numeric", month: "long", timeZone }).format(new Date(iso));
  return {
    ...params,
    ...(params.expiresAt !== undefined ? { date: date(params.expiresAt) } : {}),
    ...(typeof params.missingCents === "number" ? { missing: formatMoney(locale, params.missingCents, String(params.currency ?? "EUR")) } : {}),
    // Names (tier, task, reward) are stored in both languages, since the member may switch before it is sent.
    ...Object.fromEntries(Object.entries(params).flatMap(([key, value]) => (key.endsWith(`_${locale}`) ? [[key.slice(0, -3), value]] : []))),
  };
}
