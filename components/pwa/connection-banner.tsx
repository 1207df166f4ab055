"use client";

import { useEffect, useSyncExternalStore } from "react";

function subscribe(onChange: () => void) {
  window.addEventListener("online", onChange);
  window.addEventListener("offline", onChange);
  return () => {
    window.removeEventListener("online", onChange);
    window.removeEventListener("offline", onChange);
  };
}

/** A quiet bar while the device is offline: what is shown may be older, actions wait for the network. */
export function ConnectionBanner({ message }: { message: string }) {
  const online = useSyncExternalStore(subscribe, () => navigator.onLine, () => true);
  // Reveals the screens' "Stand: <Zeit>" lines (components/pwa/as-of.tsx).
  useEffect(() => {
    document.documentElement.toggleAttribute("data-offline", !online);
  }, [online]);
  if (online) return null;
  return (
    <p role="status" className="sticky top-0 z-30 bg-stone-900 px-4 py-2 text-center text-sm font-medium text-white" data-testid="offline-banner">
      {message}
    </p>
  );
}
