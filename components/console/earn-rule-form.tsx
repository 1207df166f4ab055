"use client";

import { useLocale, useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { describedBy, Field, inputClasses } from "@/components/ui/field";
import { currencySymbol, currencyUnitName, formatMoney } from "@/lib/i18n/money";
import { pointsForOrder, type EarnRule } from "@/lib/loyalty/earn-rule";
import { earnRuleChangeSchema } from "@/lib/validations/console";
import { EffectiveWhen, useEffectiveWhen } from "./effective-when";
import { centsFromText, numberFromText } from "@/lib/validations/form-input";
import { CAMPAIGN_BONUS_PERCENT, EXPIRY_WARNING_DAYS, POINTS_PER_UNIT, POINTS_VALID_MONTHS } from "@/lib/validations/limits";
import { FormErrorSummary } from "./form-error-summary";
import { useConsoleAction } from "./use-console-action";
import { isoToLocalInput, localInputToIso } from "@/lib/console/datetime-local";

type Campaign = { id: string; nameDe: string; nameEn: string; from: string; until: string; bonusPercent: string; categories: string };
type TierPreview = { name: string; multiplierPercent: number };

const list = (text: string) => text.split(",").map((s) => s.trim()).filter(Boolean);
const euros = (cents: number) => (cents / 100).toString();
const cents = (text: string) => centsFromText(text);

/** The earn rule as a form, with a live preview of what an order earns under it, per tier. */
export function EarnRuleForm({ rule, tiers, currency }: { rule: EarnRule; tiers: TierPreview[]; currency: string }) {
  const t = useTranslations("console.earning");
  const tv = useTranslations("console.validation");
  const locale = useLocale();
  const symbol = currencySymbol(locale, currency);
  const [pointsPerUnit, setPointsPerUnit] = useState(String(rule.pointsPerUnit));
  const [rounding, setRounding] = useState(rule.rounding);
  const [minOrder, setMinOrder] = useState(euros(rule.minOrderCents));
  const [excludedCategories, setExcludedCategories] = useState(rule.excludedCategories.join(", "));
  const [excludedSkus, setExcludedSkus] = useState(rule.excludedSkus.join(", "));
  const [bonus, setBonus] = useState(Object.entries(rule.categoryBonusPercent).map(([k, v]) => `${k}=${v}`).join("\n"));
  const [validMonths, setValidMonths] = useState(String(rule.pointsValidMonths));
  const [expiryMode, setExpiryMode] = useState(rule.expiryMode);
  const [warningDays, setWarningDays] = useState(String(rule.expiryWarningDays));
  const [campaigns, setCampaigns] = useState<Campaign[]>(
    rule.campaigns.map((c) => ({ id: c.id, nameDe: c.name.de, nameEn: c.name.en, from: isoToLocalInput(c.from), until: isoToLocalInput(c.until), bonusPercent: String(c.bonusPercent), categories: c.categories.join(", ") })),
  );
  const effective = useEffectiveWhen();
  const [sampleOrder, setSampleOrder] = useState("59.90");
  const [sampleCategory, setSampleCategory] = useState("");
  const action = useConsoleAction<unknown, { version: number }>("program.earn-rule", { success: (r) => t("saved", { version: r.version }), currency });

  const input = {
    rule: {
      pointsPerUnit: numberFromText(pointsPerUnit),
      rounding,
      minOrderCents: cents(minOrder),
      excludedCategories: list(excludedCategories),
      excludedSkus: list(excludedSkus),
      categoryBonusPercent: Object.fromEntries(
        bonus
          .split("\n")
          .map((line) => line.split("="))
          .filter(([k, v]) => k?.trim() && v?.trim())
          .map(([k, v]) => [k!.trim(), numberFromText(v!) ?? Number.NaN]),
      ),
      pointsValidMonths: numberFromText(validMonths),
      expiryMode,
      expiryWarningDays: numberFromText(warningDays),
      campaigns: campaigns.map((c) => ({ id: c.id, name: { de: c.nameDe, en: c.nameEn }, from: localInputToIso(c.from) ?? "", until: localInputToIso(c.until) ?? "", bonusPercent: numberFromText(c.bonusPercent), categories: list(c.categories) })),
    },
    ...(effective.effectiveFrom !== undefined && { effectiveFrom: effective.effectiveFrom }),
  };
  const parsed = earnRuleChangeSchema.safeParse(input);
  const errors = action.fieldErrors;
  const preview = useMemo(() => {
    if (!parsed.success) return null;
    const amount = cents(sampleOrder || "0");
    if (amount === undefined || !Number.isSafeInteger(amount) || amount < 0 || amount > 100_000_000) return null;
    const lines = [{ quantity: 1, unit_price_cents: amount, category: sampleCategory.trim() || undefined }];
    return { amount, base: pointsForOrder(parsed.data.rule, amount, lines), tiers: tiers.map((tier) => ({ ...tier, points: pointsForOrder(parsed.data.rule, amount, lines, tier.multiplierPercent) })) };
  }, [parsed, sampleOrder, sampleCategory, tiers]);

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (!parsed.success) {
      action.showIssues(parsed.error);
      return;
    }
    action.mutate(parsed.data);
  };
  /** A list's or map's error, wherever in it: "/rule/excludedSkus/3" belongs to the SKU field. */
  const under = (pointer: string) => Object.entries(errors).find(([k]) => k === pointer || k.startsWith(`${pointer}/`))?.[1];
  const control = (id: string, pointer: string, hint?: boolean) => describedBy(id, { hint, error: under(pointer) });
  const setCampaign = (i: number, patch: Partial<Campaign>) => setCampaigns((all) => all.map((c, j) => (j === i ? { ...c, ...patch } : c)));

  return (
    <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_22rem]">
      <form onSubmit={submit} noValidate className="space-y-6">
        <Card>
          <div className="grid gap-4 md:grid-cols-2">
            <Field required id="ppu" label={t("pointsPerUnit", { currency: currencyUnitName(locale, currency) })} error={errors["/rule/pointsPerUnit"]}>
              <input {...control("ppu", "/rule/pointsPerUnit")} type="number" min={POINTS_PER_UNIT.min} max={POINTS_PER_UNIT.max} step={1} value={pointsPerUnit} onChange={(e) => setPointsPerUnit(e.target.value)} className={inputClasses} />
            </Field>
            <Field id="rounding" label={t("rounding")}>
              <select id="rounding" value={rounding} onChange={(e) => setRounding(e.target.value as EarnRule["rounding"])} className={inputClasses}>
                <option value="down">{t("roundDown")}</option>
                <option value="nearest">{t("roundNearest")}</option>
              </select>
            </Field>
            <Field id="min-order" label={t("minOrder", { symbol })} optional={tv("optional")} error={errors["/rule/minOrderCents"]}>
              <input {...control("min-order", "/rule/minOrderCents")} inputMode="decimal" value={minOrder} onChange={(e) => setMinOrder(e.target.value)} className={inputClasses} />
            </Field>
            <Field required id="valid-months" label={t("validMonths")} error={errors["/rule/pointsValidMonths"]}>
              <input {...control("valid-months", "/rule/pointsValidMonths")} type="number" min={POINTS_VALID_MONTHS.min} max={POINTS_VALID_MONTHS.max} step={1} value={validMonths} onChange={(e) => setValidMonths(e.target.value)} className={inputClasses} />
            </Field>
            <Field id="expiry-mode" label={t("expiryMode")}>
              <select id="expiry-mode" value={expiryMode} onChange={(e) => setExpiryMode(e.target.value as EarnRule["expiryMode"])} className={inputClasses}>
                <option value="inactivity">{t("expiryInactivity")}</option>
                <option value="per-earning">{t("expiryPerEarning")}</option>
              </select>
            </Field>
            <Field required id="warning-days" label={t("warningDays")} error={errors["/rule/expiryWarningDays"]}>
              <input {...control("warning-days", "/rule/expiryWarningDays")} type="number" min={EXPIRY_WARNING_DAYS.min} max={EXPIRY_WARNING_DAYS.max} step={1} value={warningDays} onChange={(e) => setWarningDays(e.target.value)} className={inputClasses} />
            </Field>
            <Field id="excluded-categories" label={t("excludedCategories")} optional={tv("optional")} error={under("/rule/excludedCategories")} hint={t("excludedCategoriesHint")}>
              <input {...control("excluded-categories", "/rule/excludedCategories", true)} value={excludedCategories} onChange={(e) => setExcludedCategories(e.target.value)} className={inputClasses} />
            </Field>
            <Field id="excluded-skus" label={t("excludedSkus")} optional={tv("optional")} hint={t("excludedSkusHint")} error={under("/rule/excludedSkus")}>
              <input {...control("excluded-skus", "/rule/excludedSkus", true)} value={excludedSkus} onChange={(e) => setExcludedSkus(e.target.value)} className={inputClasses} />
            </Field>
            <Field id="category-bonus" label={t("categoryBonus")} optional={tv("optional")} error={under("/rule/categoryBonusPercent")} hint={t("categoryBonusHint")} className="md:col-span-2">
              <textarea {...control("category-bonus", "/rule/categoryBonusPercent", true)} rows={3} value={bonus} onChange={(e) => setBonus(e.target.value)} className={`${inputClasses} py-2 font-mono`} />
            </Field>
          </div>
        </Card>

        <Card aria-labelledby="campaigns-title">
          <CardHeader
            id="campaigns-title"
            title={t("campaigns")}
            hint={t("campaignsHint")}
            actions={
              <Button variant="secondary" onClick={() => setCampaigns((all) => [...all, { id: `aktion-${all.length + 1}`, nameDe: "", nameEn: "", from: "", until: "", bonusPercent: "100", categories: "" }])}>
                {t("addCampaign")}
              </Button>
            }
          />
          <ul className="space-y-4">
            {campaigns.map((c, i) => (
              <li key={i} className="grid gap-3 rounded-2xl border border-stone-200 p-4 md:grid-cols-2" data-testid="campaign">
                <Field required id={`c${i}-de`} label={t("campaignName")} error={errors[`/rule/campaigns/${i}/name/de`]}>
                  <input {...control(`c${i}-de`, `/rule/campaigns/${i}/name/de`)} value={c.nameDe} onChange={(e) => setCampaign(i, { nameDe: e.target.value })} className={inputClasses} />
                </Field>
                <Field required id={`c${i}-en`} label={t("campaignNameEn")} error={errors[`/rule/campaigns/${i}/name/en`]}>
                  <input {...control(`c${i}-en`, `/rule/campaigns/${i}/name/en`)} value={c.nameEn} onChange={(e) => setCampaign(i, { nameEn: e.target.value })} className={inputClasses} />
                </Field>
                <Field required id={`c${i}-from`} label={t("campaignFrom")} error={errors[`/rule/campaigns/${i}/from`]}>
                  <input {...control(`c${i}-from`, `/rule/campaigns/${i}/from`)} type="datetime-local" value={c.from} onChange={(e) => setCampaign(i, { from: e.target.value })} className={inputClasses} />
                </Field>
                <Field required id={`c${i}-until`} label={t("campaignUntil")} error={errors[`/rule/campaigns/${i}/until`]}>
                  <input {...control(`c${i}-until`, `/rule/campaigns/${i}/until`)} type="datetime-local" value={c.until} onChange={(e) => setCampaign(i, { until: e.target.value })} className={inputClasses} />
                </Field>
                <Field required id={`c${i}-bonus`} label={t("campaignBonus")} error={errors[`/rule/campaigns/${i}/bonusPercent`]}>
                  <input {...control(`c${i}-bonus`, `/rule/campaigns/${i}/bonusPercent`)} type="number" min={CAMPAIGN_BONUS_PERCENT.min} max={CAMPAIGN_BONUS_PERCENT.max} step={1} value={c.bonusPercent} onChange={(e) => setCampaign(i, { bonusPercent: e.target.value })} className={inputClasses} />
                </Field>
                <Field id={`c${i}-cats`} label={t("campaignCategories")} optional={tv("optional")}>
                  <input id={`c${i}-cats`} value={c.categories} onChange={(e) => setCampaign(i, { categories: e.target.value })} className={inputClasses} />
                </Field>
                <div className="md:col-span-2">
                  <Button variant="danger" onClick={() => setCampaigns((all) => all.filter((_, j) => j !== i))}>
                    {t("removeCampaign")}
                  </Button>
                </div>
              </li>
            ))}
          </ul>
        </Card>

        <Card>
          <EffectiveWhen id="earn-rule" state={effective} error={errors["/effectiveFrom"]} />
          <FormErrorSummary {...action.summary} />
          <Button type="submit" className="mt-4" disabled={action.isPending}>
            {t("save")}
          </Button>
        </Card>
      </form>

      <aside aria-labelledby="preview-title" className="xl:sticky xl:top-6 xl:self-start">
        <Card className="border-brand-200 bg-brand-50/40">
          <CardHeader id="preview-title" title={t("preview")} />
          <div className="grid grid-cols-2 gap-3">
            <Field id="sample-order" label={t("previewOrder", { symbol })}>
              <input id="sample-order" inputMode="decimal" value={sampleOrder} onChange={(e) => setSampleOrder(e.target.value)} className={inputClasses} />
            </Field>
            <Field id="sample-category" label={t("previewCategory")}>
              <input id="sample-category" value={sampleCategory} onChange={(e) => setSampleCategory(e.target.value)} className={inputClasses} />
            </Field>
          </div>
          <div aria-live="polite" className="mt-4 space-y-2 text-sm" data-testid="earn-preview">
            {preview ? (
              <>
                <p className="rounded-2xl bg-white p-3 text-base font-semibold">{t("previewResult", { amount: formatMoney(locale, preview.amount, currency), points: preview.base })}</p>
                <ul className="space-y-1">
                  {preview.tiers.map((tier) => (
                    <li key={tier.name}>{t("previewTier", { tier: tier.name, points: tier.points })}</li>
                  ))}
                </ul>
              </>
            ) : (
              <p className="text-red-800">{parsed.success ? "" : Object.values(action.issueErrors(parsed.error))[0]}</p>
            )}
          </div>
        </Card>
      </aside>
    </div>
  );
}
