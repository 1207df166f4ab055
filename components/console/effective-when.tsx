"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { describedBy, Field, inputClasses } from "@/components/ui/field";
import { localInputToIso } from "@/lib/console/datetime-local";

/** "From now" or "from a chosen time", for every program change that can be scheduled. */
export function useEffectiveWhen() {
  const [when, setWhen] = useState<"now" | "at">("now");
  const [at, setAt] = useState("");
  // An empty "at" stays "" so the schema names the missing time.
  const effectiveFrom = when === "at" ? (localInputToIso(at) ?? "") : undefined;
  return { when, setWhen, at, setAt, effectiveFrom };
}

export function EffectiveWhen({ id, state, error }: { id: string; state: ReturnType<typeof useEffectiveWhen>; error?: string | undefined }) {
  const t = useTranslations("console.earning");
  return (
    <fieldset>
      <legend className="text-sm font-medium">{t("effective")}</legend>
      <div className="mt-2 flex flex-wrap gap-4">
        <label className="inline-flex min-h-11 items-center gap-2 text-sm">
          <input type="radio" name={`${id}-when`} checked={state.when === "now"} onChange={() => state.setWhen("now")} className="size-5" />
          {t("effectiveNow")}
        </label>
        <label className="inline-flex min-h-11 items-center gap-2 text-sm">
          <input type="radio" name={`${id}-when`} checked={state.when === "at"} onChange={() => state.setWhen("at")} className="size-5" />
          {t("effectiveAt")}
        </label>
      </div>
      {state.when === "at" && (
        <Field required id={`${id}-at`} label={t("effectiveAtLabel")} error={error} className="mt-2 max-w-xs">
          <input {...describedBy(`${id}-at`, { error })} type="datetime-local" value={state.at} onChange={(e) => state.setAt(e.target.value)} className={inputClasses} />
        </Field>
      )}
    </fieldset>
  );
}
