import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/console/page-header";
import { SettingsForm } from "@/components/console/settings-form";
import { requireCapability } from "@/lib/console/guard";
import { getDb } from "@/lib/db";
import { getProgramSettings } from "@/lib/db/queries/console-program";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("console.settings"))("title") };
}

export default async function SettingsPage() {
  await requireCapability("program.edit");
  const [t, settings] = await Promise.all([getTranslations("console.settings"), getDb().then(getProgramSettings)]);
  if (!settings) notFound();
  return (
    <>
      <PageHeader title={t("title")} intro={t("intro")} />
      <SettingsForm {...settings} />
    </>
  );
}
