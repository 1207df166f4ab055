import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { ArrowRightIcon } from "@/components/ui/icons";
import type { Standing } from "@/lib/db/queries/tiers";
import type { Locale } from "@/lib/i18n/config";
import { formatMoney } from "@/lib/i18n/money";
import { tierProgressPercent } from "@/lib/loyalty/tier-standing";
import { Card } from "@/components/ui/card";

/** Home's status card: the tier held, the way to the next one, and a warning while only grace keeps it. */
export async function TierProgressCard({ standing, currency }: { standing: Standing; currency: string }) {
  const [t, format, locale] = await Promise.all([getTranslations("tiers"), getFormatter(), getLocale() as Promise<Locale>]);
  const { tier, next, toNextCents, toKeepCents, keptUntil } = standing;
  if (!tier && !next) return null;
  const money = (cents: number) => formatMoney(locale, cents, currency);
  const progress = tierProgressPercent(standing);
  return (
    <Card aria-labelledby="tier-heading" data-testid="tier-card">
      <div className="flex items-start justify-between gap-3">
        <div>
          <p className="text-xs font-medium tracking-wide text-stone-600 uppercase">{t("yours")}</p>
          <h2 id="tier-heading" className="text-xl font-bold">
            {tier?.name[locale] ?? "–"}
          </h2>
        </div>
        <a href="/tiers" className="inline-flex min-h-11 items-center gap-1 text-sm font-semibold text-brand-800 hover:underline">
          {t("details")}
          <ArrowRightIcon className="size-4" />
        </a>
      </div>
      {next && toNextCents !== null ? (
        <>
          <div
            role="progressbar"
            aria-label={t("progressLabel", { tier: next.name[locale] })}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.max(0, progress)}
            className="mt-4 h-2.5 overflow-hidden rounded-full bg-stone-200"
          >
            <div className="h-full rounded-full bg-gradient-to-r from-brand-500 to-gold-400" style={{ width: `${Math.max(2, progress)}%` }} />
          </div>
          <p className="mt-2 text-sm font-medium" data-testid="to-next-tier">
            {t("toNext", { amount: money(toNextCents), tier: next.name[locale] })}
          </p>
        </>
      ) : (
        <p className="mt-3 text-sm font-medium">{t("top")}</p>
      )}
      {toKeepCents !== null && keptUntil && tier && (
        <p className="mt-3 rounded-xl bg-gold-300/60 px-3 py-2 text-sm text-stone-900">
          {t("toKeep", { amount: money(toKeepCents), date: format.dateTime(keptUntil, { dateStyle: "long" }), tier: tier.name[locale] })}
        </p>
      )}
    </Card>
  );
}
