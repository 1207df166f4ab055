"use client";

import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { describedBy, Field, inputClasses } from "@/components/ui/field";
import { currencySymbol, formatMoney } from "@/lib/i18n/money";
import type { Branding } from "@/lib/loyalty/branding";
import type { ReferralRule } from "@/lib/loyalty/referrals";
import { programSettingsSchema } from "@/lib/validations/console";
import { ImageUpload } from "./image-upload";
import { EffectiveWhen, useEffectiveWhen } from "./effective-when";
import { centsFromText, numberFromText, previewable } from "@/lib/validations/form-input";
import { FRIEND_DISCOUNT_CENTS, MIN_ORDER_CENTS, REFERRER_POINTS, TEXT } from "@/lib/validations/limits";
import { FormErrorSummary } from "./form-error-summary";
import { useConsoleAction } from "./use-console-action";

const euro = (cents: number) => String(cents / 100);
/** Point value typed in cents ("0,5") as hundredths of a cent; empty stays missing. */
const milliCents = (text: string) => {
  const n = numberFromText(text);
  return n === undefined ? undefined : Math.round(n * 100);
};
const optional = (text: string) => (text.trim() === "" ? undefined : text.trim());

/** Program name, referral offer, point value and branding, with a preview of the shopper's view. */
export function SettingsForm({ name, referralRule, pointValueMilliCents, branding, currency }: { name: string; referralRule: ReferralRule; pointValueMilliCents: number; branding: Branding; currency: string }) {
  const t = useTranslations("console.settings");
  const tv = useTranslations("console.validation");
  const format = useFormatter();
  const locale = useLocale();
  const symbol = currencySymbol(locale, currency);
  const [programName, setProgramName] = useState(name);
  const [r, setR] = useState({
    enabled: referralRule.enabled,
    referrerPoints: String(referralRule.referrerPoints),
    friendDiscount: euro(referralRule.friendDiscountCents),
    friendMinOrder: euro(referralRule.friendMinOrderCents),
    qualifyingOrder: euro(referralRule.qualifyingOrderCents),
    returnWindow: String(referralRule.returnWindowDays),
    monthlyLimit: String(referralRule.monthlyLimit),
    ipClaimLimit: String(referralRule.ipClaimLimit),
    attributionDays: String(referralRule.attributionDays),
  });
  const [pointValue, setPointValue] = useState(String(pointValueMilliCents / 100));
  const [b, setB] = useState({ shopName: branding.shopName ?? "", shopUrl: branding.shopUrl ?? "", logoUrl: branding.logoUrl ?? "", primaryColor: branding.primaryColor ?? "#136441", imprintUrl: branding.imprintUrl ?? "", privacyUrl: branding.privacyUrl ?? "" });
  const effective = useEffectiveWhen();
  const action = useConsoleAction<unknown, { scheduled: string | null }>("program.settings", {
    currency,
    success: (r) => (r.scheduled ? t("scheduledSaved", { date: format.dateTime(new Date(r.scheduled), { dateStyle: "medium", timeStyle: "short" }) }) : t("saved")),
  });
  const errors = action.fieldErrors;
  const input = {
    ...(effective.effectiveFrom !== undefined && { effectiveFrom: effective.effectiveFrom }),
    name: programName,
    referralRule: {
      ...referralRule,
      enabled: r.enabled,
      referrerPoints: numberFromText(r.referrerPoints),
      friendDiscountCents: centsFromText(r.friendDiscount),
      friendMinOrderCents: centsFromText(r.friendMinOrder),
      qualifyingOrderCents: centsFromText(r.qualifyingOrder),
      returnWindowDays: numberFromText(r.returnWindow),
      monthlyLimit: numberFromText(r.monthlyLimit),
      ipClaimLimit: numberFromText(r.ipClaimLimit),
      attributionDays: numberFromText(r.attributionDays),
    },
    pointValueMilliCents: milliCents(pointValue),
    branding: Object.fromEntries(Object.entries(b).map(([k, v]) => [k, optional(v)]).filter(([, v]) => v !== undefined)),
  };
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    action.submit(programSettingsSchema, input);
  };
  /** In the preview only what the schema would take: never "you get -500 points" or an absurd amount. */
  const money = (cents: number | null) => (cents === null ? "…" : formatMoney(locale, cents, currency));
  const referralField = (key: keyof typeof r & string, pointer: string, label: string, hint?: string) => (
    <Field required id={`ref-${key}`} label={label} hint={hint} error={errors[`/referralRule/${pointer}`]}>
      <input {...describedBy(`ref-${key}`, { hint, error: errors[`/referralRule/${pointer}`] })} inputMode="decimal" value={String(r[key])} onChange={(e) => setR({ ...r, [key]: e.target.value })} className={inputClasses} />
    </Field>
  );
  const brandField = (key: keyof typeof b, label: string, type = "url") => (
    <Field id={`brand-${key}`} label={label} optional={key === "primaryColor" ? undefined : tv("optional")} error={errors[`/branding/${key}`]}>
      <input {...describedBy(`brand-${key}`, { error: errors[`/branding/${key}`] })} type={type} value={b[key]} onChange={(e) => setB({ ...b, [key]: e.target.value })} className={type === "color" ? `${inputClasses} h-11 w-24 p-1` : inputClasses} />
    </Field>
  );
  return (
    <form onSubmit={submit} noValidate className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_22rem]">
      <div className="space-y-6">
        <Card>
          <Field required id="program-name" label={t("name")} error={errors["/name"]}>
            <input {...describedBy("program-name", { error: errors["/name"] })} maxLength={TEXT.programName.max} value={programName} onChange={(e) => setProgramName(e.target.value)} className={inputClasses} />
          </Field>
        </Card>
        <Card aria-labelledby="referral-title">
          <CardHeader id="referral-title" title={t("referral")} />
          <label className="mb-3 inline-flex min-h-11 items-center gap-2 text-sm">
            <input type="checkbox" className="size-5" checked={r.enabled} onChange={(e) => setR({ ...r, enabled: e.target.checked })} />
            {t("enabled")}
          </label>
          <div className="grid gap-3 md:grid-cols-2">
            {referralField("referrerPoints", "referrerPoints", t("referrerPoints"))}
            {referralField("friendDiscount", "friendDiscountCents", t("friendDiscount", { symbol }))}
            {referralField("friendMinOrder", "friendMinOrderCents", t("friendMinOrder", { symbol }))}
            {referralField("qualifyingOrder", "qualifyingOrderCents", t("qualifyingOrder", { symbol }))}
            {referralField("returnWindow", "returnWindowDays", t("returnWindow"), t("returnWindowHint"))}
            {referralField("attributionDays", "attributionDays", t("attributionDays"))}
            {referralField("monthlyLimit", "monthlyLimit", t("monthlyLimit"), t("monthlyLimitHint"))}
            {referralField("ipClaimLimit", "ipClaimLimit", t("ipClaimLimit"), t("ipClaimLimitHint"))}
          </div>
        </Card>
        <Card aria-labelledby="value-title">
          <CardHeader id="value-title" title={t("value")} />
          <Field required id="point-value" label={t("pointValue", { currency })} hint={t("pointValueHint")} error={errors["/pointValueMilliCents"]} className="max-w-xs">
            <input {...describedBy("point-value", { hint: true, error: errors["/pointValueMilliCents"] })} inputMode="decimal" value={pointValue} onChange={(e) => setPointValue(e.target.value)} className={inputClasses} />
          </Field>
        </Card>
        <Card aria-labelledby="brand-title">
          <CardHeader id="brand-title" title={t("branding")} />
          <div className="grid gap-3 md:grid-cols-2">
            {brandField("shopName", t("shopName"), "text")}
            {brandField("shopUrl", t("shopUrl"))}
            {brandField("logoUrl", t("logoUrl"), "text")}
            <ImageUpload endpoint="/api/console/branding/logo" current={branding.logoUrl ?? null} label={t("logoUpload")} onUploaded={(logoUrl) => setB((all) => ({ ...all, logoUrl }))} />
            {brandField("primaryColor", t("primaryColor"), "color")}
            {brandField("imprintUrl", t("imprintUrl"))}
            {brandField("privacyUrl", t("privacyUrl"))}
          </div>
        </Card>
        <Card>
          <EffectiveWhen id="settings" state={effective} error={errors["/effectiveFrom"]} />
          <FormErrorSummary {...action.summary} />
          <Button type="submit" className="mt-4" disabled={action.isPending}>
            {t("save")}
          </Button>
        </Card>
      </div>
      <aside aria-labelledby="settings-preview" className="xl:sticky xl:top-6 xl:self-start">
        <Card>
          <CardHeader id="settings-preview" title={t("preview")} />
          <div className="overflow-hidden rounded-2xl border border-stone-200">
            <div className="flex items-center gap-3 px-4 py-3 font-semibold text-white" style={{ backgroundColor: b.primaryColor }}>
              {/* eslint-disable-next-line @next/next/no-img-element -- the shop's logo as the app will show it */}
              {b.logoUrl && <img src={b.logoUrl} alt="" className="size-8 rounded-lg bg-white object-contain" />}
              {b.shopName || programName}
            </div>
            <p className="p-4 text-sm">
              {t("previewReferral", {
                discount: money(previewable(input.referralRule.friendDiscountCents, FRIEND_DISCOUNT_CENTS)),
                min: money(previewable(input.referralRule.friendMinOrderCents, MIN_ORDER_CENTS)),
                points: previewable(input.referralRule.referrerPoints, REFERRER_POINTS) ?? "…",
              })}
            </p>
            <p className="flex gap-4 border-t border-stone-200 px-4 py-2 text-xs text-stone-700">
              {b.imprintUrl && <span className="underline">{t("imprint")}</span>}
              {b.privacyUrl && <span className="underline">{t("privacy")}</span>}
            </p>
          </div>
        </Card>
      </aside>
    </form>
  );
}
