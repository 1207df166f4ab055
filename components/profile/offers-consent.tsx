"use client";

import { useActionState } from "react";
import { useTranslations } from "@/lib/i18n/island-text";
import { askForOffersByMail, stopOffersByMail, type MarketingConsentState } from "@/lib/actions/marketing-consent";
import { Button } from "@/components/ui/button";

/**
 * Offers by e-mail, by double opt-in: asking sends a confirmation mail, and only its link turns
 * offers on. The state comes from the server; an answer to a click shows until the next visit.
 */
export function OffersConsent({ state, since }: { state: "none" | "pending" | "confirmed"; since: string | null }) {
  const t = useTranslations("mailPrefs");
  const [asked, ask, asking] = useActionState<MarketingConsentState>(askForOffersByMail, { status: "idle" });
  const [stopped, stop, stopping] = useActionState<MarketingConsentState>(stopOffersByMail, { status: "idle" });
  const current = stopped.status === "withdrawn" ? "none" : asked.status === "requested" ? "pending" : state;
  const message =
    stopped.status === "withdrawn" ? t("withdrawn") : asked.status === "requested" ? t("requested") : current === "pending" ? t("pending", { since: since ?? "" }) : current === "confirmed" ? t("confirmed", { since: since ?? "" }) : t("none");
  return (
    <div className="space-y-3 rounded-2xl bg-stone-50 p-4">
      <p className="text-sm font-medium">{t("offersTitle")}</p>
      <p role="status" className="text-sm text-stone-700" data-testid="offers-consent-status">
        {message}
      </p>
      <div className="flex flex-wrap gap-2">
        {current !== "confirmed" && (
          <form action={ask}>
            <Button type="submit" disabled={asking}>
              {current === "pending" ? t("askAgain") : t("ask")}
            </Button>
          </form>
        )}
        {current !== "none" && (
          <form action={stop}>
            <button type="submit" disabled={stopping} className="min-h-11 rounded-xl border border-stone-300 px-4 text-sm font-semibold text-stone-800 hover:bg-white disabled:opacity-60">
              {current === "confirmed" ? t("stop") : t("cancel")}
            </button>
          </form>
        )}
      </div>
    </div>
  );
}
