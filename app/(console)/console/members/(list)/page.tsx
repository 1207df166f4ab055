import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { MemberSearch } from "@/components/console/member-search";
import { PageHeader } from "@/components/console/page-header";
import { requireCapability } from "@/lib/console/guard";
import { getDb } from "@/lib/db";
import { getProgramConfig } from "@/lib/db/queries/program";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("console.members"))("title") };
}

export default async function MembersPage() {
  await requireCapability("members.read");
  const [t, locale, config] = await Promise.all([getTranslations("console.members"), getLocale(), getDb().then(getProgramConfig)]);
  const tierNames = Object.fromEntries(config.tiers.map((tier) => [tier.id, locale === "en" ? tier.name.en : tier.name.de]));
  return (
    <>
      <PageHeader title={t("title")} intro={t("intro")} />
      <MemberSearch tierNames={tierNames} />
    </>
  );
}
