import { getFormatter, getTranslations } from "next-intl/server";
import type { AuditRow } from "@/lib/db/queries/audit";
import { Table, Td, Th } from "@/components/ui/table";

function show(value: unknown): string {
  return value === null || value === undefined ? "–" : JSON.stringify(value, null, 1);
}

/** Audit rows with their before and after, folded so a long table stays readable. */
export async function AuditList({ rows }: { rows: AuditRow[] }) {
  const [t, format] = await Promise.all([getTranslations("console.audit"), getFormatter()]);
  if (rows.length === 0) return <p className="text-sm text-stone-600">{t("none")}</p>;
  return (
    <Table caption={t("title")}>
      <thead>
        <tr>
          <Th>{t("when")}</Th>
          <Th>{t("actor")}</Th>
          <Th>{t("action")}</Th>
          <Th>{t("target")}</Th>
          <Th>
            {t("before")} → {t("after")}
          </Th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id} data-testid="audit-row">
            <Td className="whitespace-nowrap">{format.dateTime(row.createdAt, { dateStyle: "short", timeStyle: "medium" })}</Td>
            <Td className="break-all">{row.actorEmail}</Td>
            <Td className="font-mono text-xs" data-testid="audit-action">
              {row.action}
            </Td>
            <Td className="font-mono text-xs break-all">{row.target}</Td>
            <Td>
              <details>
                <summary className="min-h-11 cursor-pointer py-2 text-sm font-medium text-brand-800">{t("before")} → {t("after")}</summary>
                <div className="grid gap-2 md:grid-cols-2">
                  <pre className="max-h-64 overflow-auto rounded-xl bg-stone-100 p-2 text-xs whitespace-pre-wrap" data-testid="audit-before">{show(row.before)}</pre>
                  <pre className="max-h-64 overflow-auto rounded-xl bg-brand-50 p-2 text-xs whitespace-pre-wrap" data-testid="audit-after">{show(row.after)}</pre>
                </div>
              </details>
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
