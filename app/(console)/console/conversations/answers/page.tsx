import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { CannedAnswerForm } from "@/components/console/conversation-desk";
import { PageHeader } from "@/components/console/page-header";
import { Card } from "@/components/ui/card";
import { requireCapability } from "@/lib/console/guard";
import { getDb } from "@/lib/db";
import { listCannedAnswers } from "@/lib/db/queries/conversations";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("console.conversations.answers"))("title") };
}

/** Canned answers per language: new, edit, delete. */
export default async function CannedAnswersPage() {
  await requireCapability("support");
  const [t, answers] = await Promise.all([getTranslations("console.conversations.answers"), getDb().then((db) => listCannedAnswers(db))]);
  return (
    <>
      <PageHeader title={t("title")} intro={t("intro")} />
      <Link href="/console/conversations" className="mb-4 inline-flex min-h-11 items-center text-sm font-semibold text-brand-800 hover:underline">
        ← {t("back")}
      </Link>
      <div className="space-y-4">
        <Card>
          <h2 className="mb-3 font-semibold">{t("new")}</h2>
          <CannedAnswerForm />
        </Card>
        {answers.length === 0 && <p className="text-sm text-stone-600">{t("none")}</p>}
        {answers.map((a) => (
          <Card key={a.id}>
            <CannedAnswerForm answer={{ id: a.id, locale: a.locale, title: a.title, body: a.body }} />
          </Card>
        ))}
      </div>
    </>
  );
}
