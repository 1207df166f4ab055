import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ComingSoon } from "@/components/ui/coming-soon";
import { TasksIcon } from "@/components/ui/icons";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("nav"))("tasks") };
}

export default async function TasksPage() {
  const t = await getTranslations();
  return <ComingSoon title={t("nav.tasks")} body={t("soon.tasks")} icon={<TasksIcon className="size-7" />} />;
}
