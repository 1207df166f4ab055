"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, inputClasses } from "@/components/ui/field";
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
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        {t("codes")}
      </Button>
      <Dialog open={open} onClose={close} title={t("codesTitle", { name })} closeLabel={tc("moderation.close")}>
        <form
          className="space-y-3"
          onSubmit={(e) => {
            e.preventDefault();
            action.mutate({ rewardId, csv }, { onSuccess: close });
          }}
        >
          <Field id={`csv-${rewardId}`} label={t("csv")}>
            <textarea id={`csv-${rewardId}`} rows={6} value={csv} onChange={(e) => setCsv(e.target.value)} className={`${inputClasses} py-2 font-mono`} />
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
          <Button type="submit" disabled={action.isPending || csv.trim() === ""}>
            {t("upload")}
          </Button>
        </form>
        <form
          className="mt-6 flex flex-wrap items-end gap-3 border-t border-stone-200 pt-4"
          onSubmit={(e) => {
            e.preventDefault();
            action.mutate({ rewardId, generate: Number(count) }, { onSuccess: close });
          }}
        >
          <Field id={`gen-${rewardId}`} label={t("generateCount")}>
            <input id={`gen-${rewardId}`} type="number" min={1} max={10000} value={count} onChange={(e) => setCount(e.target.value)} className={inputClasses} />
          </Field>
          <Button type="submit" variant="secondary" disabled={action.isPending}>
            {t("generate")}
          </Button>
        </form>
      </Dialog>
    </>
  );
}
