import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/console/page-header";
import { SupportAnswerForm } from "@/components/console/support-answer-form";
import { Card } from "@/components/ui/card";
import { LinkTabs } from "@/components/ui/tabs";
import { requireCapability } from "@/lib/console/guard";
import { getDb } from "@/lib/db";
import { listSupportQueue } from "@/lib/db/queries/support";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("console.support"))("title") };
}

export default async function SupportPage({ searchParams }: { searchParams: Promise<{ status?: string }> }) {
  await requireCapability("support");
  const status = (await searchParams).status === "resolved" ? "resolved" : "open";
  const [t, format, queue] = await Promise.all([getTranslations("console.support"), getFormatter(), getDb().then((db) => listSupportQueue(db, status))]);
  return (
    <>
      <PageHeader title={t("title")} intro={t("intro")} />
      <div className="mb-4">
        <LinkTabs
          label={t("title")}
          current={status === "open" ? "/console/support" : "/console/support?status=resolved"}
          tabs={[
            { href: "/console/support", label: t("open") },
            { href: "/console/support?status=resolved", label: t("resolved") },
          ]}
        />
      </div>
      {queue.length === 0 && <p className="text-sm text-stone-600">{t("none")}</p>}
      <ul className="space-y-4">
        {queue.map(({ request, email, name, shopCustomerId }) => (
          <li key={request.id} data-testid="support-item">
            <Card>
              <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
                <h2 className="font-semibold">{t("order", { number: request.orderNumber, date: format.dateTime(new Date(`${request.orderDate}T12:00:00Z`), { dateStyle: "medium" }) })}</h2>
                <Link href={`/console/members/${request.memberId}`} className="inline-flex min-h-11 items-center text-sm font-semibold text-brand-800 hover:underline">
                  {name ?? email} {shopCustomerId && <span className="ml-1 font-mono text-xs text-stone-600">{shopCustomerId}</span>}
                </Link>
              </div>
              {request.message && <p className="mb-3 text-sm whitespace-pre-line text-stone-800">{request.message}</p>}
              {request.status === "open" ? (
                <SupportAnswerForm requestId={request.id} />
              ) : (
                <p className="text-sm text-stone-700">
                  {request.pointsGranted ? `${t("granted", { points: request.pointsGranted })} · ` : ""}
                  {request.reply}
                </p>
              )}
            </Card>
          </li>
        ))}
      </ul>
    </>
  );
}
