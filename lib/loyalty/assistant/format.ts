// Amounts, dates and lists as the assistant's sentences carry them: in the program's currency and
// time zone, in the reader's language. Counts stay numbers so the catalog's plurals format them.
import type { Locale } from "../../i18n/config";
import { currencyUnitName, formatMoney } from "../../i18n/money";

export type Formatter = {
  locale: Locale;
  money: (cents: number) => string;
  /** "12. Juni 2025" / "June 12, 2025", as Home dates an expiry. */
  date: (at: Date) => string;
  /** "A, B und C" / "A, B, and C". */
  list: (items: readonly string[]) => string;
  /** "Euro" / "euro": the unit a rate is per. */
  currencyUnit: string;
  /** A shop's name for something, in the reader's language. */
  name: (name: { de: string; en: string }) => string;
};

export function formatterFor(locale: Locale, currency: string, timeZone: string): Formatter {
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone });
  const lists = new Intl.ListFormat(locale, { type: "conjunction" });
  return {
    locale,
    money: (cents) => formatMoney(locale, cents, currency),
    date: (at) => dates.format(at),
    list: (items) => lists.format(items),
    currencyUnit: currencyUnitName(locale, currency),
    name: (name) => name[locale],
  };
}
