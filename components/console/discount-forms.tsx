"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { describedBy, Field, inputClasses } from "@/components/ui/field";
import type { ConnectorPlatform } from "@/lib/connectors/types";
import { connectorDiscountsSchema } from "@/lib/validations/console";
import { FormErrorSummary } from "./form-error-summary";
import { useConsoleAction } from "./use-console-action";

type Props = {
  platform: ConnectorPlatform;
  enabled: boolean;
  adminUrl: string | null;
  /** Access is stored (it is never shown again): empty fields keep it. */
  hasAccess: boolean;
};

const accessFields: Record<ConnectorPlatform, string[]> = { shopify: ["accessToken"], woocommerce: ["consumerKey", "consumerSecret"], shopware: [] };

/** Redeemed rewards as discounts in the shop: on or off, the shop's admin address and access. */
export function DiscountSettingsForm({ platform, enabled: initiallyEnabled, adminUrl: initialUrl, hasAccess }: Props) {
  const t = useTranslations("console.connections.discounts");
  const [enabled, setEnabled] = useState(initiallyEnabled);
  const [adminUrl, setAdminUrl] = useState(initialUrl ?? "");
  const [access, setAccess] = useState<Record<string, string>>({});
  const action = useConsoleAction("connectors.discounts", { success: t("saved") });
  const fields = accessFields[platform];
  return (
    <form
      noValidate
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        const typed = Object.fromEntries(Object.entries(access).filter(([, v]) => v.trim() !== ""));
        const input = platform === "shopware" ? { platform, enabled } : { platform, enabled, adminUrl, ...typed };
        action.submit(connectorDiscountsSchema, input, { onSuccess: () => setAccess({}) });
      }}
    >
      <label className="inline-flex min-h-11 items-center gap-2 text-sm font-medium">
        <input type="checkbox" className="size-5" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} data-testid={`${platform}-discounts-enabled`} />
        {t("enabled")}
      </label>
      {platform !== "shopware" && (
        <div className="grid gap-3 md:grid-cols-2">
          <Field required id={`${platform}-admin-url`} label={t("adminUrl")} hint={t(`adminUrlHint.${platform}`)} error={action.fieldErrors["/adminUrl"]} className="md:col-span-2">
            <input
              {...describedBy(`${platform}-admin-url`, { error: action.fieldErrors["/adminUrl"], hint: true })}
              type="url"
              inputMode="url"
              autoComplete="off"
              spellCheck={false}
              value={adminUrl}
              onChange={(e) => setAdminUrl(e.target.value)}
              className={inputClasses}
            />
          </Field>
          {fields.map((field) => {
            const id = `${platform}-${field}`;
            const error = action.fieldErrors[`/${field}`];
            return (
              <Field required={!hasAccess} key={field} id={id} label={t(`fields.${field}`)} hint={hasAccess ? t("accessKept") : undefined} error={error}>
                <input
                  {...describedBy(id, { error, hint: hasAccess })}
                  type="password"
                  autoComplete="off"
                  spellCheck={false}
                  value={access[field] ?? ""}
                  onChange={(e) => setAccess((all) => ({ ...all, [field]: e.target.value }))}
                  className={`${inputClasses} font-mono`}
                />
              </Field>
            );
          })}
        </div>
      )}
      <Button type="submit" variant="secondary" disabled={action.isPending}>
        {t("save")}
      </Button>
      <FormErrorSummary {...action.summary} />
    </form>
  );
}

/** A harmless read with the stored access: whether discounts can be created. */
export function DiscountCheckButton({ platform }: { platform: ConnectorPlatform }) {
  const t = useTranslations("console.connections.discounts");
  const action = useConsoleAction<unknown, { ok: boolean; detail: string }>("connectors.discount-check", {
    success: (r) => (r.ok ? t("checkOk", { detail: r.detail }) : t("checkFailed", { detail: r.detail })),
  });
  return (
    <Button variant="secondary" disabled={action.isPending} onClick={() => action.mutate({ platform })}>
      {t("check")}
    </Button>
  );
}
