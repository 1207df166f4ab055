import type { Metadata } from "next";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { TierProgressCard } from "@/components/tiers/tier-progress-card";
import { requireMember } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { getProgramConfig } from "@/lib/db/queries/program";
import { getMemberStanding } from "@/lib/db/queries/tiers";
import type { Locale } from "@/lib/i18n/config";
import { currencyUnitName, formatMoney } from "@/lib/i18n/money";
import { AsOf } from "@/components/pwa/as-of";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("tiers"))("title") };
}

export default async function TiersPage() {
  const member = await requireMember();
  const db = await getDb();
  const [t, format, locale, { standing, tiers }, config] = await Promise.all([
    getTranslations("tiers"),
    getFormatter(),
    getLocale() as Promise<Locale>,
    getMemberStanding(db, member.id),
    getProgramConfig(db),
  ]);
  const money = (cents: number) => formatMoney(locale, cents, config.currency);
  const spendKey = { rolling: "spend", calendar: "spendCalendar", lifetime: "spendLifetime" } as const;
  const sorted = [...tiers].sort((a, b) => a.thresholdCents - b.thresholdCents);
  return (
    <div className="space-y-5">
      <header>
        <h1 className="text-2xl font-bold tracking-tight md:text-3xl">{t("title")}</h1>
        <AsOf />
        <p className="mt-1 text-sm text-stone-600">{t(spendKey[config.tierRule.window], { amount: money(standing.spendCents) })}</p>
        {standing.tier && standing.keptUntil && (
          <p className="mt-1 text-sm text-stone-700" data-testid="kept-until">
            {t("keptUntil", { tier: standing.tier.name[locale], date: format.dateTime(standing.keptUntil, { dateStyle: "long" }) })}
          </p>
        )}
      </header>
      <TierProgressCard standing={standing} currency={config.currency} />
      <ol className="grid gap-3 md:grid-cols-3">
        {sorted.map((tier) => {
          const current = tier.id === standing.tier?.id;
          const benefits = [
            t("multiplier", { factor: format.number(tier.multiplierPercent / 100, { maximumFractionDigits: 2 }), currency: currencyUnitName(locale, config.currency) }),
            tier.benefits.freeShipping && t("freeShipping"),
            tier.benefits.exclusiveRewards && t("exclusiveRewards"),
            tier.benefits.earlyAccess && t("earlyAccess"),
          ].filter((b): b is string => typeof b === "string");
          return (
            <li
              key={tier.id}
              aria-current={current ? "true" : undefined}
              className={`rounded-3xl border p-5 ${current ? "border-brand-700 bg-brand-800 text-white shadow-lg" : "border-stone-200 bg-white"}`}
            >
              <div className="flex items-baseline justify-between gap-2">
                <h2 className="text-lg font-bold">{tier.name[locale]}</h2>
                {current && <span className="rounded-full bg-gold-300 px-2.5 py-0.5 text-xs font-semibold text-stone-900">{t("current")}</span>}
              </div>
              <p className={`text-sm ${current ? "text-brand-100" : "text-stone-600"}`}>
                {tier.thresholdCents === 0 ? t("fromStart") : t("from", { amount: money(tier.thresholdCents) })}
              </p>
              <h3 className="sr-only">{t("benefits")}</h3>
              <ul className="mt-3 space-y-1.5 text-sm">
                {benefits.map((benefit) => (
                  <li key={benefit} className="flex items-start gap-2">
                    <span aria-hidden="true" className={current ? "text-gold-300" : "text-brand-600"}>
                      ✓
                    </span>
                    {benefit}
                  </li>
                ))}
              </ul>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
