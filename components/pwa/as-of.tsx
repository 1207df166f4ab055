import { getFormatter, getTranslations } from "next-intl/server";

/**
 * "Stand: 23.11.2026, 21:40" – when this screen's data was read. Hidden while online; a screen
 * shown from the offline copy reveals it (ConnectionBanner marks <html data-offline>).
 */
export async function AsOf() {
  const [t, format] = await Promise.all([getTranslations("pwa"), getFormatter()]);
  const now = new Date();
  return (
    <p data-as-of data-testid="as-of" className="mt-1 text-sm font-medium text-stone-700">
      {t("asOf", { time: format.dateTime(now, { dateStyle: "medium", timeStyle: "short" }) })}
    </p>
  );
}
