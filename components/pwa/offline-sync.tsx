"use client";

import { useEffect } from "react";
import { announceSent, flushFromPage, type OutboxSent } from "@/lib/pwa/outbox-client";

type NetworkInformation = { saveData?: boolean };

/**
 * What keeps a signed-in shopper's app useful offline:
 * - sends offline task submissions at start and when the connection returns (the fallback where
 *   the browser has no Background Sync), and relays what the worker sent itself;
 * - asks the worker to keep fresh copies of the key screens (unless the shopper saves data).
 */
export function OfflineSync() {
  useEffect(() => {
    if (!("indexedDB" in window)) return;
    const flush = () => void flushFromPage().catch(() => undefined);
    const onMessage = (event: MessageEvent) => {
      const data = event.data as ({ type?: string } & OutboxSent) | null;
      if (data?.type === "OUTBOX_SENT") announceSent([{ clientId: data.clientId, state: data.state }]);
    };
    if (navigator.onLine) flush();
    window.addEventListener("online", flush);
    navigator.serviceWorker?.addEventListener("message", onMessage);
    return () => {
      window.removeEventListener("online", flush);
      navigator.serviceWorker?.removeEventListener("message", onMessage);
    };
  }, []);

  useEffect(() => {
    const connection = (navigator as { connection?: NetworkInformation }).connection;
    if (!navigator.serviceWorker?.controller || !navigator.onLine || connection?.saveData) return;
    navigator.serviceWorker.controller.postMessage({ type: "WARM_SCREENS" });
  }, []);
  return null;
}
