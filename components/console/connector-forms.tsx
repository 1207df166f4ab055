"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { describedBy, Field, inputClasses } from "@/components/ui/field";
import type { Platform } from "@/lib/connectors/types";
import { connectorPaidStatusesSchema, connectorSecretSchema, wooStatuses } from "@/lib/validations/console";
import { FormErrorSummary } from "./form-error-summary";
import { useConsoleAction } from "./use-console-action";

/** Sets or replaces a platform's webhook secret; the field empties once saved (it is never shown again). */
export function ConnectorSecretForm({ platform, hasSecret }: { platform: Platform; hasSecret: boolean }) {
  const t = useTranslations("console.connections");
  const [secret, setSecret] = useState("");
  const action = useConsoleAction<unknown, { hint: string }>("connectors.secret", { success: (r) => t("secretSaved", { hint: r.hint }) });
  const id = `${platform}-secret`;
  const error = action.fieldErrors["/secret"];
  return (
    <form
      noValidate
      className="flex flex-wrap items-end gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        action.submit(connectorSecretSchema, { platform, secret }, { onSuccess: () => setSecret("") });
      }}
    >
      <Field required id={id} label={t("secret")} error={error} className="min-w-64 flex-1">
        <input {...describedBy(id, { error })} type="password" autoComplete="off" spellCheck={false} value={secret} onChange={(e) => setSecret(e.target.value)} className={`${inputClasses} font-mono`} />
      </Field>
      <Button type="submit" variant="secondary" disabled={action.isPending}>
        {hasSecret ? t("rotateSecret") : t("saveSecret")}
      </Button>
      <FormErrorSummary {...action.summary} className="basis-full" />
    </form>
  );
}

/** Sends a signed test delivery over HTTP to this server's public URL. */
export function ConnectorTestButton({ platform }: { platform: Platform }) {
  const t = useTranslations("console.connections");
  const action = useConsoleAction<unknown, { ok: boolean; detail: string }>("connectors.test", { success: (r) => (r.ok ? t("testOk", { detail: r.detail }) : t("testFailed", { detail: r.detail })) });
  return (
    <Button variant="secondary" disabled={action.isPending} onClick={() => action.mutate({ platform })}>
      {t("sendTest")}
    </Button>
  );
}

/**
 * WooCommerce: which order statuses count as paid (an order earns the first time it reaches one).
 * The boxes keep their own state and the form reads them when sent: a box ticked or cleared
 * before the page's script ran (a save tapped then is held until it has, lib/client/early-taps.ts)
 * is what gets saved; state copied from the server would still hold the boxes as they were.
 */
export function PaidStatusesForm({ current }: { current: readonly string[] }) {
  const t = useTranslations("console.connections");
  const action = useConsoleAction("connectors.paid-statuses", { success: t("paidStatusesSaved") });
  const error = action.fieldErrors["/statuses"];
  return (
    <form
      noValidate
      className="flex flex-wrap items-end gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        action.submit(connectorPaidStatusesSchema, { statuses: new FormData(e.currentTarget).getAll("statuses") });
      }}
    >
      <fieldset className="flex flex-wrap gap-4" aria-describedby={error ? "paid-statuses-error" : undefined}>
        <legend className="mb-1 text-sm font-medium">{t("paidStatuses")}</legend>
        {wooStatuses.map((status) => (
          <label key={status} className="inline-flex min-h-11 items-center gap-2 text-sm">
            <input type="checkbox" name="statuses" value={status} className="size-5" aria-invalid={error ? true : undefined} defaultChecked={current.includes(status)} />
            {t(`statuses.${status}`)}
          </label>
        ))}
        {error && (
          <p id="paid-statuses-error" className="w-full text-sm text-red-800">
            {error}
          </p>
        )}
      </fieldset>
      <Button type="submit" variant="secondary" disabled={action.isPending}>
        {t("saveStatuses")}
      </Button>
      <FormErrorSummary {...action.summary} className="basis-full" />
    </form>
  );
}
