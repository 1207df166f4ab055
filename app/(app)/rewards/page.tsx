import type { Metadata } from "next";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { RewardCard } from "@/components/rewards/reward-card";
import { ArrowRightIcon } from "@/components/ui/icons";
import { requireMember } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { getProgramConfig } from "@/lib/db/queries/program";
import { getShoppingProfile } from "@/lib/db/queries/personalisation";
import { listRewardOffers } from "@/lib/db/queries/rewards";
import { byAffinity, categoryAffinity } from "@/lib/loyalty/personalisation";
import type { Locale } from "@/lib/i18n/config";
import { matchesFilter, parseRewardFilter, rewardFilters } from "@/lib/loyalty/reward-filters";
import { AsOf } from "@/components/pwa/as-of";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("rewards"))("title") };
}

export default async function RewardsPage({ searchParams }: { searchParams: Promise<{ filter?: string }> }) {
  const member = await requireMember();
  const filter = parseRewardFilter((await searchParams).filter);
  const db = await getDb();
  const [t, format, locale, offers, config, profile] = await Promise.all([
    getTranslations("rewards"),
    getFormatter(),
    getLocale() as Promise<Locale>,
    listRewardOffers(db, member.id),
    getProgramConfig(db),
    getShoppingProfile(db, member.id),
  ]);
  const currency = config.currency;
  const tierName = (id: string | null) => (id ? (config.tiers.find((tier) => tier.id === id)?.name[locale] ?? null) : null);
  // Rewards in the categories the shopper buys first; otherwise the shop's order.
  const shown = byAffinity(offers, (offer) => offer.reward.category, categoryAffinity(profile.categories)).filter((offer) => matchesFilter(filter, offer));
  return (
    <div className="space-y-5">
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold tracking-tight md:text-3xl">{t("title")}</h1>
          <p className="mt-1 text-sm text-stone-600">{t("intro")}</p>
          <AsOf />
        </div>
        <div className="flex items-center gap-2">
          <p className="rounded-full bg-brand-800 px-3 py-1.5 text-sm font-semibold text-white tabular-nums" data-testid="rewards-balance">
            {t("yourBalance", { points: format.number(member.pointsBalance, "points") })}
          </p>
          <a href="/wallet" className="inline-flex min-h-11 items-center gap-1 rounded-full px-3 text-sm font-semibold text-brand-800 hover:bg-brand-50">
            {t("wallet")}
            <ArrowRightIcon className="size-4" />
          </a>
        </div>
      </header>
      <nav aria-label={t("filtersLabel")} className="-mx-4 overflow-x-auto px-4 md:mx-0 md:px-0">
        <ul className="flex gap-2">
          {rewardFilters.map((f) => (
            <li key={f}>
              <a
                href={f === "all" ? "/rewards" : `/rewards?filter=${f}`}
                aria-current={f === filter ? "page" : undefined}
                className="inline-flex min-h-11 items-center rounded-full border border-stone-300 bg-white px-4 text-sm font-medium whitespace-nowrap hover:bg-stone-100 aria-[current=page]:border-brand-800 aria-[current=page]:bg-brand-800 aria-[current=page]:text-white"
              >
                {t(`filter.${f}`)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {shown.length === 0 ? (
        <p className="rounded-3xl border border-dashed border-stone-300 bg-white p-6 text-sm text-stone-600">{t("empty")}</p>
      ) : (
        <ul className="grid grid-cols-2 gap-3 md:grid-cols-3 md:gap-4">
          {shown.map((offer, index) => (
            <RewardCard key={offer.reward.id} offer={offer} tierName={tierName(offer.reward.minTierId)} aboveTheFold={index < 2} currency={currency} />
          ))}
        </ul>
      )}
    </div>
  );
}
