"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { describedBy, Field, inputClasses } from "@/components/ui/field";
import { moderationSchema } from "@/lib/validations/console";
import { TEXT } from "@/lib/validations/limits";
import { FormErrorSummary } from "./form-error-summary";
import { useConsoleAction } from "./use-console-action";

export type QueueItem = { id: string; kind: string; title: string; stars: number | null; text: string | null; photoUrl: string | null; photoAlt: string; by: string; when: string };

/** The review queue with selection: decide one or many at once; a rejection needs a reason. */
export function ModerationQueue({ items }: { items: QueueItem[] }) {
  const t = useTranslations("console.moderation");
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [reason, setReason] = useState("");
  const [zoomed, setZoomed] = useState<QueueItem | null>(null);
  const action = useConsoleAction<unknown, { decided: number }>("moderation.decide", {
    success: (r) => t("decided", { count: r.decided }),
  });
  const toggle = (id: string) => setSelected((s) => (s.has(id) ? new Set([...s].filter((x) => x !== id)) : new Set([...s, id])));
  const decide = (ids: string[], decision: "approve" | "reject") =>
    action.submit(moderationSchema, decision === "approve" ? { submissionIds: ids, decision } : { submissionIds: ids, decision, reason }, {
      onSuccess: () => {
        setSelected(new Set());
        setReason("");
      },
    });
  const ids = [...selected];
  return (
    <div className="space-y-4">
      <div className="sticky top-0 z-10 flex flex-wrap items-end gap-3 rounded-2xl border border-stone-200 bg-white/95 p-4 backdrop-blur">
        <label className="inline-flex min-h-11 items-center gap-2 text-sm font-medium">
          <input type="checkbox" className="size-5" checked={items.length > 0 && selected.size === items.length} onChange={(e) => setSelected(e.target.checked ? new Set(items.map((i) => i.id)) : new Set())} />
          {t("selectAll")}
        </label>
        <Field required id="reject-reason" label={t("reason")} error={action.fieldErrors["/reason"]} className="min-w-64 flex-1">
          <input {...describedBy("reject-reason", { error: action.fieldErrors["/reason"] })} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={TEXT.reason.max} className={inputClasses} />
        </Field>
        <Button onClick={() => decide(ids, "approve")} disabled={ids.length === 0 || action.isPending}>
          {t("approveSelected", { count: ids.length })}
        </Button>
        <Button variant="danger" onClick={() => decide(ids, "reject")} disabled={ids.length === 0 || action.isPending}>
          {t("rejectSelected", { count: ids.length })}
        </Button>
        <FormErrorSummary {...action.summary} className="basis-full" />
      </div>
      <ul className="grid gap-4 md:grid-cols-2">
        {items.map((item) => (
          <li key={item.id} className="flex gap-3 rounded-3xl border border-stone-200 bg-white p-4" data-testid="queued">
            <input type="checkbox" className="mt-1 size-5 shrink-0" checked={selected.has(item.id)} onChange={() => toggle(item.id)} aria-label={t("select", { what: item.title })} />
            <div className="min-w-0 flex-1 space-y-2">
              <h2 className="font-semibold">
                {item.title}
                {item.stars !== null && (
                  <span className="ml-2 text-amber-700" aria-label={t("stars", { count: item.stars })}>
                    {"★".repeat(item.stars)}
                  </span>
                )}
              </h2>
              <p className="text-xs text-stone-600">
                {item.by} · {item.when}
              </p>
              {item.photoUrl && (
                <button type="button" onClick={() => setZoomed(item)} className="block rounded-2xl" aria-label={`${t("zoom")}: ${item.photoAlt}`}>
                  {/* eslint-disable-next-line @next/next/no-img-element -- a private, already-sized WebP behind auth */}
                  <img src={item.photoUrl} alt={item.photoAlt} className="max-h-48 rounded-2xl object-contain" />
                </button>
              )}
              {item.text && <p className="text-sm whitespace-pre-line text-stone-800">{item.text}</p>}
              <div className="flex flex-wrap gap-2">
                <Button onClick={() => decide([item.id], "approve")} disabled={action.isPending}>
                  {t("approve")}
                </Button>
                <Button variant="danger" onClick={() => decide([item.id], "reject")} disabled={action.isPending}>
                  {t("reject")}
                </Button>
              </div>
            </div>
          </li>
        ))}
      </ul>
      <Dialog open={zoomed !== null} onClose={() => setZoomed(null)} title={zoomed?.photoAlt ?? ""} closeLabel={t("close")}>
        {/* eslint-disable-next-line @next/next/no-img-element -- the same private WebP, full size */}
        {zoomed?.photoUrl && <img src={zoomed.photoUrl} alt={zoomed.photoAlt} className="mx-auto max-h-[70vh] object-contain" />}
      </Dialog>
    </div>
  );
}
