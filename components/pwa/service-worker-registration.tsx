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
    // After the page has loaded and gone idle: installing precaches the app shell, and that
    // download must not compete with the first screen on a slow connection.
    const register = () =>
      navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch((error: unknown) => {
        console.warn("service worker not registered", error);
      });
    const whenIdle = () => ("requestIdleCallback" in window ? requestIdleCallback(() => void register(), { timeout: 5_000 }) : setTimeout(register, 1_000));
    if (document.readyState === "complete") whenIdle();
    else window.addEventListener("load", whenIdle, { once: true });
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
