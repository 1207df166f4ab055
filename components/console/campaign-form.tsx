"use client";

import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { describedBy, Field, inputClasses } from "@/components/ui/field";
import { localInputToIso } from "@/lib/console/datetime-local";
import { campaignInputSchema, type Segment } from "@/lib/loyalty/campaigns";
import { campaignPreviewSchema } from "@/lib/validations/console";
import { RewardSelect } from "./reward-select";
import { numberFromText } from "@/lib/validations/form-input";
import { SEGMENT_POINTS } from "@/lib/validations/limits";
import { FormErrorSummary } from "./form-error-summary";
import { useConsoleAction } from "./use-console-action";
import { CAMPAIGN_TEMPLATE_PLACEHOLDERS } from "@/lib/loyalty/whatsapp";
import { templateDraft, templateInput, WhatsappTemplateFields } from "./whatsapp-template-fields";

type Option = { id: string; name: string };

/** A new campaign: the message in both languages, who gets it (with a live count), a reward, when. */
export function CampaignForm({ tiers, rewards, whatsapp = false }: { tiers: Option[]; rewards: Option[]; whatsapp?: boolean }) {
  const t = useTranslations("console.campaigns");
  const tv = useTranslations("console.validation");
  const locale = useLocale();
  const [name, setName] = useState("");
  const [de, setDe] = useState({ title: "", body: "" });
  const [en, setEn] = useState({ title: "", body: "" });
  const [chosenTiers, setChosenTiers] = useState<string[]>([]);
  const [pointsMin, setPointsMin] = useState("");
  const [pointsMax, setPointsMax] = useState("");
  const [after, setAfter] = useState("");
  const [before, setBefore] = useState("");
  const [categories, setCategories] = useState("");
  const [month, setMonth] = useState("");
  const [enrolled, setEnrolled] = useState("");
  const [consentOnly, setConsentOnly] = useState(false);
  const [rewardId, setRewardId] = useState("");
  const [mode, setMode] = useState<"exclusive" | "early_access">("exclusive");
  const [until, setUntil] = useState("");
  const [when, setWhen] = useState("");
  const [template, setTemplate] = useState(templateDraft(undefined));
  const [count, setCount] = useState<{ members: number; reachable: number } | null>(null);
  const preview = useConsoleAction<unknown, { members: number; reachable: number }>("campaigns.preview", { success: (r) => t("previewResult", r), refresh: false });
  const create = useConsoleAction("campaigns.create", { success: t("scheduled") });
  const errors = { ...preview.fieldErrors, ...create.fieldErrors };

  const segment = (): Segment => ({
    ...(chosenTiers.length > 0 && { tiers: chosenTiers }),
    ...(pointsMin.trim() !== "" && { pointsMin: numberFromText(pointsMin) }),
    ...(pointsMax.trim() !== "" && { pointsMax: numberFromText(pointsMax) }),
    ...(after && { lastOrderAfter: after }),
    ...(before && { lastOrderBefore: before }),
    ...(categories.trim() && { categories: categories.split(",").map((c) => c.trim()).filter(Boolean) }),
    ...(month && { birthdayMonth: Number(month) }),
    ...(enrolled && { enrolled: enrolled === "yes" }),
    ...(consentOnly && { marketingConsent: true }),
  });
  const count_ = () => preview.submit(campaignPreviewSchema, { segment: segment() }, { onSuccess: setCount });
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    create.submit(campaignInputSchema, {
      name,
      message: { de, ...(en.title.trim() || en.body.trim() ? { en } : {}) },
      segment: segment(),
      ...(rewardId && { reward: { id: rewardId, mode, until: localInputToIso(until) ?? "" } }),
      ...(whatsapp && templateInput(template) && { whatsapp: templateInput(template) }),
      // Sent now unless a time is chosen; the schema names a time it cannot read.
      scheduledAt: when ? (localInputToIso(when) ?? "") : new Date().toISOString(),
    });
  };
  const e = (pointer: string) => errors[pointer];

  return (
    <form onSubmit={submit} noValidate className="space-y-6">
      <Field required id="campaign-name" label={t("name")} error={e("/name")} className="max-w-md">
        <input {...describedBy("campaign-name", { error: e("/name") })} value={name} onChange={(ev) => setName(ev.target.value)} className={inputClasses} />
      </Field>
      <fieldset className="grid gap-4 md:grid-cols-2">
        <legend className="mb-2 text-base font-semibold">{t("message")}</legend>
        <div className="space-y-3">
          <Field required id="campaign-title-de" label={t("titleDe")} error={e("/message/de/title")}>
            <input {...describedBy("campaign-title-de", { error: e("/message/de/title") })} value={de.title} onChange={(ev) => setDe({ ...de, title: ev.target.value })} className={inputClasses} />
          </Field>
          <Field required id="campaign-body-de" label={t("bodyDe")} error={e("/message/de/body")}>
            <textarea {...describedBy("campaign-body-de", { error: e("/message/de/body") })} rows={4} value={de.body} onChange={(ev) => setDe({ ...de, body: ev.target.value })} className={`${inputClasses} py-2`} />
          </Field>
        </div>
        <div className="space-y-3">
          <Field id="campaign-title-en" optional={tv("optional")} label={t("titleEn")} error={e("/message/en/title")}>
            <input {...describedBy("campaign-title-en", { error: e("/message/en/title") })} value={en.title} onChange={(ev) => setEn({ ...en, title: ev.target.value })} className={inputClasses} />
          </Field>
          <Field id="campaign-body-en" optional={tv("optional")} label={t("bodyEn")} error={e("/message/en/body")}>
            <textarea {...describedBy("campaign-body-en", { error: e("/message/en/body") })} rows={4} value={en.body} onChange={(ev) => setEn({ ...en, body: ev.target.value })} className={`${inputClasses} py-2`} />
          </Field>
        </div>
      </fieldset>
      {whatsapp && <WhatsappTemplateFields namespace="console.campaigns" idPrefix="campaign" pointer="/whatsapp" draft={template} onChange={setTemplate} errors={errors} placeholders={CAMPAIGN_TEMPLATE_PLACEHOLDERS} />}
      <fieldset className="space-y-3">
        <legend className="text-base font-semibold">{t("segment")}</legend>
        <p className="text-sm text-stone-600">{t("segmentHint")}</p>
        <fieldset>
          <legend className="text-sm font-medium">{t("tiers")}</legend>
          <div className="mt-1 flex flex-wrap gap-x-4">
            {tiers.map((tier) => (
              <label key={tier.id} className="inline-flex min-h-11 items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  checked={chosenTiers.includes(tier.id)}
                  onChange={(ev) => setChosenTiers((all) => (ev.target.checked ? [...all, tier.id] : all.filter((x) => x !== tier.id)))}
                  className="size-5 accent-brand-700"
                />
                {tier.name}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
          <Field id="campaign-points-min" optional={tv("optional")} label={t("pointsMin")} error={e("/segment/pointsMin")}>
            <input {...describedBy("campaign-points-min", { error: e("/segment/pointsMin") })} type="number" min={SEGMENT_POINTS.min} max={SEGMENT_POINTS.max} step={1} value={pointsMin} onChange={(ev) => setPointsMin(ev.target.value)} className={inputClasses} />
          </Field>
          <Field id="campaign-points-max" optional={tv("optional")} label={t("pointsMax")} error={e("/segment/pointsMax")}>
            <input {...describedBy("campaign-points-max", { error: e("/segment/pointsMax") })} type="number" min={SEGMENT_POINTS.min} max={SEGMENT_POINTS.max} step={1} value={pointsMax} onChange={(ev) => setPointsMax(ev.target.value)} className={inputClasses} />
          </Field>
          <Field id="campaign-after" optional={tv("optional")} label={t("lastOrderAfter")} error={e("/segment/lastOrderAfter")}>
            <input {...describedBy("campaign-after", { error: e("/segment/lastOrderAfter") })} type="date" value={after} onChange={(ev) => setAfter(ev.target.value)} className={inputClasses} />
          </Field>
          <Field id="campaign-before" optional={tv("optional")} label={t("lastOrderBefore")} error={e("/segment/lastOrderBefore")}>
            <input {...describedBy("campaign-before", { error: e("/segment/lastOrderBefore") })} type="date" value={before} onChange={(ev) => setBefore(ev.target.value)} className={inputClasses} />
          </Field>
          <Field id="campaign-categories" optional={tv("optional")} label={t("categories")} hint={t("categoriesHint")} error={e("/segment/categories")} className="sm:col-span-2">
            <input {...describedBy("campaign-categories", { hint: true, error: e("/segment/categories") })} value={categories} onChange={(ev) => setCategories(ev.target.value)} className={inputClasses} />
          </Field>
          <Field id="campaign-month" optional={tv("optional")} label={t("birthdayMonth")}>
            <select id="campaign-month" value={month} onChange={(ev) => setMonth(ev.target.value)} className={inputClasses}>
              <option value="">{t("anyMonth")}</option>
              {Array.from({ length: 12 }, (_, i) => (
                <option key={i + 1} value={i + 1}>
                  {new Intl.DateTimeFormat(locale, { month: "long" }).format(new Date(2026, i, 15))}
                </option>
              ))}
            </select>
          </Field>
          <Field id="campaign-enrolled" optional={tv("optional")} label={t("enrolled")}>
            <select id="campaign-enrolled" value={enrolled} onChange={(ev) => setEnrolled(ev.target.value)} className={inputClasses}>
              <option value="">{t("enrolledAny")}</option>
              <option value="yes">{t("enrolledYes")}</option>
              <option value="no">{t("enrolledNo")}</option>
            </select>
          </Field>
        </div>
        <label className="inline-flex min-h-11 items-center gap-2 text-sm">
          <input type="checkbox" checked={consentOnly} onChange={(ev) => setConsentOnly(ev.target.checked)} className="size-5 accent-brand-700" />
          {t("consentOnly")}
        </label>
        <div className="flex flex-wrap items-center gap-3">
          <Button variant="secondary" onClick={count_} disabled={preview.isPending}>
            {t("preview")}
          </Button>
          <p role="status" className="text-sm text-stone-700" data-testid="campaign-audience">
            {count ? t("previewResult", count) : ""}
          </p>
        </div>
      </fieldset>
      <fieldset className="space-y-3">
        <legend className="text-base font-semibold">{t("reward")}</legend>
        <div className="grid gap-3 md:grid-cols-3">
          <Field id="campaign-reward" optional={tv("optional")} label={t("reward")} error={e("/reward/id")}>
            <RewardSelect {...describedBy("campaign-reward", { error: e("/reward/id") })} value={rewardId} onChange={(ev) => setRewardId(ev.target.value)} rewards={rewards} emptyLabel={t("noReward")} />
          </Field>
          {rewardId && (
            <>
              <fieldset className="md:col-span-2">
                <legend className="text-sm font-medium">{t("rewardMode")}</legend>
                <label className="flex min-h-11 items-center gap-2 text-sm">
                  <input type="radio" name="campaign-mode" checked={mode === "exclusive"} onChange={() => setMode("exclusive")} className="size-5" />
                  {t("exclusive")}
                </label>
                <label className="flex min-h-11 items-center gap-2 text-sm">
                  <input type="radio" name="campaign-mode" checked={mode === "early_access"} onChange={() => setMode("early_access")} className="size-5" />
                  {t("earlyAccess")}
                </label>
              </fieldset>
              <Field required id="campaign-until" label={t("rewardUntil")} error={e("/reward/until")}>
                <input {...describedBy("campaign-until", { error: e("/reward/until") })} type="datetime-local" value={until} onChange={(ev) => setUntil(ev.target.value)} className={inputClasses} />
              </Field>
            </>
          )}
        </div>
      </fieldset>
      <Field id="campaign-when" optional={tv("optional")} label={t("when")} hint={t("whenHint")} error={e("/scheduledAt")} className="max-w-xs">
        <input {...describedBy("campaign-when", { hint: true, error: e("/scheduledAt") })} type="datetime-local" value={when} onChange={(ev) => setWhen(ev.target.value)} className={inputClasses} />
      </Field>
      <FormErrorSummary errors={errors} attempt={preview.failedAttempt + create.failedAttempt} />
      <Button type="submit" disabled={create.isPending}>
        {t("schedule")}
      </Button>
    </form>
  );
}
