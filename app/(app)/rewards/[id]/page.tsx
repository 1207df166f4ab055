import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { AvailabilityLine } from "@/components/rewards/availability-line";
import { PointsOffRedeem } from "@/components/rewards/points-off-redeem";
import { RedeemButton } from "@/components/rewards/redeem-button";
import { IslandMessages } from "@/components/ui/island-messages";
import { requireMember } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { getProgramConfig } from "@/lib/db/queries/program";
import { getRewardOffer } from "@/lib/db/queries/rewards";
import { getMemberState } from "@/lib/db/queries/members";
import type { Locale } from "@/lib/i18n/config";
import { formatMoney } from "@/lib/i18n/money";
import { pointsOffRules, rewardEntryCost } from "@/lib/loyalty/points-off";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("rewards"))("title") };
}

export default async function RewardPage({ params }: Props) {
  const member = await requireMember();
  const { id } = await params;
  const db = await getDb();
  const [t, format, locale, offer, config, live] = await Promise.all([
    getTranslations("rewards"),
    getFormatter(),
    getLocale() as Promise<Locale>,
    getRewardOffer(db, member.id, id),
    getProgramConfig(db),
    getMemberState(db, member.id),
  ]);
  const currency = config.currency;
  if (!offer) notFound();
  const { reward, availability } = offer;
  const tierName = reward.minTierId ? (config.tiers.find((tier) => tier.id === reward.minTierId)?.name[locale] ?? null) : null;
  const points = format.number(reward.pointsCost, "points");
  // Points for money off: the shopper chooses the amount; the reward opens at its smallest.
  const pointsOff = pointsOffRules(reward);
  const money = (cents: number) => formatMoney(locale, cents, currency);
  const liveState = live ?? { balance: member.pointsBalance, debt: member.pointsDebt, version: "" };
  const conditions = [
    pointsOff && t("detail.pointsOffRange", { min: money(pointsOff.minValueCents), max: money(pointsOff.maxValueCents) }),
    reward.minOrderCents !== null && t("detail.minOrder", { amount: money(reward.minOrderCents) }),
    reward.sku && t("detail.sku", { sku: reward.sku }),
    t("detail.validity", { days: reward.couponValidDays }),
    reward.stock !== null && t("detail.stock", { count: reward.stock }),
    reward.perMemberLimit !== null && t("detail.perMember", { count: reward.perMemberLimit }),
    tierName && t("detail.tierGate", { tier: tierName }),
  ].filter((c): c is string => typeof c === "string" && c.length > 0);

  return (
    <article className="space-y-5">
      <a href="/rewards" className="inline-flex min-h-11 items-center text-sm font-semibold text-brand-800 hover:underline">
        ← {t("detail.back")}
      </a>
      {/* The amount chooser needs the card's width: a points_off reward keeps its picture above, as on a phone. */}
      <div className={`overflow-hidden rounded-3xl border border-stone-200 bg-white ${pointsOff ? "" : "md:grid md:grid-cols-2"}`}>
        {/* A plain img: the pictures are served as uploaded; next/image's client code would add 5 KB for nothing. */}
        {/* eslint-disable-next-line @next/next/no-img-element */}
        <img src={reward.image ?? "/rewards/amount.svg"} alt="" width={640} height={400} fetchPriority="high" className={`aspect-[16/10] w-full object-cover ${pointsOff ? "md:aspect-[16/7]" : "md:h-full"}`} />
        <div className="space-y-4 p-5 md:p-8">
          <p className="text-xs font-medium tracking-wide text-stone-600 uppercase">{t(`kind.${reward.kind}`)}</p>
          <h1 className="text-2xl font-bold tracking-tight md:text-3xl">{reward.name[locale]}</h1>
          <p className="text-stone-700">{reward.description[locale]}</p>
          <p className="text-xl font-bold text-brand-800 tabular-nums">{pointsOff ? t("rate", { points, amount: money(pointsOff.stepValueCents) }) : t("cost", { points })}</p>
          <section aria-labelledby="conditions">
            <h2 id="conditions" className="text-sm font-semibold">
              {t("detail.conditions")}
            </h2>
            <ul className="mt-1 list-disc space-y-0.5 pl-5 text-sm text-stone-700">
              {conditions.map((c) => (
                <li key={c}>{c}</li>
              ))}
            </ul>
          </section>
          {availability.ok ? (
            <IslandMessages namespaces={["rewards"]}>
              {pointsOff ? (
                <PointsOffRedeem rewardId={reward.id} rules={pointsOff} locale={locale} currency={currency} tierName={tierName} live={liveState} liveAt={new Date().getTime()} />
              ) : (
                <RedeemButton rewardId={reward.id} cost={reward.pointsCost} points={points} tierName={tierName} live={liveState} liveAt={new Date().getTime()} />
              )}
            </IslandMessages>
          ) : (
            <div className="space-y-2 rounded-2xl bg-stone-100 p-4" data-testid="why-not">
              <AvailabilityLine availability={availability} cost={rewardEntryCost(reward)} tierName={tierName} />
              <p className="text-sm text-stone-700">
                {t(`detail.why.${availability.reason}`, { missing: availability.reason === "insufficient-points" ? availability.missingPoints : 0, tier: tierName ?? "" })}
              </p>
            </div>
          )}
        </div>
      </div>
    </article>
  );
}
