import { getTranslations } from "next-intl/server";
import type { Availability } from "@/lib/loyalty/rewards";

/** One line on a reward: redeemable now, or the single reason it is not (with progress when it is points). */
export async function AvailabilityLine({ availability, cost, tierName }: { availability: Availability; cost: number; tierName: string | null }) {
  const t = await getTranslations("rewards");
  if (availability.ok) {
    return (
      <p className="inline-flex items-center gap-1.5 rounded-full bg-brand-50 px-2.5 py-1 text-xs font-semibold text-brand-800">
        <span aria-hidden="true" className="size-1.5 rounded-full bg-brand-600" />
        {t("status.ok")}
      </p>
    );
  }
  if (availability.reason === "insufficient-points") {
    const have = cost - availability.missingPoints;
    return (
      <div className="space-y-1.5">
        <p className="text-xs font-semibold text-stone-700">{t("status.insufficient-points", { missing: availability.missingPoints })}</p>
        <div
          role="meter"
          aria-label={t("progressLabel", { have, need: cost })}
          aria-valuemin={0}
          aria-valuemax={cost}
          aria-valuenow={have}
          className="h-1.5 overflow-hidden rounded-full bg-stone-200"
        >
          <div className="h-full rounded-full bg-brand-500" style={{ width: `${Math.round((have / cost) * 100)}%` }} />
        </div>
      </div>
    );
  }
  return <p className="text-xs font-semibold text-stone-600">{t(`status.${availability.reason}`, { tier: tierName ?? "" })}</p>;
}
