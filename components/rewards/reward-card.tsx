import { preload } from "react-dom";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import type { RewardOffer } from "@/lib/db/queries/rewards";
import type { Locale } from "@/lib/i18n/config";
import { formatMoney } from "@/lib/i18n/money";
import { pointsOffRules, rewardEntryCost } from "@/lib/loyalty/points-off";
import { AvailabilityLine } from "./availability-line";

/** `aboveTheFold`: the first cards' pictures are what a phone paints first; they load at once. */
export async function RewardCard({ offer, tierName, aboveTheFold = false, currency }: { offer: RewardOffer; tierName: string | null; aboveTheFold?: boolean; currency: string }) {
  const [t, format, locale] = await Promise.all([getTranslations("rewards"), getFormatter(), getLocale() as Promise<Locale>]);
  const { reward, availability } = offer;
  const image = reward.image ?? "/rewards/amount.svg";
  const pointsOff = pointsOffRules(reward);
  const points = format.number(reward.pointsCost, "points");
  if (aboveTheFold) preload(image, { as: "image", fetchPriority: "high" });
  return (
    <li>
      <a
        href={`/rewards/${reward.id}`}
        className="group flex h-full flex-col overflow-hidden rounded-3xl border border-stone-200 bg-white shadow-sm transition hover:-translate-y-0.5 hover:shadow-md motion-reduce:transition-none motion-reduce:hover:translate-y-0"
      >
        {/* A plain img: the pictures are served as uploaded, and next/image's client code would add 5 KB for nothing. */}
        {/* eslint-disable-next-line @next/next/no-img-element */}
        <img
          src={image}
          alt=""
          width={320}
          height={200}
          loading={aboveTheFold ? "eager" : "lazy"}
          fetchPriority={aboveTheFold ? "high" : "auto"}
          decoding="async"
          className="aspect-[16/10] w-full bg-stone-100 object-cover"
        />
        <div className="flex flex-1 flex-col gap-2 p-4">
          <p className="text-xs font-medium tracking-wide text-stone-600 uppercase">{t(`kind.${reward.kind}`)}</p>
          <h2 className="text-base leading-snug font-semibold group-hover:underline">{reward.name[locale]}</h2>
          <p className="text-sm font-bold text-brand-800 tabular-nums">
            {pointsOff ? t("rate", { points, amount: formatMoney(locale, pointsOff.stepValueCents, currency) }) : t("cost", { points })}
          </p>
          <div className="mt-auto pt-1">
            <AvailabilityLine availability={availability} cost={rewardEntryCost(reward)} tierName={tierName} />
          </div>
        </div>
      </a>
    </li>
  );
}
