"use client";

import { useEffect } from "react";
import { captureInstallPrompt } from "@/lib/pwa/install-prompt";

/**
 * Registers the service worker of a production build (development has none), and follows a
 * notification tap the worker could not navigate itself (a window it does not control). It also
 * keeps the browser's install offer for the Profile's install card.
 */
export function ServiceWorkerRegistration() {
  useEffect(() => captureInstallPrompt(), []);
  useEffect(() => {
    if (process.env.NODE_ENV !== "production" || !("serviceWorker" in navigator)) return;
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch((error: unknown) => {
      console.warn("service worker not registered", error);
    });
    const onMessage = (event: MessageEvent) => {
      const data = event.data as { type?: string; url?: string } | null;
      if (data?.type !== "NAVIGATE" || typeof data.url !== "string") return;
      const url = new URL(data.url, location.origin);
      if (url.origin === location.origin) location.assign(url.href);
    };
    navigator.serviceWorker.addEventListener("message", onMessage);
    return () => navigator.serviceWorker.removeEventListener("message", onMessage);
  }, []);
  return null;
}
