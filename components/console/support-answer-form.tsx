"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { describedBy, Field, inputClasses } from "@/components/ui/field";
import { supportResolveSchema } from "@/lib/validations/console";
import { numberFromText } from "@/lib/validations/form-input";
import { SUPPORT_POINTS, TEXT } from "@/lib/validations/limits";
import { FormErrorSummary } from "./form-error-summary";
import { useConsoleAction } from "./use-console-action";

/** Points (0 for a reply only) and the words the member reads, in one step. */
export function SupportAnswerForm({ requestId }: { requestId: string }) {
  const t = useTranslations("console.support");
  const [points, setPoints] = useState("0");
  const [reply, setReply] = useState("");
  const action = useConsoleAction("support.resolve", { success: t("answered") });
  const id = requestId.slice(0, 8);
  return (
    <form
      noValidate
      className="grid gap-3 md:grid-cols-[10rem_minmax(0,1fr)_auto] md:items-end"
      onSubmit={(e) => {
        e.preventDefault();
        action.submit(supportResolveSchema, { requestId, points: numberFromText(points), reply });
      }}
    >
      <Field required id={`sp-${id}`} label={t("points")} error={action.fieldErrors["/points"]}>
        <input {...describedBy(`sp-${id}`, { error: action.fieldErrors["/points"] })} type="number" min={SUPPORT_POINTS.min} max={SUPPORT_POINTS.max} step={1} value={points} onChange={(e) => setPoints(e.target.value)} className={inputClasses} />
      </Field>
      <Field required id={`sr-${id}`} label={t("reply")} error={action.fieldErrors["/reply"]}>
        <input {...describedBy(`sr-${id}`, { error: action.fieldErrors["/reply"] })} value={reply} onChange={(e) => setReply(e.target.value)} maxLength={TEXT.supportReply.max} className={inputClasses} />
      </Field>
      <Button type="submit" disabled={action.isPending}>
        {t("send")}
      </Button>
      <FormErrorSummary {...action.summary} className="md:col-span-3" />
    </form>
  );
}
