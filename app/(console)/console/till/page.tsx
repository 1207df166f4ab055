import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/console/page-header";
import { TillDesk } from "@/components/console/till/till-desk";
import { requireCapability } from "@/lib/console/guard";
import { getDb } from "@/lib/db";
import { programCurrency } from "@/lib/db/queries/program";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("console.till"))("title") };
}

/** Console → Kasse: the shop's till on a tablet. Find the member by their card, book the purchase, redeem a coupon. */
export default async function TillPage() {
  await requireCapability("till");
  const [t, currency] = await Promise.all([getTranslations("console.till"), getDb().then(programCurrency)]);
  return (
    <>
      <PageHeader title={t("title")} intro={t("intro")} />
      <TillDesk currency={currency} />
    </>
  );
}
