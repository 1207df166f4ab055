import Link from "next/link";
import type { ReactNode } from "react";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import type { AuditEntry } from "@/lib/db/queries/audit";
import { auditLink, auditSentenceKey, auditSentenceValues, auditTarget } from "@/lib/loyalty/audit-sentence";
import { Table, Td, Th } from "@/components/ui/table";

function show(value: unknown): string {
  return value === null || value === undefined ? "–" : JSON.stringify(value, null, 1);
}

/** Audit rows as sentences ("Anna gave Ben 50 points: Kulanz") linking what changed; before and after stay folded. */
export async function AuditList({ rows }: { rows: AuditEntry[] }) {
  const [t, tJourneys, tJobs, format, locale] = await Promise.all([
    getTranslations("console.audit"),
    getTranslations("console.journeys.names"),
    getTranslations("console.jobs.names"),
    getFormatter(),
    getLocale(),
  ]);
  if (rows.length === 0) return <p className="text-sm text-stone-600">{t("none")}</p>;
  const subjectOf = (row: AuditEntry): string => {
    const { kind, id } = auditTarget(row.target);
    if (row.subjectGone) return t("formerAccount");
    if (kind === "journey" && tJourneys.has(id as "welcome")) return tJourneys(id as "welcome");
    if (kind === "job") {
      const name = id.split(":")[0] ?? "";
      return tJobs.has(name as "upkeep") ? tJobs(name as "upkeep") : name;
    }
    if (row.subject && typeof row.subject === "object") return (locale === "en" ? row.subject.en : undefined) || row.subject.de;
    return row.subject ?? id;
  };
  const sentence = (row: AuditEntry): ReactNode => {
    const key = auditSentenceKey(row.action);
    const href = auditLink(row.target);
    const link = (chunks: ReactNode) =>
      href ? (
        <Link href={href} className="font-semibold text-brand-800 hover:underline">
          {chunks}
        </Link>
      ) : (
        <strong>{chunks}</strong>
      );
    const values = { ...auditSentenceValues(row, locale), actor: row.actorName, subject: subjectOf(row) };
    if (!t.has(`sentences.${key}` as "sentences.member_adjust")) return t("unknown", { actor: row.actorName, action: row.action, target: row.target });
    return t.rich(`sentences.${key}` as "sentences.member_adjust", { ...values, link } as never);
  };
  return (
    <Table caption={t("title")}>
      <thead>
        <tr>
          <Th>{t("when")}</Th>
          <Th>{t("sentence")}</Th>
          <Th>{t("details")}</Th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id} data-testid="audit-row" data-action={row.action}>
            <Td className="whitespace-nowrap">{format.dateTime(row.createdAt, { dateStyle: "short", timeStyle: "medium" })}</Td>
            <Td data-testid="audit-sentence">{sentence(row)}</Td>
            <Td>
              <details>
                <summary className="min-h-11 cursor-pointer py-2 text-sm font-medium text-brand-800">{t("details")}</summary>
                <p className="mb-2 text-xs text-stone-600">
                  {row.actorEmail} · <span className="font-mono">{row.action}</span> · <span className="font-mono break-all">{row.target}</span>
                </p>
                <div className="grid gap-2 md:grid-cols-2">
                  <pre className="max-h-64 overflow-auto rounded-xl bg-stone-100 p-2 text-xs whitespace-pre-wrap" data-testid="audit-before" aria-label={t("before")}>{show(row.before)}</pre>
                  <pre className="max-h-64 overflow-auto rounded-xl bg-brand-50 p-2 text-xs whitespace-pre-wrap" data-testid="audit-after" aria-label={t("after")}>{show(row.after)}</pre>
                </div>
              </details>
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
