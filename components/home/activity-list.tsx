import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { ArrowRightIcon } from "@/components/ui/icons";
import type { LedgerLine } from "@/lib/db/queries/members";
import { formatMoney } from "@/lib/i18n/money";
import { describeLedgerEntry } from "@/lib/loyalty/ledger-description";
import { Card } from "@/components/ui/card";

export async function ActivityList({
  entries,
  heading,
  empty,
  moreHref,
}: {
  entries: LedgerLine[];
  heading?: string;
  empty?: string;
  /** Where "all activity" leads, when this list is a preview. */
  moreHref?: string;
}) {
  const [t, format, locale] = await Promise.all([getTranslations(), getFormatter(), getLocale()]);
  return (
    <Card aria-labelledby="recent-heading">
      <h2 id="recent-heading" className="text-base font-semibold">
        {heading ?? t("home.recent")}
      </h2>
      {entries.length === 0 ? (
        <p className="mt-3 text-sm text-stone-600">{empty ?? t("home.noActivity")}</p>
      ) : (
        <ul className="mt-2 divide-y divide-stone-100">
          {entries.map((entry) => {
            const { key, values } = describeLedgerEntry(entry.kind, entry.sourceRef, entry.storeName);
            const positive = entry.delta >= 0;
            return (
              <li key={entry.id} className="flex items-center justify-between gap-4 py-3">
                <div className="min-w-0">
                  <p className="truncate text-sm font-medium">{t(`ledger.${key}`, values)}</p>
                  {entry.note && <p className="text-sm text-stone-700" data-testid="ledger-note">{entry.note}</p>}
                  <p className="text-xs text-stone-600">
                    <time dateTime={entry.createdAt.toISOString()}>{format.dateTime(entry.createdAt, { dateStyle: "medium" })}</time>
                    {entry.order && <> · {formatMoney(locale, entry.order.subtotalCents, entry.order.currency)}</>}
                  </p>
                </div>
                <span
                  className={`shrink-0 rounded-full px-2.5 py-1 text-sm font-semibold tabular-nums ${
                    positive ? "bg-brand-50 text-brand-800" : "bg-red-50 text-red-800"
                  }`}
                >
                  {positive ? "+" : "−"}
                  {format.number(Math.abs(entry.delta), "points")}
                </span>
              </li>
            );
          })}
        </ul>
      )}
      {moreHref && entries.length > 0 && (
        <a href={moreHref} className="mt-2 inline-flex min-h-11 items-center gap-1.5 text-sm font-semibold text-brand-800 hover:underline">
          {t("home.allActivity")}
          <ArrowRightIcon className="size-4" />
        </a>
      )}
    </Card>
  );
}
