import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/console/page-header";
import { TiersForm } from "@/components/console/tiers-form";
import { requireCapability } from "@/lib/console/guard";
import { getDb } from "@/lib/db";
import { listTiers } from "@/lib/db/queries/console-program";
import { getProgramConfig } from "@/lib/db/queries/program";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("console.tiers"))("title") };
}

export default async function TiersConsolePage() {
  await requireCapability("program.edit");
  const db = await getDb();
  const [t, config, tiers] = await Promise.all([getTranslations("console.tiers"), getProgramConfig(db), listTiers(db)]);
  return (
    <>
      <PageHeader title={t("title")} intro={t("intro")} />
      <TiersForm rule={config.tierRule} tiers={tiers} />
    </>
  );
}
