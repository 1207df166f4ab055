import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ActivityList } from "@/components/home/activity-list";
import { BalanceChart } from "@/components/history/balance-chart";
import { requireMember } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { countLedgerEntries, getBalanceHistory, getLedgerPage } from "@/lib/db/queries/members";
import { AsOf } from "@/components/pwa/as-of";
import { MissingPointsForm } from "@/components/history/missing-points-form";
import { Card, CardHeader } from "@/components/ui/card";
import { IslandMessages } from "@/components/ui/island-messages";
import { listMemberConversations } from "@/lib/db/queries/conversations";
import { buttonClasses } from "@/components/ui/button";

const PAGE_SIZE = 20;

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("history"))("title") };
}

export default async function HistoryPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const member = await requireMember();
  const requested = Number((await searchParams).page ?? 1);
  const db = await getDb();
  const [t, total, series, requests] = await Promise.all([
    getTranslations("history"),
    countLedgerEntries(db, member.id),
    getBalanceHistory(db, member.id),
    listMemberConversations(db, member.id).then((all) => all.filter((c) => c.orderNumber !== null)),
  ]);
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const page = Number.isInteger(requested) && requested >= 1 ? Math.min(requested, pages) : 1;
  const entries = await getLedgerPage(db, member.id, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const pager = buttonClasses("secondary");
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-bold tracking-tight md:text-3xl">{t("title")}</h1>
      <AsOf />
      <BalanceChart points={series} now={new Date()} current={member.pointsBalance} />
      <ActivityList entries={entries} heading={t("entries")} empty={t("empty")} />
      {pages > 1 && (
        <nav aria-label={t("page", { page, pages })} className="flex items-center justify-between gap-3">
          {page > 1 ? (
            <a href={`/history?page=${page - 1}`} className={pager}>
              {t("newer")}
            </a>
          ) : (
            <span />
          )}
          <span className="text-sm text-stone-600">{t("page", { page, pages })}</span>
          {page < pages ? (
            <a href={`/history?page=${page + 1}`} className={pager}>
              {t("older")}
            </a>
          ) : (
            <span />
          )}
        </nav>
      )}
      <Card aria-labelledby="missing-title">
        <CardHeader id="missing-title" title={t("missing.title")} hint={t("missing.intro")} />
        {requests.length > 0 && (
          <ul className="mb-4 space-y-2 text-sm" aria-label={t("missing.requests")}>
            {requests.map((r) => (
              <li key={r.id} data-testid="support-request">
                <a href={`/help/${r.id}`} className="block rounded-2xl bg-stone-50 px-3 py-2 hover:bg-stone-100">
                  {r.status === "closed" ? t("missing.answered", { number: r.orderNumber ?? "" }) : r.status === "waiting" ? t("missing.replied", { number: r.orderNumber ?? "" }) : t("missing.open", { number: r.orderNumber ?? "" })}
                </a>
              </li>
            ))}
          </ul>
        )}
        <IslandMessages namespaces={["history"]}>
          <MissingPointsForm today={new Date().toISOString().slice(0, 10)} />
        </IslandMessages>
        <p className="mt-4 text-sm text-stone-700">
          {t("missing.otherQuestion")}{" "}
          <a href="/help" className="font-semibold text-brand-800 underline-offset-2 hover:underline">
            {t("missing.help")}
          </a>
        </p>
      </Card>
    </div>
  );
}
