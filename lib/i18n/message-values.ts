// The values a queued message's text is filled with, in the language it is sent in: dates
// formatted for the reader, names stored in both languages picked for the reader.
import type { Locale } from "./config";
import { formatMoney } from "./money";

/** What a queued amount without its currency is in: messages queued before amounts carried one, when every program was in euros. */
const CURRENCY_BEFORE_IT_WAS_STORED = "EUR";

export function messageValues(params: Record<string, string | number>, locale: Locale, timeZone: string): Record<string, string | number> {
  const date = (iso: string | number) => new Intl.DateTimeFormat(locale, { day: "numeric", month: "long", timeZone }).format(new Date(iso));
  return {
    ...params,
    ...(params.expiresAt !== undefined ? { date: date(params.expiresAt) } : {}),
    ...(typeof params.missingCents === "number" ? { missing: formatMoney(locale, params.missingCents, String(params.currency ?? CURRENCY_BEFORE_IT_WAS_STORED)) } : {}),
    // Names (tier, task, reward) are stored in both languages, since the member may switch before it is sent.
    ...Object.fromEntries(Object.entries(params).flatMap(([key, value]) => (key.endsWith(`_${locale}`) ? [[key.slice(0, -3), value]] : []))),
  };
}
