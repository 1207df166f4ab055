import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/console/page-header";
import { ProgramImport } from "@/components/console/program-import";
import { buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { requireCapability } from "@/lib/console/guard";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("console.document"))("title") };
}

export default async function ProgramDocumentPage() {
  await requireCapability("program.edit");
  const t = await getTranslations("console.document");
  return (
    <>
      <PageHeader title={t("title")} intro={t("intro")} />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <a href="/api/console/program/export" download className={buttonClasses("secondary")}>
            {t("export")}
          </a>
        </Card>
        <Card>
          <ProgramImport />
        </Card>
      </div>
    </>
  );
}
