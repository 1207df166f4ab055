"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { describedBy, Field, inputClasses } from "@/components/ui/field";
import { rewardCodesSchema } from "@/lib/validations/console";
import { numberFromText } from "@/lib/validations/form-input";
import { GENERATED_CODES } from "@/lib/validations/limits";
import { FormErrorSummary } from "./form-error-summary";
import { useConsoleAction } from "./use-console-action";

/** A reward's code pool: paste or upload the shop's CSV, or have codes generated. */
export function RewardCodes({ rewardId, name }: { rewardId: string; name: string }) {
  const t = useTranslations("console.rewards");
  const tc = useTranslations("console");
  const [open, setOpen] = useState(false);
  const [csv, setCsv] = useState("");
  const [count, setCount] = useState("100");
  const action = useConsoleAction<unknown, { added: number; free: number }>("rewards.codes", { success: (r) => t("codesAdded", { count: r.added, free: r.free }) });
  const close = () => setOpen(false);
  const only = (pointer: string) => Object.fromEntries(Object.entries(action.fieldErrors).filter(([k]) => k === pointer));
  return (
    <>
      <Button
        variant="secondary"
        onClick={() => {
          setCsv("");
          setCount("100");
          action.reset();
          setOpen(true);
        }}
      >
        {t("codes")}
      </Button>
      <Dialog open={open} onClose={close} title={t("codesTitle", { name })} closeLabel={tc("moderation.close")}>
        <form
          noValidate
          className="space-y-3"
          onSubmit={(e) => {
            e.preventDefault();
            action.submit(rewardCodesSchema, { rewardId, csv }, { onSuccess: close });
          }}
        >
          <Field required id={`csv-${rewardId}`} label={t("csv")} error={action.fieldErrors["/csv"]}>
            <textarea {...describedBy(`csv-${rewardId}`, { error: action.fieldErrors["/csv"] })} rows={6} value={csv} onChange={(e) => setCsv(e.target.value)} className={`${inputClasses} py-2 font-mono`} />
          </Field>
          <input
            type="file"
            accept=".csv,text/csv,text/plain"
            aria-label={t("csv")}
            className="block text-sm"
            onChange={async (e) => {
              const file = e.target.files?.[0];
              if (file) setCsv(await file.text());
            }}
          />
          <FormErrorSummary errors={only("/csv")} attempt={action.failedAttempt} />
          <Button type="submit" disabled={action.isPending || csv.trim() === ""}>
            {t("upload")}
          </Button>
        </form>
        <form
          noValidate
          className="mt-6 flex flex-wrap items-end gap-3 border-t border-stone-200 pt-4"
          onSubmit={(e) => {
            e.preventDefault();
            action.submit(rewardCodesSchema, { rewardId, generate: numberFromText(count) ?? Number.NaN }, { onSuccess: close });
          }}
        >
          <Field required id={`gen-${rewardId}`} label={t("generateCount")} error={action.fieldErrors["/generate"]}>
            <input {...describedBy(`gen-${rewardId}`, { error: action.fieldErrors["/generate"] })} type="number" min={GENERATED_CODES.min} max={GENERATED_CODES.max} step={1} value={count} onChange={(e) => setCount(e.target.value)} className={inputClasses} />
          </Field>
          <Button type="submit" variant="secondary" disabled={action.isPending}>
            {t("generate")}
          </Button>
          <div className="basis-full empty:hidden">
            <FormErrorSummary errors={only("/generate")} attempt={action.failedAttempt} />
          </div>
        </form>
      </Dialog>
    </>
  );
}
