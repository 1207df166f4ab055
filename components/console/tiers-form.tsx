"use client";

import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { describedBy, Field, inputClasses } from "@/components/ui/field";
import { currencySymbol } from "@/lib/i18n/money";
import type { TierRule } from "@/lib/loyalty/tier-standing";
import { tiersChangeSchema } from "@/lib/validations/console";
import { EffectiveWhen, useEffectiveWhen } from "./effective-when";
import { centsFromText, numberFromText, previewable } from "@/lib/validations/form-input";
import { SLUG, TEXT, TIER_GRACE_DAYS, TIER_MULTIPLIER_PERCENT } from "@/lib/validations/limits";
import { FormErrorSummary } from "./form-error-summary";
import { useConsoleAction } from "./use-console-action";

export type EditableTier = {
  id: string;
  name: { de: string; en: string };
  thresholdCents: number;
  multiplierPercent: number;
  perks: { de: string; en: string } | null;
  benefits: { freeShipping?: boolean; exclusiveRewards?: boolean; earlyAccess?: boolean };
};

type Row = { id: string; nameDe: string; nameEn: string; threshold: string; multiplier: string; perksDe: string; perksEn: string; freeShipping: boolean; exclusiveRewards: boolean; earlyAccess: boolean };

const toRow = (t: EditableTier): Row => ({
  id: t.id,
  nameDe: t.name.de,
  nameEn: t.name.en,
  threshold: String(t.thresholdCents / 100),
  multiplier: String(t.multiplierPercent),
  perksDe: t.perks?.de ?? "",
  perksEn: t.perks?.en ?? "",
  freeShipping: t.benefits.freeShipping ?? false,
  exclusiveRewards: t.benefits.exclusiveRewards ?? false,
  earlyAccess: t.benefits.earlyAccess ?? false,
});

/** The tier ladder and its qualification rule in one form. */
export function TiersForm({ rule, tiers, currency }: { rule: TierRule; tiers: EditableTier[]; currency: string }) {
  const t = useTranslations("console.tiers");
  const tv = useTranslations("console.validation");
  const format = useFormatter();
  const locale = useLocale();
  const [window, setWindow] = useState(rule.window);
  const [graceDays, setGraceDays] = useState(String(rule.graceDays));
  const [rows, setRows] = useState(tiers.map(toRow));
  const effective = useEffectiveWhen();
  const action = useConsoleAction<unknown, { scheduled: string | null; members: number; floors: number }>("program.tiers", {
    currency,
    success: (r) => (r.scheduled ? t("scheduledSaved", { date: format.dateTime(new Date(r.scheduled), { dateStyle: "medium", timeStyle: "short" }) }) : t("saved", { members: r.members, floors: r.floors })),
  });
  const errors = action.fieldErrors;
  const set = (i: number, patch: Partial<Row>) => setRows((all) => all.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const input = {
      ...(effective.effectiveFrom !== undefined && { effectiveFrom: effective.effectiveFrom }),
      rule: { window, graceDays: numberFromText(graceDays) },
      tiers: rows.map((r) => ({
        id: r.id,
        name: { de: r.nameDe, en: r.nameEn },
        thresholdCents: centsFromText(r.threshold),
        multiplierPercent: numberFromText(r.multiplier),
        ...(r.perksDe || r.perksEn ? { perks: { de: r.perksDe, en: r.perksEn } } : {}),
        benefits: { freeShipping: r.freeShipping, exclusiveRewards: r.exclusiveRewards, earlyAccess: r.earlyAccess },
      })),
    };
    action.submit(tiersChangeSchema, input);
  };
  // The preview shows only what the schema would accept: no negative or absurd thresholds.
  const previewAmount = (text: string) => {
    const cents = previewable(centsFromText(text), { min: 0, max: 100_000_000 });
    return cents === null ? "…" : format.number(cents / 100, { style: "currency", currency });
  };
  const previewFactor = (text: string) => {
    const percent = previewable(numberFromText(text), { min: 100, max: 1000 });
    return percent === null ? "…" : format.number(percent / 100, { maximumFractionDigits: 2 });
  };
  return (
    <form onSubmit={submit} noValidate className="space-y-6">
      <Card>
        <div className="grid gap-4 md:grid-cols-2">
          <Field id="tier-window" label={t("window")}>
            <select id="tier-window" value={window} onChange={(e) => setWindow(e.target.value as TierRule["window"])} className={inputClasses}>
              <option value="rolling">{t("rolling")}</option>
              <option value="calendar">{t("calendar")}</option>
              <option value="lifetime">{t("lifetime")}</option>
            </select>
          </Field>
          <Field required id="tier-grace" label={t("graceDays")} hint={t("graceDaysHint")} error={errors["/rule/graceDays"]}>
            <input {...describedBy("tier-grace", { hint: true, error: errors["/rule/graceDays"] })} type="number" min={TIER_GRACE_DAYS.min} max={TIER_GRACE_DAYS.max} step={1} value={graceDays} onChange={(e) => setGraceDays(e.target.value)} className={inputClasses} />
          </Field>
        </div>
      </Card>
      {errors["/tiers"] && <p className="text-sm text-red-800">{errors["/tiers"]}</p>}
      <ol className="grid gap-4 lg:grid-cols-2">
        {rows.map((r, i) => {
          const p = (field: string) => `/tiers/${i}/${field}`;
          return (
            <li key={i} data-testid="tier-row">
              <Card>
                <h2 className="mb-3 font-semibold">{t("tier", { n: i + 1 })}</h2>
                <div className="grid gap-3 sm:grid-cols-2">
                  <Field required id={`t${i}-id`} label={t("id")} hint={t("idHint")} error={errors[p("id")]}>
                    <input {...describedBy(`t${i}-id`, { hint: true, error: errors[p("id")] })} maxLength={SLUG.max} value={r.id} onChange={(e) => set(i, { id: e.target.value })} className={inputClasses} />
                  </Field>
                  <Field required id={`t${i}-threshold`} label={t("threshold", { symbol: currencySymbol(locale, currency) })} error={errors[p("thresholdCents")]}>
                    <input {...describedBy(`t${i}-threshold`, { error: errors[p("thresholdCents")] })} inputMode="decimal" value={r.threshold} onChange={(e) => set(i, { threshold: e.target.value })} className={inputClasses} />
                  </Field>
                  <Field required id={`t${i}-de`} label={t("name")} error={errors[p("name/de")]}>
                    <input {...describedBy(`t${i}-de`, { error: errors[p("name/de")] })} maxLength={TEXT.tierName.max} value={r.nameDe} onChange={(e) => set(i, { nameDe: e.target.value })} className={inputClasses} />
                  </Field>
                  <Field required id={`t${i}-en`} label={t("nameEn")} error={errors[p("name/en")]}>
                    <input {...describedBy(`t${i}-en`, { error: errors[p("name/en")] })} maxLength={TEXT.tierName.max} value={r.nameEn} onChange={(e) => set(i, { nameEn: e.target.value })} className={inputClasses} />
                  </Field>
                  <Field required id={`t${i}-mult`} label={t("multiplier")} hint={t("multiplierHint")} error={errors[p("multiplierPercent")]}>
                    <input {...describedBy(`t${i}-mult`, { hint: true, error: errors[p("multiplierPercent")] })} type="number" min={TIER_MULTIPLIER_PERCENT.min} max={TIER_MULTIPLIER_PERCENT.max} step={1} value={r.multiplier} onChange={(e) => set(i, { multiplier: e.target.value })} className={inputClasses} />
                  </Field>
                  <div />
                  <Field id={`t${i}-perks-de`} label={t("perks")} optional={tv("optional")} error={errors[p("perks/de")]}>
                    <input {...describedBy(`t${i}-perks-de`, { error: errors[p("perks/de")] })} maxLength={TEXT.tierPerks.max} value={r.perksDe} onChange={(e) => set(i, { perksDe: e.target.value })} className={inputClasses} />
                  </Field>
                  <Field id={`t${i}-perks-en`} label={t("perksEn")} optional={tv("optional")} error={errors[p("perks/en")]}>
                    <input {...describedBy(`t${i}-perks-en`, { error: errors[p("perks/en")] })} maxLength={TEXT.tierPerks.max} value={r.perksEn} onChange={(e) => set(i, { perksEn: e.target.value })} className={inputClasses} />
                  </Field>
                </div>
                <div className="mt-3 flex flex-wrap gap-4">
                  {(["freeShipping", "exclusiveRewards", "earlyAccess"] as const).map((b) => (
                    <label key={b} className="inline-flex min-h-11 items-center gap-2 text-sm">
                      <input type="checkbox" className="size-5" checked={r[b]} onChange={(e) => set(i, { [b]: e.target.checked })} />
                      {t(b)}
                    </label>
                  ))}
                </div>
                {rows.length > 1 && (
                  <Button variant="danger" className="mt-3" onClick={() => setRows((all) => all.filter((_, j) => j !== i))}>
                    {t("remove")}
                  </Button>
                )}
              </Card>
            </li>
          );
        })}
      </ol>
      <Card aria-labelledby="tiers-preview" className="border-brand-200 bg-brand-50/40">
        <h2 id="tiers-preview" className="mb-3 font-semibold">
          {t("preview")}
        </h2>
        <ol className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4" data-testid="tiers-preview">
          {[...rows]
            .sort((a, b) => (centsFromText(a.threshold) ?? 0) - (centsFromText(b.threshold) ?? 0))
            .map((r) => (
              <li key={r.id} className="rounded-2xl bg-white p-4 text-sm">
                <p className="text-base font-semibold">{r.nameDe || r.id}</p>
                <p className="text-stone-700">
                  {t("previewFrom", { amount: previewAmount(r.threshold) })} ·{" "}
                  {t("previewMultiplier", { factor: previewFactor(r.multiplier) })}
                </p>
                <ul className="mt-1 list-disc pl-5 text-stone-700">
                  {(["freeShipping", "exclusiveRewards", "earlyAccess"] as const).filter((b) => r[b]).map((b) => (
                    <li key={b}>{t(b)}</li>
                  ))}
                  {r.perksDe && <li>{r.perksDe}</li>}
                </ul>
              </li>
            ))}
        </ol>
      </Card>
      <Card>
        <EffectiveWhen id="tiers" state={effective} error={errors["/effectiveFrom"]} />
      </Card>
      <div className="flex flex-wrap gap-3">
        <Button
          variant="secondary"
          onClick={() => setRows((all) => [...all, { id: `stufe-${all.length + 1}`, nameDe: "", nameEn: "", threshold: "", multiplier: "100", perksDe: "", perksEn: "", freeShipping: false, exclusiveRewards: false, earlyAccess: false }])}
        >
          {t("add")}
        </Button>
        <Button type="submit" disabled={action.isPending}>
          {t("save")}
        </Button>
      </div>
      <FormErrorSummary {...action.summary} />
    </form>
  );
}
