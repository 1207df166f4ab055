import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import type { BonusCampaign } from "@/lib/loyalty/earn-rule";

/** Bonus campaigns running now ("Doppelte Punkte am Wochenende"), with their end, so shoppers can act. */
export async function CampaignBanner({ campaigns }: { campaigns: BonusCampaign[] }) {
  if (campaigns.length === 0) return null;
  const [t, format, locale] = await Promise.all([getTranslations("home"), getFormatter(), getLocale()]);
  return (
    <ul className="space-y-2" aria-label={t("campaigns")}>
      {campaigns.map((c) => (
        <li key={c.id} className="rounded-2xl border border-gold-300 bg-gold-300/30 px-4 py-3 text-sm text-stone-900" data-testid="campaign-banner">
          <p className="font-semibold">{locale === "en" ? c.name.en : c.name.de}</p>
          <p>
            {t(c.categories.length > 0 ? "campaignCategories" : "campaignAll", {
              percent: c.bonusPercent,
              categories: c.categories.join(", "),
              until: format.dateTime(new Date(c.until), { dateStyle: "medium", timeStyle: "short" }),
            })}
          </p>
        </li>
      ))}
    </ul>
  );
}
