import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/console/page-header";
import { TiersForm } from "@/components/console/tiers-form";
import { requireCapability } from "@/lib/console/guard";
import { getDb } from "@/lib/db";
import { getScheduledChange, listTiers } from "@/lib/db/queries/console-program";
import { getProgramConfig } from "@/lib/db/queries/program";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("console.tiers"))("title") };
}

export default async function TiersConsolePage() {
  await requireCapability("program.edit");
  const db = await getDb();
  const [t, format, config, tiers, plan] = await Promise.all([getTranslations("console.tiers"), getFormatter(), getProgramConfig(db), listTiers(db), getScheduledChange(db, "tiers")]);
  return (
    <>
      <PageHeader title={t("title")} intro={t("intro")} />
      {plan && (
        <p className="mb-4 rounded-2xl border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-stone-900" data-testid="tier-plan">
          {t("scheduled", { date: format.dateTime(new Date(plan.effectiveFrom), { dateStyle: "medium", timeStyle: "short" }), by: plan.actor.email, tiers: plan.payload.tiers.map((x) => x.name.de).join(", ") })}
        </p>
      )}
      <TiersForm rule={config.tierRule} tiers={tiers} currency={config.currency} />
    </>
  );
}
