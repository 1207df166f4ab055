"use client";

import { useActionState } from "react";
import { useTranslations } from "@/lib/i18n/island-text";
import { saveSmsChoice, type SmsChoiceState } from "@/lib/actions/sms-choice";
import { PhoneField } from "./phone-field";

/** Texts instead of e-mail: a mobile number and its own opt-in. Works without JavaScript. */
export function SmsChoiceForm({ phone }: { phone: string | null }) {
  const t = useTranslations("mailPrefs");
  const [state, action, pending] = useActionState<SmsChoiceState, FormData>(saveSmsChoice, { status: "idle" });
  const message = { idle: "", on: t("smsOn", { phone: state.phone ?? "" }), off: t("smsOff"), invalid: t("smsInvalid"), unavailable: t("smsUnavailable") }[state.status];
  return (
    <form action={action} className="space-y-3 rounded-2xl bg-stone-50 p-4">
      <PhoneField id="sms-phone" label={t("smsPhone")} phone={phone} invalid={state.status === "invalid"} statusId="sms-status" />
      <label className="flex min-h-11 items-center gap-3 text-sm">
        <input type="checkbox" name="consent" defaultChecked={phone !== null} className="size-5 accent-brand-700" />
        {t("smsConsent")}
      </label>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={pending} className="min-h-11 rounded-xl border border-stone-300 bg-white px-4 text-sm font-semibold text-stone-800 hover:bg-stone-50 disabled:opacity-60">
          {t("smsSave")}
        </button>
        <p id="sms-status" role="status" className={`text-sm ${state.status === "invalid" ? "text-red-700" : "text-brand-700"}`} data-testid="sms-status">
          {message}
        </p>
      </div>
    </form>
  );
}
