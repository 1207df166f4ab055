// Chromium offers installation once, early, through `beforeinstallprompt`; the Profile card
// may mount much later. The event is kept here from the first page load on.

export type InstallPromptEvent = Event & { prompt: () => Promise<void>; userChoice: Promise<{ outcome: "accepted" | "dismissed" }> };

let deferred: InstallPromptEvent | null = null;
const listeners = new Set<() => void>();

export function captureInstallPrompt(): () => void {
  const onPrompt = (event: Event) => {
    // Keeps Chromium's own mini-infobar away: the app offers installation only where asked.
    event.preventDefault();
    deferred = event as InstallPromptEvent;
    listeners.forEach((notify) => notify());
  };
  const onInstalled = () => {
    deferred = null;
    listeners.forEach((notify) => notify());
  };
  window.addEventListener("beforeinstallprompt", onPrompt);
  window.addEventListener("appinstalled", onInstalled);
  return () => {
    window.removeEventListener("beforeinstallprompt", onPrompt);
    window.removeEventListener("appinstalled", onInstalled);
  };
}

export function installPrompt(): InstallPromptEvent | null {
  return deferred;
}

export function onInstallPromptChange(notify: () => void): () => void {
  listeners.add(notify);
  return () => listeners.delete(notify);
}

export async function promptInstall(): Promise<boolean> {
  const event = deferred;
  if (!event) return false;
  deferred = null;
  await event.prompt();
  const { outcome } = await event.userChoice;
  listeners.forEach((notify) => notify());
  return outcome === "accepted";
}
