"use client";

import { useEffect, useState } from "react";
import { useTranslations } from "@/lib/i18n/island-text";
import { currentPushState, disablePush, enablePush, type PushState } from "@/lib/pwa/push-client";

/** This device's push switch on Profile. Permission is asked only when the shopper taps. */
export function PushToggle({ vapidPublicKey }: { vapidPublicKey: string }) {
  const t = useTranslations("notifications");
  const [state, setState] = useState<PushState | "loading">("loading");
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    currentPushState().then(setState, () => setState("unsupported"));
  }, []);

  async function toggle() {
    setBusy(true);
    setFailed(false);
    try {
      setState(state === "on" ? await disablePush() : await enablePush(vapidPublicKey));
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  }

  const message =
    state === "on" ? t("on") : state === "denied" ? t("denied") : state === "unsupported" ? t("unsupported") : state === "ios-needs-install" ? t("iosHint") : state === "off" ? t("off") : "";
  const canToggle = state === "on" || state === "off";
  return (
    <div className="space-y-2" data-testid="push-toggle" data-state={state}>
      <p className="text-sm text-stone-700" role="status">
        {message}
      </p>
      {canToggle && (
        <button
          type="button"
          onClick={toggle}
          disabled={busy}
          className={
            state === "on"
              ? "min-h-11 rounded-xl border border-stone-300 px-4 text-sm font-semibold text-stone-800 hover:bg-stone-50 disabled:opacity-60"
              : "min-h-11 rounded-xl bg-brand-700 px-4 text-sm font-semibold text-white hover:bg-brand-800 disabled:opacity-60"
          }
        >
          {busy ? t("working") : state === "on" ? t("disable") : t("enable")}
        </button>
      )}
      {failed && (
        <p className="text-sm text-red-700" role="alert">
          {t("failed")}
        </p>
      )}
    </div>
  );
}
