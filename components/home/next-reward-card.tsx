import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { ArrowRightIcon } from "@/components/ui/icons";
import type { Reward } from "@/lib/db/queries/rewards";
import type { Locale } from "@/lib/i18n/config";
import type { NextReward } from "@/lib/loyalty/personalisation";
import { rewardEntryCost } from "@/lib/loyalty/points-off";

/** Home's "next reward": the one that fits what the shopper buys, and how far away it is. */
export async function NextRewardCard({ reward, next, balance }: { reward: Reward; next: NextReward; balance: number }) {
  const [t, format, locale] = await Promise.all([getTranslations("home.nextReward"), getFormatter(), getLocale() as Promise<Locale>]);
  const cost = rewardEntryCost(reward);
  const progress = Math.min(100, Math.round((balance / cost) * 100));
  return (
    <Card aria-labelledby="next-reward-heading" data-testid="next-reward">
      <div className="flex items-center gap-4">
        {/* eslint-disable-next-line @next/next/no-img-element -- a small SVG or WebP the shop uploaded; next/image would add its script to Home */}
        {reward.image && <img src={reward.image} alt="" width={56} height={56} className="size-14 shrink-0 rounded-2xl bg-stone-100 object-cover" />}
        <div className="min-w-0 flex-1">
          <p className="text-xs font-medium tracking-wide text-stone-600 uppercase">{t(next.affordable ? "ready" : "title")}</p>
          <h2 id="next-reward-heading" className="truncate text-lg font-bold" data-testid="next-reward-name">
            {reward.name[locale]}
          </h2>
        </div>
      </div>
      {!next.affordable && (
        <div
          role="progressbar"
          aria-label={t("progressLabel", { reward: reward.name[locale] })}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={progress}
          className="mt-4 h-2.5 overflow-hidden rounded-full bg-stone-200"
        >
          <div className="h-full rounded-full bg-gradient-to-r from-brand-500 to-gold-400" style={{ width: `${Math.max(2, progress)}%` }} />
        </div>
      )}
      <p className="mt-3 flex flex-wrap items-center justify-between gap-2 text-sm">
        <span className="font-medium">{next.affordable ? t("canRedeem", { points: format.number(cost) }) : t("missing", { points: format.number(next.missingPoints) })}</span>
        <a href={`/rewards/${reward.id}`} className="inline-flex min-h-11 items-center gap-1 font-semibold text-brand-800 hover:underline">
          {t(next.affordable ? "redeem" : "look")}
          <ArrowRightIcon className="size-4" />
        </a>
      </p>
    </Card>
  );
}
