"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { describedBy, Field, inputClasses } from "@/components/ui/field";
import type { JourneyKey, JourneySettings } from "@/lib/loyalty/journeys";
import { journeySaveSchema } from "@/lib/validations/console";
import { RewardSelect } from "./reward-select";
import { numberFromText } from "@/lib/validations/form-input";
import { JOURNEY_DAYS, JOURNEY_SHORT_DAYS } from "@/lib/validations/limits";
import { FormErrorSummary } from "./form-error-summary";
import { useConsoleAction } from "./use-console-action";
import { templateDraft, templateInput, WhatsappTemplateFields } from "./whatsapp-template-fields";

type Words = { subject: string; body: string };
type OwnWords = { subject?: string | undefined; body?: string | undefined };

/**
 * One automatic message: on or off, its timing or gift, and optionally the shop's own words in
 * German and English (empty: the built-in text, shown as the fields' placeholder).
 */
export function JourneyForm({
  journey,
  settings,
  builtIn,
  placeholders,
  rewards,
  whatsapp = false,
}: {
  journey: JourneyKey;
  settings: JourneySettings;
  builtIn: { de: Words; en: Words };
  placeholders: string[];
  rewards: { id: string; name: string }[];
  /** A WhatsApp sender is configured: the journey may have an approved template. */
  whatsapp?: boolean;
}) {
  const t = useTranslations("console.journeys");
  const tv = useTranslations("console.validation");
  const [enabled, setEnabled] = useState(settings.enabled);
  const [leadDays, setLeadDays] = useState((settings.leadDays ?? []).join(", "));
  const [days, setDays] = useState(String(settings.days ?? ""));
  const [rewardId, setRewardId] = useState(settings.rewardId ?? "");
  const [validDays, setValidDays] = useState(String(settings.validDays ?? ""));
  const filled = (own: OwnWords | undefined): Words => ({ subject: own?.subject ?? "", body: own?.body ?? "" });
  const [words, setWords] = useState({ de: filled(settings.texts.de), en: filled(settings.texts.en) });
  const [template, setTemplate] = useState(templateDraft(settings.whatsapp));
  const action = useConsoleAction("journeys.save", { success: t("saved") });
  const errors = action.fieldErrors;
  /** A list's error wherever in it: "/settings/leadDays/1" belongs to the lead-days field. */
  const under = (pointer: string) => Object.entries(errors).find(([k]) => k === pointer || k.startsWith(`${pointer}/`))?.[1];
  const id = (field: string) => `${journey}-${field}`;
  const hasLeads = settings.leadDays !== undefined;
  const hasDays = settings.days !== undefined;
  const hasGift = journey === "birthday" || journey === "win_back";

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    // Only what was written: an empty subject or text keeps the built-in one.
    const own = (lang: "de" | "en") => Object.fromEntries((["subject", "body"] as const).flatMap((part) => (words[lang][part].trim() ? [[part, words[lang][part]]] : [])));
    const texts = Object.fromEntries((["de", "en"] as const).flatMap((lang) => (Object.keys(own(lang)).length > 0 ? [[lang, own(lang)]] : [])));
    action.submit(journeySaveSchema, {
      key: journey,
      settings: {
        enabled,
        texts,
        ...(hasLeads && { leadDays: leadDays.split(/[,\s]+/).filter(Boolean).map((d) => numberFromText(d) ?? Number.NaN) }),
        ...(hasDays && { days: numberFromText(days) }),
        ...(hasGift && { validDays: numberFromText(validDays), ...(rewardId && { rewardId }) }),
        // Kept as saved when no sender is configured here; an empty SID removes the template.
        ...(whatsapp ? templateInput(template) && { whatsapp: templateInput(template) } : settings.whatsapp && { whatsapp: settings.whatsapp }),
      },
    });
  };

  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <label className="flex min-h-11 items-center gap-3 text-sm font-medium">
        <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} className="size-5 accent-brand-700" />
        {t("enabled")}
      </label>
      {(hasLeads || hasDays || hasGift) && (
        <div className="grid gap-3 sm:grid-cols-3">
          {hasLeads && (
            <Field required id={id("leads")} label={t("leadDays")} hint={t("leadDaysHint")} error={under("/settings/leadDays")}>
              <input {...describedBy(id("leads"), { hint: true, error: under("/settings/leadDays") })} value={leadDays} onChange={(e) => setLeadDays(e.target.value)} inputMode="numeric" className={inputClasses} />
            </Field>
          )}
          {hasDays && (
            <Field required id={id("days")} label={t(journey === "win_back" ? "daysWithoutOrder" : "daysBefore")} error={errors["/settings/days"]}>
              <input {...describedBy(id("days"), { error: errors["/settings/days"] })} type="number" min={JOURNEY_DAYS.min} max={JOURNEY_DAYS.max} step={1} value={days} onChange={(e) => setDays(e.target.value)} className={inputClasses} />
            </Field>
          )}
          {hasGift && (
            <>
              <Field required id={id("reward")} label={t("gift")} hint={t("giftHint")} error={errors["/settings/rewardId"]}>
                <RewardSelect {...describedBy(id("reward"), { hint: true, error: errors["/settings/rewardId"] })} value={rewardId} onChange={(e) => setRewardId(e.target.value)} rewards={rewards} emptyLabel={t("noGift")} />
              </Field>
              <Field required id={id("valid")} label={t("validDays")} error={errors["/settings/validDays"]}>
                <input {...describedBy(id("valid"), { error: errors["/settings/validDays"] })} type="number" min={JOURNEY_SHORT_DAYS.min} max={JOURNEY_SHORT_DAYS.max} step={1} value={validDays} onChange={(e) => setValidDays(e.target.value)} className={inputClasses} />
              </Field>
            </>
          )}
        </div>
      )}
      <details className="rounded-2xl border border-stone-200 p-3">
        <summary className="min-h-11 cursor-pointer content-center text-sm font-medium">{t("ownWords")}</summary>
        <p className="mt-1 text-xs text-stone-600">{t("ownWordsHint", { placeholders: placeholders.map((p) => `{${p}}`).join(" ") })}</p>
        <div className="mt-3 grid gap-4 md:grid-cols-2">
          {(["de", "en"] as const).map((lang) => (
            <fieldset key={lang} className="space-y-2">
              <legend className="text-sm font-semibold">{t(lang === "de" ? "german" : "english")}</legend>
              <Field id={id(`${lang}-subject`)} label={t("subject")} optional={tv("optional")} error={errors[`/settings/texts/${lang}/subject`]}>
                <input
                  {...describedBy(id(`${lang}-subject`), { error: errors[`/settings/texts/${lang}/subject`] })}
                  maxLength={150}
                  value={words[lang].subject}
                  placeholder={builtIn[lang].subject}
                  onChange={(e) => setWords((w) => ({ ...w, [lang]: { ...w[lang], subject: e.target.value } }))}
                  className={inputClasses}
                />
              </Field>
              <Field id={id(`${lang}-body`)} label={t("body")} optional={tv("optional")} error={errors[`/settings/texts/${lang}/body`]}>
                <textarea
                  {...describedBy(id(`${lang}-body`), { error: errors[`/settings/texts/${lang}/body`] })}
                  maxLength={2000}
                  value={words[lang].body}
                  placeholder={builtIn[lang].body}
                  rows={4}
                  onChange={(e) => setWords((w) => ({ ...w, [lang]: { ...w[lang], body: e.target.value } }))}
                  className={`${inputClasses} py-2`}
                />
              </Field>
            </fieldset>
          ))}
        </div>
      </details>
      {whatsapp && <WhatsappTemplateFields namespace="console.journeys" idPrefix={journey} pointer="/settings/whatsapp" draft={template} onChange={setTemplate} errors={errors} placeholders={placeholders} />}
      <FormErrorSummary {...action.summary} />
      <Button type="submit" disabled={action.isPending}>
        {t("save")}
      </Button>
    </form>
  );
}
