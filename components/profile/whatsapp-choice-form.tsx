"use client";

import { useActionState } from "react";
import { useTranslations } from "@/lib/i18n/island-text";
import { saveWhatsappChoice, type WhatsappChoiceState } from "@/lib/actions/whatsapp-choice";
import { PhoneField } from "./phone-field";

/** The shopper's own WhatsApp opt-in: their mobile number and the sentence they agree to. Works without JavaScript. */
export function WhatsappChoiceForm({ phone, since }: { phone: string | null; since: string | null }) {
  // Never ticked for them: only a consent they gave (since) shows as given.
  const t = useTranslations("mailPrefs");
  const [state, action, pending] = useActionState<WhatsappChoiceState, FormData>(saveWhatsappChoice, { status: "idle" });
  const message = { idle: "", on: t("whatsappOn", { phone: state.phone ?? "" }), off: t("whatsappOff"), invalid: t("whatsappInvalid"), unavailable: t("whatsappUnavailable") }[state.status];
  return (
    <form action={action} className="space-y-3 rounded-2xl bg-stone-50 p-4" aria-labelledby="whatsapp-title">
      <h3 id="whatsapp-title" className="text-sm font-semibold">
        {t("whatsappTitle")}
      </h3>
      <PhoneField id="whatsapp-phone" label={t("whatsappPhone")} hint={t("whatsappPhoneHint")} phone={phone} invalid={state.status === "invalid"} statusId="whatsapp-status" />
      <label className="flex min-h-11 items-start gap-3 text-sm">
        <input type="checkbox" name="consent" defaultChecked={since !== null} className="mt-0.5 size-5 shrink-0 accent-brand-700" />
        <span data-testid="whatsapp-consent-text">{t("whatsappConsent")}</span>
      </label>
      {since && state.status === "idle" && <p className="text-xs text-stone-600">{t("whatsappSince", { since })}</p>}
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={pending} className="min-h-11 rounded-xl border border-stone-300 bg-white px-4 text-sm font-semibold text-stone-800 hover:bg-stone-50 disabled:opacity-60">
          {t("whatsappSave")}
        </button>
        <p id="whatsapp-status" role="status" className={`text-sm ${state.status === "invalid" ? "text-red-700" : "text-brand-700"}`} data-testid="whatsapp-status">
          {message}
        </p>
      </div>
    </form>
  );
}
