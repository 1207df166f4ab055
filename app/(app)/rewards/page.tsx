import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ComingSoon } from "@/components/ui/coming-soon";
import { GiftIcon } from "@/components/ui/icons";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("nav"))("rewards") };
}

export default async function RewardsPage() {
  const t = await getTranslations();
  return <ComingSoon title={t("nav.rewards")} body={t("soon.rewards")} icon={<GiftIcon className="size-7" />} />;
}
