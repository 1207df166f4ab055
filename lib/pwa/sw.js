// Treue's service worker, bundled by workbox-webpack-plugin (InjectManifest) in `next build --webpack`.
// Plain JavaScript: it runs in the service worker scope, not in Next.
import { precacheAndRoute } from "workbox-precaching";
import { registerRoute, setCatchHandler } from "workbox-routing";
import { NetworkFirst } from "workbox-strategies";

const OFFLINE_URL = "/offline";
const PAGES = "treue-pages";

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(PAGES).then((cache) => cache.add(new Request(OFFLINE_URL, { cache: "reload" }))));
});

// Next's own build output (scripts, styles, fonts): precached at install, served from the cache.
precacheAndRoute(self.__WB_MANIFEST);

// Screens: always fresh when online; the last copy when not; the offline page when there is none.
registerRoute(({ request }) => request.mode === "navigate", new NetworkFirst({ cacheName: PAGES, networkTimeoutSeconds: 4 }));

setCatchHandler(async ({ request }) => {
  if (request.destination === "document") return (await caches.match(OFFLINE_URL)) ?? Response.error();
  return Response.error();
});

// A new version waits until the page asks it to take over (the "Neue Version verfügbar" prompt).
self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "SKIP_WAITING") self.skipWaiting();
});

// ---- Web Push ---------------------------------------------------------------------------
// The server sends { id, title, body, url, tag } (lib/push/sender.ts PushPayload).

/** Only paths inside this app: a push can never send the shopper somewhere else. */
function inAppUrl(value) {
  try {
    const url = new URL(typeof value === "string" ? value : "/", self.location.origin);
    return url.origin === self.location.origin ? url.pathname + url.search + url.hash : "/";
  } catch {
    return "/";
  }
}

self.addEventListener("push", (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch {
    data = { body: event.data ? event.data.text() : "" };
  }
  const url = inAppUrl(data.url);
  event.waitUntil(
    self.registration.showNotification(data.title || "Treue", {
      body: data.body || "",
      tag: data.tag || url,
      icon: "/icons/icon-192.png",
      badge: "/icons/badge-96.png",
      data: { url, id: typeof data.id === "string" ? data.id : null },
    }),
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const { url, id } = event.notification.data || {};
  const target = new URL(inAppUrl(url), self.location.origin).href;
  event.waitUntil(
    Promise.all([
      id
        ? fetch("/api/push/opened", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ id }) }).catch(() => {})
        : Promise.resolve(),
      focusOrOpen(target),
    ]),
  );
});

/** An open Treue window is focused and sent to the link; without one, the app opens on it. */
async function focusOrOpen(target) {
  const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  const open = windows.find((client) => new URL(client.url).origin === self.location.origin);
  if (!open) return self.clients.openWindow(target);
  // Focusing needs the tap's user activation; without it, navigating is still worth doing.
  const focused = await open.focus().catch(() => open);
  if (focused.url === target) return focused;
  try {
    return await focused.navigate(target);
  } catch {
    // An uncontrolled window cannot be navigated from here; the page listens for this instead.
    focused.postMessage({ type: "NAVIGATE", url: target });
    return focused;
  }
}
