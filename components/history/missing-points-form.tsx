"use client";

import { useTranslations } from "@/lib/i18n/island-text";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field, inputClasses } from "@/components/ui/field";
import { reportMissingPoints, type MissingPointsState } from "@/lib/actions/report-missing-points";

/** Order number and date of an order that earned nothing; works as a plain form without JavaScript. */
export function MissingPointsForm({ today }: { today: string }) {
  const t = useTranslations("history.missing");
  const [state, action, pending] = useActionState<MissingPointsState, FormData>(reportMissingPoints, { status: "idle" });
  const invalid = (field: MissingPointsState["field"]) => (state.status === "invalid" && state.field === field) || undefined;
  return (
    <form action={action} className="space-y-3">
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id="missing-order" label={t("orderNumber")}>
          <input id="missing-order" name="orderNumber" required maxLength={64} aria-invalid={invalid("orderNumber")} aria-describedby="missing-status" className={inputClasses} />
        </Field>
        <Field id="missing-date" label={t("orderDate")}>
          <input id="missing-date" name="orderDate" type="date" required max={today} aria-invalid={invalid("orderDate")} aria-describedby="missing-status" className={inputClasses} />
        </Field>
      </div>
      <Field id="missing-message" label={t("message")}>
        <textarea id="missing-message" name="message" rows={2} maxLength={1000} className={`${inputClasses} py-2`} />
      </Field>
      <Button type="submit" disabled={pending}>
        {t("send")}
      </Button>
      <p id="missing-status" role="status" className={`text-sm ${state.status === "invalid" || state.status === "duplicate" ? "text-red-800" : "text-brand-800"}`}>
        {state.status === "sent" ? t("sent") : state.status === "duplicate" ? t("duplicate") : state.status === "invalid" ? t(state.field === "orderDate" ? "invalidOrderDate" : "invalidOrderNumber") : ""}
        {(state.status === "sent" || state.status === "duplicate") && state.conversationId && (
          <>
            {" "}
            <a href={`/help/${state.conversationId}`} className="font-semibold underline underline-offset-2">
              {t("openConversation")}
            </a>
          </>
        )}
      </p>
    </form>
  );
}
