import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AuditList } from "@/components/console/audit-list";
import { PageHeader } from "@/components/console/page-header";
import { buttonClasses } from "@/components/ui/button";
import { Field, inputClasses } from "@/components/ui/field";
import { requireCapability } from "@/lib/console/guard";
import { getDb } from "@/lib/db";
import { listAudit, listAuditActions, nameAuditRows } from "@/lib/db/queries/audit";
import { auditSentenceKey } from "@/lib/loyalty/audit-sentence";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("console.audit"))("title") };
}

type Search = { action?: string; target?: string; actor?: string; before?: string };

/** The append-only log, newest first, filtered by a plain GET form (works without JavaScript). */
export default async function AuditPage({ searchParams }: { searchParams: Promise<Search> }) {
  await requireCapability("audit.read");
  const search = await searchParams;
  const before = Number.parseInt(search.before ?? "", 10);
  const filter = {
    action: search.action?.slice(0, 64) || undefined,
    target: search.target?.slice(0, 200) || undefined,
    actor: search.actor?.slice(0, 200) || undefined,
    before: Number.isSafeInteger(before) && before > 0 ? before : undefined,
  };
  const db = await getDb();
  const [t, rows, actions] = await Promise.all([getTranslations("console.audit"), listAudit(db, filter), listAuditActions(db)]);
  const entries = await nameAuditRows(db, rows);
  const kindLabel = (action: string) => (t.has(`kinds.${auditSentenceKey(action)}` as "kinds.member_adjust") ? t(`kinds.${auditSentenceKey(action)}` as "kinds.member_adjust") : action);
  const older = rows.length === 50 ? new URLSearchParams({ ...Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)])), before: String(rows.at(-1)!.id) }) : null;
  return (
    <>
      <PageHeader title={t("title")} intro={t("intro")} />
      <form method="get" className="mb-4 flex flex-wrap items-end gap-3 rounded-2xl border border-stone-200 bg-white p-4">
        <Field id="audit-action" label={t("action")}>
          <select id="audit-action" name="action" defaultValue={filter.action ?? ""} className={inputClasses}>
            <option value="">{t("all")}</option>
            {actions.map((a) => (
              <option key={a} value={a}>
                {kindLabel(a)}
              </option>
            ))}
          </select>
        </Field>
        <Field id="audit-target" label={t("target")}>
          <input id="audit-target" name="target" defaultValue={filter.target ?? ""} className={inputClasses} />
        </Field>
        <Field id="audit-actor" label={t("actor")}>
          <input id="audit-actor" name="actor" defaultValue={filter.actor ?? ""} className={inputClasses} />
        </Field>
        <button type="submit" className={buttonClasses("secondary")}>
          {t("filter")}
        </button>
      </form>
      <AuditList rows={entries} />
      {older && (
        <Link href={`/console/audit?${older}`} className={buttonClasses("secondary", "mt-4")}>
          {t("older")}
        </Link>
      )}
    </>
  );
}
