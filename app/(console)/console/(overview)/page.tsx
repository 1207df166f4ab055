import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { AuditList } from "@/components/console/audit-list";
import { PageHeader } from "@/components/console/page-header";
import { LaunchCard, SetupWizard } from "@/components/console/setup-wizard";
import { Card, CardHeader } from "@/components/ui/card";
import { requireStaff } from "@/lib/console/guard";
import { can, tillOnlyRole } from "@/lib/loyalty/roles";
import { redirect } from "next/navigation";
import { getDb } from "@/lib/db";
import { listAudit, nameAuditRows } from "@/lib/db/queries/audit";
import { getConsoleOverview } from "@/lib/db/queries/console-overview";
import { getProgramLaunch } from "@/lib/db/queries/console-program";
import { getProgramConfig } from "@/lib/db/queries/program";
import { formatMoneyUnit } from "@/lib/i18n/money";

export default async function ConsoleOverviewPage() {
  const staff = await requireStaff();
  // The store's till staff start at the till, the one page they have.
  if (tillOnlyRole(staff.role)) redirect("/console/till");
  const db = await getDb();
  const [t, format, locale, overview, config, recent, launch] = await Promise.all([
    getTranslations("console.overview"),
    getFormatter(),
    getLocale(),
    getConsoleOverview(db),
    getProgramConfig(db),
    can(staff.role, "audit.read") ? listAudit(db, {}, 8).then((rows) => nameAuditRows(db, rows)) : Promise.resolve(null),
    getProgramLaunch(db),
  ]);
  const mayEdit = can(staff.role, "program.edit");
  const figures = [
    { label: t("members"), value: format.number(overview.members), href: can(staff.role, "members.read") ? "/console/members" : null },
    { label: t("pointsOutstanding"), value: format.number(overview.pointsOutstanding), href: null },
    { label: t("reviewQueue"), value: format.number(overview.reviewQueue), href: can(staff.role, "moderate") ? "/console/moderation" : null },
    { label: t("openRequests"), value: format.number(overview.openRequests), href: can(staff.role, "support") ? "/console/conversations" : null },
    { label: t("earnRule"), value: t("earnRuleValue", { points: config.earnRule.pointsPerUnit, unit: formatMoneyUnit(locale, config.currency) }), href: can(staff.role, "program.edit") ? "/console/program/earning" : null },
  ];
  return (
    <>
      <PageHeader title={t("title")} intro={t("intro")} />
      {mayEdit && !launch.exists && (
        <div className="mb-6">
          <SetupWizard />
        </div>
      )}
      {mayEdit && launch.exists && !launch.launchedAt && (
        <div className="mb-6">
          <LaunchCard />
        </div>
      )}
      <ul className="grid gap-4 sm:grid-cols-2 xl:grid-cols-5">
        {figures.map((f) => (
          <li key={f.label}>
            <Card className="h-full">
              <p className="text-sm text-stone-600">{f.label}</p>
              <p className="mt-1 text-2xl font-bold tabular-nums">
                {f.href ? (
                  <Link href={f.href} className="hover:underline">
                    {f.value}
                  </Link>
                ) : (
                  f.value
                )}
              </p>
            </Card>
          </li>
        ))}
      </ul>
      {recent && (
        <Card className="mt-6">
          <CardHeader title={t("recentChanges")} />
          <AuditList rows={recent} />
        </Card>
      )}
    </>
  );
}
