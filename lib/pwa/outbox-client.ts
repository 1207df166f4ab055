// The page's side of the outbox: queue while offline, ask for Background Sync, tell the screens.
import type { SubmitTaskState } from "../tasks/submission-state";

export const OUTBOX_CHANGED = "treue:outbox-changed";
export const OUTBOX_SENT = "treue:outbox-sent";
export type OutboxSent = { clientId: string; state: SubmitTaskState };

// Set while something may wait in the outbox: pages skip loading IndexedDB code when it is not.
const MAYBE_WAITING = "treue:outbox";

export function outboxMayHaveItems(): boolean {
  return localStorage.getItem(MAYBE_WAITING) !== null;
}

type SyncRegistration = ServiceWorkerRegistration & { sync?: { register: (tag: string) => Promise<void> } };

export async function queueOffline(submission: { clientId: string; taskId: string; input: Record<string, unknown>; title: string }): Promise<void> {
  const { queueSubmission, SYNC_TAG } = await import("./outbox");
  await queueSubmission({ ...submission, queuedAt: Date.now() });
  localStorage.setItem(MAYBE_WAITING, "1");
  window.dispatchEvent(new Event(OUTBOX_CHANGED));
  // Where Background Sync exists, the worker sends even if this page is closed by then.
  const registration = (await navigator.serviceWorker?.getRegistration()) as SyncRegistration | undefined;
  await registration?.sync?.register(SYNC_TAG).catch(() => undefined);
}

export function announceSent(sent: OutboxSent[]): void {
  for (const item of sent) window.dispatchEvent(new CustomEvent<OutboxSent>(OUTBOX_SENT, { detail: item }));
  if (sent.length > 0) window.dispatchEvent(new Event(OUTBOX_CHANGED));
}

/** Sends what waits, from the page: on start and whenever the connection returns. */
export async function flushFromPage(): Promise<void> {
  if (!outboxMayHaveItems()) return;
  const { flushOutbox } = await import("./outbox");
  const { sent, waiting } = await flushOutbox();
  if (waiting === 0) localStorage.removeItem(MAYBE_WAITING);
  announceSent(sent as OutboxSent[]);
}

/** At sign-out: unsent answers belong to the shopper leaving, not to whoever signs in next. */
export async function forgetOutbox(): Promise<void> {
  if (!outboxMayHaveItems()) return;
  const { clearOutbox } = await import("./outbox");
  await clearOutbox();
  localStorage.removeItem(MAYBE_WAITING);
}
