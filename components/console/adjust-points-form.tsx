"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { describedBy, Field, inputClasses } from "@/components/ui/field";
import { adjustPointsSchema } from "@/lib/validations/console";
import { numberFromText } from "@/lib/validations/form-input";
import { POINTS_ADJUSTMENT, TEXT } from "@/lib/validations/limits";
import { FormErrorSummary } from "./form-error-summary";
import { useConsoleAction } from "./use-console-action";

/** +/- points with a reason; checked here by the same schema the server applies. */
export function AdjustPointsForm({ memberId }: { memberId: string }) {
  const t = useTranslations("console.member");
  const [points, setPoints] = useState("");
  const [reason, setReason] = useState("");
  const [requestId, setRequestId] = useState(() => crypto.randomUUID());
  const action = useConsoleAction<unknown, { balance: number }>("members.adjust", {
    success: (r) => t("adjusted", { balance: r.balance }),
  });
  const errors = action.fieldErrors;
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const input = { memberId, points: numberFromText(points), reason, requestId };
    action.submit(adjustPointsSchema, input, {
      onSuccess: () => {
        setPoints("");
        setReason("");
        setRequestId(crypto.randomUUID()); // the next booking is a new one; a retry of this one is not
      },
    });
  };
  return (
    <form onSubmit={submit} noValidate className="space-y-3">
      <Field required id="adjust-points" label={t("points")} error={errors["/points"]}>
        <input {...describedBy("adjust-points", { error: errors["/points"] })} type="number" inputMode="numeric" step={1} min={POINTS_ADJUSTMENT.min} max={POINTS_ADJUSTMENT.max} value={points} onChange={(e) => setPoints(e.target.value)} className={inputClasses} required />
      </Field>
      <Field required id="adjust-reason" label={t("reason")} hint={t("reasonHint")} error={errors["/reason"]}>
        <input {...describedBy("adjust-reason", { hint: true, error: errors["/reason"] })} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={TEXT.reason.max} className={inputClasses} required />
      </Field>
      <FormErrorSummary {...action.summary} />
      <Button type="submit" disabled={action.isPending}>
        {t("save")}
      </Button>
    </form>
  );
}
