"use client";

import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { describedBy, Field, inputClasses } from "@/components/ui/field";
import { currencySymbol, formatMoney } from "@/lib/i18n/money";
import { rewardKinds, type RewardKind } from "@/lib/loyalty/rewards";
import { rewardSchema } from "@/lib/validations/console";
import { centsFromText, numberFromText, previewable } from "@/lib/validations/form-input";
import { COUPON_VALID_DAYS, LIST_POSITION, PER_MEMBER_LIMIT, REWARD_PERCENT_OFF, REWARD_POINTS_COST, REWARD_STOCK, SLUG, TEXT } from "@/lib/validations/limits";
import { FormErrorSummary } from "./form-error-summary";
import { ImageUpload } from "./image-upload";
import { useConsoleAction } from "./use-console-action";
import { isoToLocalInput, localInputToIso } from "@/lib/console/datetime-local";

export type EditableReward = {
  id: string;
  kind: RewardKind;
  name: { de: string; en: string };
  description: { de: string; en: string };
  pointsCost: number;
  valueCents: number | null;
  percentOff: number | null;
  sku: string | null;
  category: string | null;
  minOrderCents: number | null;
  couponValidDays: number;
  stock: number | null;
  perMemberLimit: number | null;
  minTierId: string | null;
  position: number;
  active: boolean;
  availableFrom: string | null;
  availableUntil: string | null;
  /** points_off: money per step of `pointsCost` points, least and most per redemption. */
  stepValueCents: number | null;
  minValueCents: number | null;
  maxValueCents: number | null;
};

const blank: EditableReward = {
  id: "",
  kind: "amount_off",
  name: { de: "", en: "" },
  description: { de: "", en: "" },
  pointsCost: 500,
  valueCents: 500,
  percentOff: null,
  sku: null,
  category: null,
  minOrderCents: null,
  couponValidDays: 30,
  stock: null,
  perMemberLimit: null,
  minTierId: null,
  position: 0,
  active: true,
  availableFrom: null,
  availableUntil: null,
  stepValueCents: null,
  minValueCents: null,
  maxValueCents: null,
};

const num = (text: string) => numberFromText(text) ?? null;
const euroCents = (text: string) => centsFromText(text) ?? null;
const show = (n: number | null, cents = false) => (n === null ? "" : String(cents ? n / 100 : n));

/** "New reward" or "Edit": the whole reward in a dialog, with a preview of its catalog card. */
export function RewardEditor({ reward, image, tiers, trigger, currency }: { reward?: EditableReward; image?: string | null; tiers: { id: string; name: string }[]; trigger: string; currency: string }) {
  const t = useTranslations("console.rewards");
  const tc = useTranslations("console");
  const locale = useLocale();
  const format = useFormatter();
  const tv = useTranslations("console.validation");
  const [open, setOpen] = useState(false);
  const start = reward ?? blank;
  const startTexts = () => ({ cost: show(start.pointsCost), validDays: show(start.couponValidDays), position: show(start.position), value: show(start.valueCents, true), minOrder: show(start.minOrderCents, true), stock: show(start.stock), perMember: show(start.perMemberLimit), from: isoToLocalInput(start.availableFrom), until: isoToLocalInput(start.availableUntil), step: show(start.stepValueCents, true), min: show(start.minValueCents, true), max: show(start.maxValueCents, true) });
  const [r, setR] = useState(start);
  const [texts, setTexts] = useState(startTexts);
  const action = useConsoleAction<unknown, { created: boolean }>("rewards.save", { success: (res) => (res.created ? t("created") : t("updated")), currency });
  const errors = action.fieldErrors;
  /** Every opening starts from the saved reward (or a blank one): nothing typed or refused last time comes back. */
  const openFresh = () => {
    setR(start);
    setTexts(startTexts());
    action.reset();
    setOpen(true);
  };
  const pointsOffInput = r.kind === "points_off" ? { stepValueCents: euroCents(texts.step), minValueCents: euroCents(texts.min), maxValueCents: euroCents(texts.max) } : { stepValueCents: null, minValueCents: null, maxValueCents: null };
  const input = { ...r, pointsCost: numberFromText(texts.cost), couponValidDays: numberFromText(texts.validDays), position: numberFromText(texts.position), valueCents: r.kind === "amount_off" ? euroCents(texts.value) : null, percentOff: r.kind === "percent_off" ? r.percentOff : null, sku: r.kind === "free_product" ? r.sku : null, minOrderCents: euroCents(texts.minOrder), stock: num(texts.stock), perMemberLimit: num(texts.perMember), availableFrom: localInputToIso(texts.from), availableUntil: localInputToIso(texts.until), ...pointsOffInput };
  const money = (cents: number | null) => {
    const shown = previewable(cents, { min: 0, max: 100_000_000 });
    return shown === null ? "…" : formatMoney(locale, shown, currency);
  };
  const symbol = currencySymbol(locale, currency);
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    action.submit(rewardSchema, input, { onSuccess: () => setOpen(false) });
  };
  const previewPoints = previewable(input.pointsCost, REWARD_POINTS_COST);
  const f = (id: string, pointer: string, hint?: boolean) => describedBy(`rw-${id}`, { hint, error: errors[pointer] });
  return (
    <>
      <Button variant={reward ? "secondary" : "primary"} onClick={openFresh}>
        {trigger}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title={reward ? `${t("edit")}: ${reward.name.de}` : t("new")} closeLabel={tc("moderation.close")}>
        <form onSubmit={submit} noValidate className="grid gap-3 text-left whitespace-normal md:grid-cols-2">
          <Field required id="rw-id" label={t("id")} hint={reward ? undefined : t("idHint")} error={errors["/id"]}>
            <input {...describedBy("rw-id", { hint: !reward, error: errors["/id"] })} maxLength={SLUG.max} value={r.id} readOnly={Boolean(reward)} onChange={(e) => setR({ ...r, id: e.target.value })} className={inputClasses} />
          </Field>
          <Field id="rw-kind" label={t("kind")}>
            <select id="rw-kind" value={r.kind} onChange={(e) => setR({ ...r, kind: e.target.value as RewardKind })} className={inputClasses}>
              {rewardKinds.map((k) => (
                <option key={k} value={k}>
                  {t(`kinds.${k}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field required id="rw-name-de" label={t("name")} error={errors["/name/de"]}>
            <input {...f("name-de", "/name/de")} maxLength={TEXT.rewardName.max} value={r.name.de} onChange={(e) => setR({ ...r, name: { ...r.name, de: e.target.value } })} className={inputClasses} />
          </Field>
          <Field required id="rw-name-en" label={t("nameEn")} error={errors["/name/en"]}>
            <input {...f("name-en", "/name/en")} maxLength={TEXT.rewardName.max} value={r.name.en} onChange={(e) => setR({ ...r, name: { ...r.name, en: e.target.value } })} className={inputClasses} />
          </Field>
          <Field required id="rw-desc-de" label={t("description")} error={errors["/description/de"]}>
            <textarea {...f("desc-de", "/description/de")} rows={2} value={r.description.de} onChange={(e) => setR({ ...r, description: { ...r.description, de: e.target.value } })} className={`${inputClasses} py-2`} />
          </Field>
          <Field required id="rw-desc-en" label={t("descriptionEn")} error={errors["/description/en"]}>
            <textarea {...f("desc-en", "/description/en")} rows={2} value={r.description.en} onChange={(e) => setR({ ...r, description: { ...r.description, en: e.target.value } })} className={`${inputClasses} py-2`} />
          </Field>
          <Field required id="rw-cost" label={r.kind === "points_off" ? t("pointsPerStep") : t("cost")} error={errors["/pointsCost"]}>
            <input {...f("cost", "/pointsCost")} type="number" min={REWARD_POINTS_COST.min} max={REWARD_POINTS_COST.max} step={1} value={texts.cost} onChange={(e) => setTexts({ ...texts, cost: e.target.value })} className={inputClasses} />
          </Field>
          {r.kind === "amount_off" && (
            <Field required id="rw-value" label={t("value", { symbol })} error={errors["/valueCents"]}>
              <input {...f("value", "/valueCents")} inputMode="decimal" value={texts.value} onChange={(e) => setTexts({ ...texts, value: e.target.value })} className={inputClasses} />
            </Field>
          )}
          {r.kind === "points_off" && (
            <>
              <Field required id="rw-step" label={t("stepValue", { symbol })} error={errors["/stepValueCents"]}>
                <input {...f("step", "/stepValueCents")} inputMode="decimal" value={texts.step} onChange={(e) => setTexts({ ...texts, step: e.target.value })} className={inputClasses} />
              </Field>
              <Field required id="rw-min-value" label={t("minValue", { symbol })} error={errors["/minValueCents"]}>
                <input {...f("min-value", "/minValueCents")} inputMode="decimal" value={texts.min} onChange={(e) => setTexts({ ...texts, min: e.target.value })} className={inputClasses} />
              </Field>
              <Field required id="rw-max-value" label={t("maxValue", { symbol })} error={errors["/maxValueCents"]}>
                <input {...f("max-value", "/maxValueCents")} inputMode="decimal" value={texts.max} onChange={(e) => setTexts({ ...texts, max: e.target.value })} className={inputClasses} />
              </Field>
              <p className="rounded-xl bg-brand-50 px-3 py-2 text-sm text-stone-700 md:col-span-2">{t("pointsOffHint", { step: money(100), min: money(500), max: money(5_000) })}</p>
            </>
          )}
          {r.kind === "percent_off" && (
            <Field required id="rw-percent" label={t("percent")} error={errors["/percentOff"]}>
              <input {...f("percent", "/percentOff")} type="number" min={REWARD_PERCENT_OFF.min} max={REWARD_PERCENT_OFF.max} step={1} value={r.percentOff ?? ""} onChange={(e) => setR({ ...r, percentOff: num(e.target.value) })} className={inputClasses} />
            </Field>
          )}
          {r.kind === "free_product" && (
            <Field required id="rw-sku" label={t("sku")} error={errors["/sku"]}>
              <input {...f("sku", "/sku")} value={r.sku ?? ""} onChange={(e) => setR({ ...r, sku: e.target.value || null })} className={inputClasses} />
            </Field>
          )}
          <Field id="rw-category" optional={tv("optional")} label={t("category")} hint={t("categoryHint")} error={errors["/category"]}>
            <input {...describedBy("rw-category", { hint: true, error: errors["/category"] })} value={r.category ?? ""} onChange={(e) => setR({ ...r, category: e.target.value || null })} className={inputClasses} />
          </Field>
          <Field id="rw-min-order" label={t("minOrder", { symbol })} optional={tv("optional")} error={errors["/minOrderCents"]}>
            <input {...f("min-order", "/minOrderCents")} inputMode="decimal" value={texts.minOrder} onChange={(e) => setTexts({ ...texts, minOrder: e.target.value })} className={inputClasses} />
          </Field>
          <Field required id="rw-valid" label={t("validDays")} hint={t("validDaysHint")} error={errors["/couponValidDays"]}>
            <input {...f("valid", "/couponValidDays", true)} type="number" min={COUPON_VALID_DAYS.min} max={COUPON_VALID_DAYS.max} step={1} value={texts.validDays} onChange={(e) => setTexts({ ...texts, validDays: e.target.value })} className={inputClasses} />
          </Field>
          <Field id="rw-stock" label={t("stock")} optional={tv("optional")} hint={t("stockHint")} error={errors["/stock"]}>
            <input {...describedBy("rw-stock", { hint: true, error: errors["/stock"] })} type="number" min={REWARD_STOCK.min} max={REWARD_STOCK.max} step={1} value={texts.stock} onChange={(e) => setTexts({ ...texts, stock: e.target.value })} className={inputClasses} />
          </Field>
          <Field id="rw-per-member" label={t("perMember")} optional={tv("optional")} hint={t("perMemberHint")} error={errors["/perMemberLimit"]}>
            <input {...f("per-member", "/perMemberLimit", true)} type="number" min={PER_MEMBER_LIMIT.min} max={PER_MEMBER_LIMIT.max} step={1} value={texts.perMember} onChange={(e) => setTexts({ ...texts, perMember: e.target.value })} className={inputClasses} />
          </Field>
          <Field id="rw-tier" label={t("minTier")}>
            <select id="rw-tier" value={r.minTierId ?? ""} onChange={(e) => setR({ ...r, minTierId: e.target.value || null })} className={inputClasses}>
              <option value="">{t("anyTier")}</option>
              {tiers.map((tier) => (
                <option key={tier.id} value={tier.id}>
                  {tier.name}
                </option>
              ))}
            </select>
          </Field>
          <Field id="rw-position" optional={tv("optional")} label={t("position")} hint={t("positionHint")} error={errors["/position"]}>
            <input {...describedBy("rw-position", { hint: true, error: errors["/position"] })} type="number" min={LIST_POSITION.min} max={LIST_POSITION.max} step={1} value={texts.position} onChange={(e) => setTexts({ ...texts, position: e.target.value })} className={inputClasses} />
          </Field>
          <Field id="rw-from" label={t("availableFrom")} optional={tv("optional")} error={errors["/availableFrom"]}>
            <input {...f("from", "/availableFrom")} type="datetime-local" value={texts.from} onChange={(e) => setTexts({ ...texts, from: e.target.value })} className={inputClasses} />
          </Field>
          <Field id="rw-until" label={t("availableUntil")} optional={tv("optional")} error={errors["/availableUntil"]}>
            <input {...f("until", "/availableUntil")} type="datetime-local" value={texts.until} onChange={(e) => setTexts({ ...texts, until: e.target.value })} className={inputClasses} />
          </Field>
          <label className="inline-flex min-h-11 items-center gap-2 text-sm md:col-span-2">
            <input type="checkbox" className="size-5" checked={r.active} onChange={(e) => setR({ ...r, active: e.target.checked })} />
            {t("active")}
          </label>
          {reward && <ImageUpload endpoint={`/api/console/rewards/${encodeURIComponent(reward.id)}/image`} current={image ?? null} label={t("imageUpload")} />}
          <div className="rounded-2xl border border-stone-200 bg-stone-50 p-4 md:col-span-2" aria-label={t("preview")}>
            <p className="text-xs font-semibold tracking-wide text-stone-600 uppercase">{t("preview")}</p>
            <p className="mt-1 font-semibold">{r.name.de || "…"}</p>
            <p className="text-sm text-stone-700">{r.description.de}</p>
            <p className="mt-2 inline-block rounded-full bg-brand-50 px-2.5 py-0.5 text-sm font-semibold text-brand-800">
              {r.kind === "points_off"
                ? t("pointsOffPreview", { points: previewPoints ?? "…", amount: money(input.stepValueCents), min: money(input.minValueCents), max: money(input.maxValueCents) })
                : previewPoints === null
                  ? "… P"
                  : `${format.number(previewPoints)} P`}
            </p>
          </div>
          <div className="space-y-2 md:col-span-2">
            <FormErrorSummary {...action.summary} />
            <Button type="submit" disabled={action.isPending}>
              {t("save")}
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
