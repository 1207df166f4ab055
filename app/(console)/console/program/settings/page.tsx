import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/console/page-header";
import { SettingsForm } from "@/components/console/settings-form";
import { requireCapability } from "@/lib/console/guard";
import { getDb } from "@/lib/db";
import { getProgramSettings, getScheduledChange } from "@/lib/db/queries/console-program";
import { programCurrency } from "@/lib/db/queries/program";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("console.settings"))("title") };
}

export default async function SettingsPage() {
  await requireCapability("program.edit");
  const db = await getDb();
  const [t, format, settings, plan, currency] = await Promise.all([getTranslations("console.settings"), getFormatter(), getProgramSettings(db), getScheduledChange(db, "settings"), programCurrency(db)]);
  if (!settings) notFound();
  return (
    <>
      <PageHeader title={t("title")} intro={t("intro")} />
      {plan && (
        <p className="mb-4 rounded-2xl border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-stone-900" data-testid="settings-plan">
          {t("scheduled", { date: format.dateTime(new Date(plan.effectiveFrom), { dateStyle: "medium", timeStyle: "short" }), by: plan.actor.email })}
        </p>
      )}
      <SettingsForm {...settings} currency={currency} />
    </>
  );
}
