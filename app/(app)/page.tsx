import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ActivityList } from "@/components/home/activity-list";
import { BalanceCard } from "@/components/home/balance-card";
import { requireMember } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { getLastActivity } from "@/lib/db/queries/expiry";
import { getRecentLedgerEntries } from "@/lib/db/queries/members";
import { getEarnRule } from "@/lib/db/queries/program";
import { expiresAt } from "@/lib/loyalty/expiry";

export default async function HomePage() {
  const member = await requireMember();
  const db = await getDb();
  const [t, entries, lastActivity, rule] = await Promise.all([
    getTranslations("home"),
    getRecentLedgerEntries(db, member.id, 5),
    getLastActivity(db, member.id),
    getEarnRule(db),
  ]);
  const now = new Date();
  const firstName = member.name?.split(" ")[0];
  return (
    <div className="space-y-5 md:space-y-6">
      <h1 className="text-2xl font-bold tracking-tight md:text-3xl">
        {firstName ? t("greeting", { name: firstName }) : t("greetingAnonymous")}
      </h1>
      {!member.name && (
        <p className="rounded-2xl bg-gold-300/40 px-4 py-3 text-sm text-stone-900">
          <Link href="/profile" className="font-medium underline underline-offset-2">
            {t("addName")}
          </Link>
        </p>
      )}
      <BalanceCard points={member.pointsBalance} debt={member.pointsDebt} expiry={lastActivity && expiresAt(lastActivity, rule.pointsValidMonths)} now={now} />
      <ActivityList entries={entries} moreHref="/history" />
    </div>
  );
}
