"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { describedBy, Field, inputClasses } from "@/components/ui/field";
import { shopApiSecretSchema } from "@/lib/validations/console";
import { FormErrorSummary } from "./form-error-summary";
import { useConsoleAction } from "./use-console-action";

/**
 * Makes (or replaces) the shop API's secret. Left empty, Treue generates a strong one; either way
 * the whole secret is shown this once, with a copy button, and never again.
 */
export function ShopApiSecretForm({ hasSecret, graceHours }: { hasSecret: boolean; graceHours: number }) {
  const t = useTranslations("console.connections.shopApi");
  const tv = useTranslations("console.validation");
  const [own, setOwn] = useState("");
  const [endPrevious, setEndPrevious] = useState(false);
  const [shown, setShown] = useState<string | null>(null);
  const action = useConsoleAction<unknown, { secret: string; hint: string }>("shop-api.secret", { success: (r) => t("secretSaved", { hint: r.hint }) });
  const error = action.fieldErrors["/secret"];
  return (
    <div className="space-y-3">
      <form
        noValidate
        className="flex flex-wrap items-end gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          action.submit(shopApiSecretSchema, { secret: own, endPrevious }, {
            onSuccess: (r) => {
              setOwn("");
              setEndPrevious(false);
              setShown(r.secret);
            },
          });
        }}
      >
        <Field id="shop-api-own-secret" optional={tv("optional")} label={t("ownSecret")} hint={t("ownSecretHint")} error={error} className="min-w-64 flex-1">
          <input
            {...describedBy("shop-api-own-secret", { hint: true, error })}
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={own}
            onChange={(e) => setOwn(e.target.value)}
            className={`${inputClasses} font-mono`}
          />
        </Field>
        <Button type="submit" variant="secondary" disabled={action.isPending}>
          {hasSecret ? (own ? t("replaceWithOwn") : t("rotate")) : own ? t("saveOwn") : t("create")}
        </Button>
        {hasSecret && (
          <label className="inline-flex min-h-11 w-full items-center gap-2 text-sm">
            <input type="checkbox" className="size-5" checked={endPrevious} onChange={(e) => setEndPrevious(e.target.checked)} />
            {t("endPrevious", { hours: graceHours })}
          </label>
        )}
        <FormErrorSummary {...action.summary} className="basis-full" />
      </form>
      {shown && (
        <div role="status" className="space-y-2 rounded-2xl border border-amber-300 bg-amber-50 p-4 text-sm" data-testid="shop-api-new-secret">
          <p className="font-semibold text-amber-950">{t("shownOnce")}</p>
          <div className="flex flex-wrap items-center gap-2">
            <code className="break-all rounded-lg bg-white px-2 py-1 font-mono" data-testid="shop-api-secret-value">
              {shown}
            </code>
            <CopyButton text={shown} label={t("copySecret")} done={t("copied")} variant="secondary" />
            <Button variant="secondary" onClick={() => setShown(null)}>
              {t("hideSecret")}
            </Button>
          </div>
        </div>
      )}
    </div>
  );
}

type TestResult = { accepted: boolean; status: number | null; eventId: string; detail: string };

/** Sends a signed test event to this server's own endpoint; says whether it was accepted and why not. */
export function ShopApiTestButton() {
  const t = useTranslations("console.connections.shopApi");
  const [result, setResult] = useState<TestResult | null>(null);
  const describe = (r: TestResult) => (r.accepted ? t("testAccepted", { detail: r.detail, id: r.eventId }) : t("testRefused", { detail: r.detail }));
  const action = useConsoleAction<unknown, TestResult>("shop-api.test", { success: describe });
  return (
    <div className="flex flex-col items-end gap-1">
      <Button variant="secondary" disabled={action.isPending} onClick={() => action.mutate({}, { onSuccess: setResult })}>
        {t("sendTest")}
      </Button>
      <p aria-live="polite" className={`max-w-md text-right text-sm ${result?.accepted === false ? "text-red-800" : "text-stone-700"}`} data-testid="shop-api-test-result">
        {result ? describe(result) : ""}
      </p>
    </div>
  );
}

/** Deletes a stored secret that TREUE_SHOP_SECRET outranks, so it cannot quietly take over once the variable is removed. */
export function ShopApiDeleteStoredButton() {
  const t = useTranslations("console.connections.shopApi");
  const action = useConsoleAction<unknown, { deleted: boolean }>("shop-api.secret-delete", { success: t("storedDeleted") });
  return (
    <Button variant="secondary" disabled={action.isPending} onClick={() => action.mutate({})} data-testid="shop-api-delete-stored">
      {t("deleteStored")}
    </Button>
  );
}
