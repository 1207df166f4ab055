"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { describedBy, Field, inputClasses } from "@/components/ui/field";
import { addStorefrontOrigin, MAX_CONSOLE_ORIGINS } from "@/lib/validations/storefront-origin";
import { FormErrorSummary } from "./form-error-summary";
import { useConsoleAction } from "./use-console-action";

type Saved = { origins: string[] };

/**
 * The storefront origins: the server's (read-only) and the console's, which the owner adds and
 * removes here. The form judges an entry by the same rule as the server (lib/validations/storefront-origin.ts)
 * before sending it, and shows the server's refusal in the same place if it still refuses.
 */
export function StorefrontOrigins({ configured, listed }: { configured: string[]; listed: string[] }) {
  const t = useTranslations("consoleStorefront");
  const [entry, setEntry] = useState("");
  const add = useConsoleAction<{ origin: string }, Saved>("storefront.add-origin", { success: (r) => t("origins.added", { origin: r.origins.at(-1) ?? "" }) });
  const error = add.fieldErrors["/origin"];
  const submit = () => {
    const verdict = addStorefrontOrigin(listed, configured, entry);
    if (!verdict.ok) return add.showErrors({ "/origin": t(`errors.${verdict.problem}`, { origin: entry.trim(), max: MAX_CONSOLE_ORIGINS }) });
    add.mutate({ origin: entry }, { onSuccess: () => setEntry("") });
  };
  const empty = configured.length === 0 && listed.length === 0;
  return (
    <div className="space-y-4">
      {empty ? (
        <p className="rounded-2xl border border-dashed border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900" data-testid="origins-empty">
          {t("origins.none")}
        </p>
      ) : (
        <ul aria-label={t("origins.listLabel")} className="divide-y divide-stone-200 rounded-2xl border border-stone-200" data-testid="origins">
          {configured.map((origin) => (
            <li key={`env-${origin}`} className="flex min-h-14 flex-wrap items-center justify-between gap-2 px-4 py-2" data-testid="origin-configured">
              <span className="min-w-0 font-mono text-sm break-all">{origin}</span>
              <span className="rounded-full bg-stone-100 px-3 py-1 text-xs font-medium text-stone-700" title={t("origins.fromConfigHint")}>
                {t("origins.fromConfig")}
                <span className="sr-only">: {t("origins.fromConfigHint")}</span>
              </span>
            </li>
          ))}
          {listed.map((origin) => (
            <li key={origin} className="flex min-h-14 flex-wrap items-center justify-between gap-2 px-4 py-2" data-testid="origin-listed">
              <span className="min-w-0 font-mono text-sm break-all">{origin}</span>
              <RemoveOrigin origin={origin} />
            </li>
          ))}
        </ul>
      )}
      <form
        noValidate
        className="flex flex-wrap items-start gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Field required id="storefront-origin" label={t("origins.label")} error={error} hint={t("origins.timing")} className="min-w-0 flex-1 basis-64">
          <input
            {...describedBy("storefront-origin", { error, hint: true })}
            type="url"
            inputMode="url"
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            placeholder={t("origins.placeholder")}
            value={entry}
            onChange={(e) => {
              setEntry(e.target.value);
              if (error) add.setFieldErrors({});
            }}
            className={`${inputClasses} font-mono`}
          />
        </Field>
        <Button type="submit" className="w-full sm:mt-6 sm:w-auto" disabled={add.isPending}>
          {t("origins.add")}
        </Button>
        <FormErrorSummary {...add.summary} className="basis-full" />
      </form>
    </div>
  );
}

/** Takes one of the console's origins off the list; its own button, so its confirmation names it. */
function RemoveOrigin({ origin }: { origin: string }) {
  const t = useTranslations("consoleStorefront");
  const remove = useConsoleAction<{ origin: string }, Saved>("storefront.remove-origin", { success: t("origins.removed", { origin }) });
  return (
    <Button variant="danger" aria-label={t("origins.removeLabel", { origin })} disabled={remove.isPending} onClick={() => remove.mutate({ origin })}>
      {t("origins.remove")}
    </Button>
  );
}
