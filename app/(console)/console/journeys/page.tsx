import { env } from "@/lib/env";
import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { JourneyForm } from "@/components/console/journey-form";
import { PageHeader } from "@/components/console/page-header";
import { Card, CardHeader } from "@/components/ui/card";
import { requireCapability } from "@/lib/console/guard";
import { getDb } from "@/lib/db";
import { listAllRewards } from "@/lib/db/queries/console-program";
import { journeyStats } from "@/lib/db/queries/journeys";
import { getProgramConfig } from "@/lib/db/queries/program";
import { JOURNEY_KEYS, JOURNEY_MESSAGES, JOURNEY_PLACEHOLDERS, type JourneyKey } from "@/lib/loyalty/journeys";
import { isMarketing } from "@/lib/loyalty/messaging";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("console.journeys"))("title") };
}

/** The automatic messages, each switchable and in the shop's own words, with what they achieved in 30 days. */
export default async function JourneysPage() {
  await requireCapability("program.edit");
  const db = await getDb();
  const monthAgo = new Date(new Date().getTime() - 30 * 86_400_000);
  const [t, locale, config, rewards, stats, mailDe, mailEn] = await Promise.all([
    getTranslations("console.journeys"),
    getLocale(),
    getProgramConfig(db),
    listAllRewards(db),
    journeyStats(db, monthAgo),
    getTranslations({ locale: "de", namespace: "mail.kinds" }),
    getTranslations({ locale: "en", namespace: "mail.kinds" }),
  ]);
  // The built-in text with its placeholders left in ({points}), as the editor's example.
  const builtIn = (key: JourneyKey) => {
    const kind = JOURNEY_MESSAGES[key].kind as "welcome";
    const values = Object.fromEntries(JOURNEY_PLACEHOLDERS[key].map((p) => [p, `{${p}}`]));
    return {
      de: { subject: mailDe(`${kind}.subject`, values), body: mailDe(`${kind}.body`, values) },
      en: { subject: mailEn(`${kind}.subject`, values), body: mailEn(`${kind}.body`, values) },
    };
  };
  const gifts = rewards.map(({ reward: r }) => ({ id: r.id, name: `${locale === "en" ? r.name.en : r.name.de}${r.active ? "" : ` (${t("notInCatalog")})`}` }));
  return (
    <>
      <PageHeader title={t("title")} intro={t("intro")} />
      <div className="space-y-4">
        {JOURNEY_KEYS.map((key) => {
          const s = stats[key];
          return (
            <Card key={key} aria-labelledby={`journey-${key}`} data-testid={`journey-${key}`}>
              <CardHeader
                id={`journey-${key}`}
                title={t(`names.${key}`)}
                hint={`${t(`about.${key}`)} ${isMarketing(JOURNEY_MESSAGES[key].category) ? t("marketing") : t("service")}`}
                actions={
                  <p className="text-xs text-stone-600" data-testid={`journey-${key}-stats`}>
                    {t("stats", { sent: s?.sent ?? 0, opened: s?.opened ?? 0, clicked: s?.clicked ?? 0, waiting: s?.waiting ?? 0 })}
                  </p>
                }
              />
              <JourneyForm journey={key} settings={config.journeys[key]} builtIn={builtIn(key)} placeholders={JOURNEY_PLACEHOLDERS[key]} rewards={gifts} whatsapp={Boolean(env().whatsapp)} />
            </Card>
          );
        })}
      </div>
    </>
  );
}
