"use client";

import { useEffect, useState } from "react";

/**
 * When a new version's service worker is installed and waiting, offers to switch. The switch
 * happens only on the shopper's tap (never mid-task), then the page reloads once.
 */
export function UpdatePrompt({ message, action }: { message: string; action: string }) {
  const [waiting, setWaiting] = useState<ServiceWorker | null>(null);

  useEffect(() => {
    if (!("serviceWorker" in navigator)) return;
    let cancelled = false;
    const watch = (registration: ServiceWorkerRegistration) => {
      if (registration.waiting && navigator.serviceWorker.controller) setWaiting(registration.waiting);
      registration.addEventListener("updatefound", () => {
        const installing = registration.installing;
        installing?.addEventListener("statechange", () => {
          if (!cancelled && installing.state === "installed" && navigator.serviceWorker.controller) setWaiting(installing);
        });
      });
    };
    navigator.serviceWorker.getRegistration().then((registration) => registration && watch(registration));
    let reloaded = false;
    const onControllerChange = () => {
      if (reloaded) return;
      reloaded = true;
      window.location.reload();
    };
    navigator.serviceWorker.addEventListener("controllerchange", onControllerChange);
    return () => {
      cancelled = true;
      navigator.serviceWorker.removeEventListener("controllerchange", onControllerChange);
    };
  }, []);

  if (!waiting) return null;
  return (
    <div role="status" className="fixed inset-x-4 bottom-24 z-40 mx-auto flex max-w-md items-center justify-between gap-3 rounded-2xl bg-stone-900 px-4 py-3 text-sm text-white shadow-lg md:bottom-6">
      <span>{message}</span>
      <button
        type="button"
        onClick={() => waiting.postMessage({ type: "SKIP_WAITING" })}
        className="min-h-11 shrink-0 rounded-xl bg-gold-400 px-3 font-semibold text-stone-900"
      >
        {action}
      </button>
    </div>
  );
}
