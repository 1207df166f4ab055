import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ComingSoon } from "@/components/ui/coming-soon";
import { InviteIcon } from "@/components/ui/icons";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("nav"))("invite") };
}

export default async function InvitePage() {
  const t = await getTranslations();
  return <ComingSoon title={t("nav.invite")} body={t("soon.invite")} icon={<InviteIcon className="size-7" />} />;
}
