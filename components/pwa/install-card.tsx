"use client";

import { useSyncExternalStore } from "react";
import { useTranslations } from "@/lib/i18n/island-text";
import { installPrompt, onInstallPromptChange, promptInstall } from "@/lib/pwa/install-prompt";
import { iosBrowserTab, runsInstalled } from "@/lib/pwa/platform";
import { useBrowserValue } from "./use-browser-value";
import { Card } from "@/components/ui/card";
import { Button } from "@/components/ui/button";

type Mode = "hidden" | "prompt" | "ios" | "installed";

const readPlatform = () => (runsInstalled() ? "standalone" : iosBrowserTab() ? "ios" : "other");

/**
 * On Profile only, never as a pop-up: an install button where the browser offers installation,
 * the two Safari steps on iPhone and iPad, nothing once Treue runs installed.
 */
export function InstallCard() {
  const t = useTranslations("install");
  const offered = useSyncExternalStore(onInstallPromptChange, () => installPrompt() !== null, () => false);
  // The server renders nothing; the client reads its platform once hydrated.
  const platform = useBrowserValue(readPlatform, null);

  const mode: Mode = platform === "standalone" ? "installed" : offered ? "prompt" : platform === "ios" ? "ios" : "hidden";
  if (mode === "hidden" || mode === "installed") return null;
  return (
    <Card aria-labelledby="install-title" data-testid="install-card">
      <h2 id="install-title" className="text-base font-semibold">
        {t("title")}
      </h2>
      <p className="mt-1 text-sm text-stone-700">{t("intro")}</p>
      {mode === "prompt" ? (
        <Button onClick={() => void promptInstall()} className="mt-3">
          {t("button")}
        </Button>
      ) : (
        <p className="mt-3 rounded-xl bg-stone-100 p-3 text-sm text-stone-800">{t("iosSteps")}</p>
      )}
    </Card>
  );
}
