"use client";

import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import type { ImportReport } from "@/lib/import/orders-csv";

/** Uploads a CSV of past orders: a dry run first, reported; then the import itself. */
export function OrdersImport() {
  const t = useTranslations("console.import");
  const [mode, setMode] = useState<"points" | "tiers-only">("points");
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  async function send(dryRun: boolean) {
    // Read from the input itself: a file chosen before the page's script ran is there too.
    const file = fileInput.current?.files?.[0];
    if (!file) {
      setFailure(t("noFile"));
      fileInput.current?.focus();
      return;
    }
    setBusy(true);
    setFailure(null);
    try {
      const response = await fetch(`/api/console/orders-import?${new URLSearchParams({ mode, ...(dryRun && { dryRun: "1" }) })}`, { method: "POST", body: file, headers: { "content-type": "text/csv" } });
      // The server's own words (and a network error's) are English: say it in the page's language.
      if (!response.ok) setFailure(t("failed"));
      else {
        const answer = (await response.json()) as ImportReport;
        setReport(answer);
        if (answer.errorCount > 0) fileInput.current?.focus();
      }
    } catch {
      setFailure(t("failed"));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end gap-4">
        <label className="block text-sm font-medium">
          {t("file")}
          <input
            ref={fileInput}
            id="orders-file"
            aria-invalid={failure || (report && report.errorCount > 0) ? true : undefined}
            aria-describedby="orders-import-report"
            type="file"
            accept=".csv,text/csv"
            className="mt-1 block text-sm"
            onChange={() => {
              setReport(null);
              setFailure(null);
            }}
          />
        </label>
        <fieldset className="flex flex-wrap gap-4">
          <legend className="mb-1 text-sm font-medium">{t("mode")}</legend>
          {(["points", "tiers-only"] as const).map((m) => (
            <label key={m} className="inline-flex min-h-11 items-center gap-2 text-sm">
              <input type="radio" name="import-mode" className="size-5" checked={mode === m} onChange={() => setMode(m)} />
              {t(`modes.${m}`)}
            </label>
          ))}
        </fieldset>
      </div>
      <div className="flex flex-wrap gap-3">
        <Button variant="secondary" disabled={busy} onClick={() => void send(true)}>
          {t("dryRun")}
        </Button>
        <Button disabled={busy || !report || report.applied || report.errorCount > 0} onClick={() => void send(false)}>
          {t("apply")}
        </Button>
      </div>
      <div id="orders-import-report" role="status" aria-live="polite" data-testid="import-report" className="text-sm">
        {busy && <p>{t("working")}</p>}
        {failure && <p className="text-red-800">{failure}</p>}
        {report && report.errorCount > 0 && (
          <div className="text-red-800">
            <p className="font-semibold">{t("errors", { count: report.errorCount })}</p>
            <ul className="mt-1 list-disc pl-5">
              {report.errors.map((e) => (
                <li key={`${e.line}-${e.message}`}>{t("line", { line: e.line, message: t(`problems.${e.problem}`, e.values) })}</li>
              ))}
            </ul>
          </div>
        )}
        {report && report.errorCount === 0 && (
          <p>{t(report.applied ? "done" : "wouldDo", { rows: report.rows, known: report.knownOrders, orders: report.newOrders, members: report.newMembers, points: report.points })}</p>
        )}
      </div>
    </div>
  );
}
