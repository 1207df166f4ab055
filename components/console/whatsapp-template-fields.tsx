"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { describedBy, Field, inputClasses } from "@/components/ui/field";
import type { WhatsappTemplate } from "@/lib/loyalty/whatsapp";

/** The form's state: the content SID and the variables in order ({{1}} first). */
export type TemplateDraft = { contentSid: string; variables: string[] };

export function templateDraft(template: WhatsappTemplate | undefined): TemplateDraft {
  if (!template) return { contentSid: "", variables: [] };
  const keys = Object.keys(template.variables).map(Number).sort((a, b) => a - b);
  return { contentSid: template.contentSid, variables: keys.map((k) => template.variables[String(k)] ?? "") };
}

/** What the schema takes: nothing when no SID was given (no WhatsApp for this message), else the SID and variables "1", "2" …. */
export function templateInput(draft: TemplateDraft): WhatsappTemplate | undefined {
  if (!draft.contentSid.trim()) return undefined;
  return { contentSid: draft.contentSid.trim(), variables: Object.fromEntries(draft.variables.map((text, i) => [String(i + 1), text])) };
}

/**
 * An approved WhatsApp template for a journey or a campaign: its content SID from Twilio's Content
 * Template Builder and a text for each numbered variable, with the member's placeholders.
 */
export function WhatsappTemplateFields({
  namespace,
  idPrefix,
  pointer,
  draft,
  onChange,
  errors,
  placeholders,
}: {
  namespace: "console.campaigns" | "console.journeys";
  idPrefix: string;
  /** Where the schema's errors for these fields point ("/whatsapp", "/settings/whatsapp"). */
  pointer: string;
  draft: TemplateDraft;
  onChange: (draft: TemplateDraft) => void;
  errors: Record<string, string>;
  placeholders: readonly string[];
}) {
  const t = useTranslations(namespace);
  const tv = useTranslations("console.validation");
  const sidError = errors[`${pointer}/contentSid`];
  const variablesError = errors[`${pointer}/variables`];
  return (
    <fieldset className="space-y-3 rounded-2xl border border-stone-200 p-3">
      <legend className="px-1 text-sm font-semibold">{t("whatsapp")}</legend>
      <p className="text-xs text-stone-600">{t("whatsappHint")}</p>
      <Field id={`${idPrefix}-wa-sid`} optional={tv("optional")} label={t("whatsappContentSid")} error={sidError} className="max-w-md">
        <input
          {...describedBy(`${idPrefix}-wa-sid`, { error: sidError })}
          value={draft.contentSid}
          onChange={(e) => onChange({ ...draft, contentSid: e.target.value })}
          placeholder="HX…"
          spellCheck={false}
          autoComplete="off"
          className={`${inputClasses} font-mono`}
        />
      </Field>
      {draft.contentSid.trim() !== "" && (
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium">{t("whatsappVariables")}</legend>
          <p className="text-xs text-stone-600">{t("whatsappVariablesHint", { placeholders: placeholders.map((p) => `{${p}}`).join(" ") })}</p>
          {variablesError && <p className="text-sm text-red-700">{variablesError}</p>}
          {draft.variables.map((text, i) => {
            const error = errors[`${pointer}/variables/${i + 1}`];
            return (
              <div key={i} className="flex items-end gap-2">
                <Field id={`${idPrefix}-wa-var-${i + 1}`} label={t("whatsappVariable", { number: i + 1 })} error={error} className="grow">
                  <input
                    {...describedBy(`${idPrefix}-wa-var-${i + 1}`, { error })}
                    value={text}
                    maxLength={200}
                    onChange={(e) => onChange({ ...draft, variables: draft.variables.map((v, j) => (j === i ? e.target.value : v)) })}
                    className={inputClasses}
                  />
                </Field>
                {i === draft.variables.length - 1 && (
                  <Button variant="secondary" onClick={() => onChange({ ...draft, variables: draft.variables.slice(0, -1) })} aria-label={t("whatsappRemoveVariable", { number: i + 1 })}>
                    −
                  </Button>
                )}
              </div>
            );
          })}
          {draft.variables.length < 20 && (
            <Button variant="secondary" onClick={() => onChange({ ...draft, variables: [...draft.variables, ""] })}>
              {t("whatsappAddVariable")}
            </Button>
          )}
        </fieldset>
      )}
    </fieldset>
  );
}
