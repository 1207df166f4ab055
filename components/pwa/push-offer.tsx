"use client";

import { useState } from "react";
import { useTranslations } from "@/lib/i18n/island-text";
import { enablePush, pushSupported } from "@/lib/pwa/push-client";
import { useBrowserValue } from "./use-browser-value";
import { Button } from "@/components/ui/button";

const DISMISSED = "treue:push-offer-dismissed";

function askable(): boolean {
  return pushSupported() && Notification.permission === "default" && localStorage.getItem(DISMISSED) === null;
}

/**
 * Right after a redemption, the one moment a reminder obviously helps: offered once, answered
 * once. The browser's own permission prompt comes only after "Ja".
 */
export function PushOffer({ vapidPublicKey }: { vapidPublicKey: string }) {
  const t = useTranslations("notifications");
  const initially = useBrowserValue(askable, false);
  const [closed, setClosed] = useState(false);
  const [failed, setFailed] = useState(false);
  if (!initially || closed) return null;

  const decline = () => {
    localStorage.setItem(DISMISSED, new Date().toISOString());
    setClosed(true);
  };
  const accept = async () => {
    try {
      await enablePush(vapidPublicKey);
      localStorage.setItem(DISMISSED, new Date().toISOString()); // answered either way
      setClosed(true);
    } catch {
      setFailed(true);
    }
  };
  return (
    <section className="rounded-3xl border border-brand-200 bg-brand-50 p-5" aria-labelledby="push-offer-title" data-testid="push-offer">
      <h2 id="push-offer-title" className="text-base font-semibold text-brand-950">
        {t("offerTitle")}
      </h2>
      <p className="mt-1 text-sm text-stone-800">{t("offerBody")}</p>
      <div className="mt-3 flex flex-wrap gap-2">
        <Button onClick={() => void accept()}>{t("offerAccept")}</Button>
        <Button variant="secondary" onClick={decline}>
          {t("offerDecline")}
        </Button>
      </div>
      {failed && (
        <p className="mt-2 text-sm text-red-700" role="alert">
          {t("failed")}
        </p>
      )}
    </section>
  );
}
