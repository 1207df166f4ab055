// The message tabs send each other when a shopper's data changed (a redemption, say), and the
// other moments a shown value may be stale. Kept apart from live-data.ts: a screen pays for the
// data library only once one of these happens, never on its first load.
export const CHANNEL = "treue-live";
export const CHANGED = "changed";
/** This tab is about to change the shopper's data itself: what is on screen follows it at once. */
const WAKE = "treue-live-wake";

/** Wakes this tab's live values before a change made here (an optimistic update needs them watched). */
export function wakeLive(): void {
  window.dispatchEvent(new Event(WAKE));
}

/** Tells this shopper's other tabs (and this one) that the data under `keys` changed. */
export function announceChange(keys: string[]): void {
  if (!("BroadcastChannel" in window)) return;
  const channel = new BroadcastChannel(CHANNEL);
  channel.postMessage({ type: CHANGED, keys });
  channel.close();
}

/**
 * Calls `wake` once, at the first sign that what a screen shows may be stale: another tab's
 * change, a push for this shopper, the app shown again after being hidden, back online, or a
 * change this tab is making (wakeLive).
 * Returns the cleanup.
 */
export function onFirstStaleSign(wake: () => void): () => void {
  const channel = "BroadcastChannel" in window ? new BroadcastChannel(CHANNEL) : null;
  const fromWorker = (event: MessageEvent<{ type?: string }>) => event.data?.type === "PUSH_RECEIVED" && fire();
  const shown = () => document.visibilityState === "visible" && fire();
  const stop = () => {
    channel?.close();
    navigator.serviceWorker?.removeEventListener("message", fromWorker);
    document.removeEventListener("visibilitychange", shown);
    window.removeEventListener("online", fire);
    window.removeEventListener(WAKE, fire);
  };
  function fire() {
    stop();
    wake();
  }
  channel?.addEventListener("message", (event: MessageEvent<{ type?: string }>) => event.data?.type === CHANGED && fire());
  navigator.serviceWorker?.addEventListener("message", fromWorker);
  document.addEventListener("visibilitychange", shown);
  window.addEventListener("online", fire);
  window.addEventListener(WAKE, fire);
  return stop;
}
