// Treue's service worker, bundled by workbox-webpack-plugin (InjectManifest) in `next build --webpack`.
// Plain JavaScript: it runs in the service worker scope, not in Next.
import { precacheAndRoute } from "workbox-precaching";
import { registerRoute, setCatchHandler } from "workbox-routing";
import { CacheExpiration, ExpirationPlugin } from "workbox-expiration";
import { NetworkFirst, NetworkOnly } from "workbox-strategies";
import { API, isStaffData, PAGES, PERSONAL_CACHES, RSC, SHELL } from "./cache-names";
import { inAppUrl } from "./in-app-url";
import { flushOutbox, SYNC_TAG } from "./outbox";

const OFFLINE_URL = "/offline";

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(SHELL).then((cache) => cache.add(new Request(OFFLINE_URL, { cache: "reload" }))));
});

// A worker of an earlier version may have kept staff screens: they go when this one takes over.
self.addEventListener("activate", (event) => {
  event.waitUntil(
    Promise.all(
      PERSONAL_CACHES.map(async (name) => {
        const cache = await caches.open(name);
        const requests = await cache.keys();
        await Promise.all(requests.filter((request) => isStaffData(new URL(request.url))).map((request) => cache.delete(request)));
      }),
    ),
  );
});

// Next's own build output (scripts, styles, fonts): precached at install, served from the cache.
precacheAndRoute(self.__WB_MANIFEST);

// Screens: always fresh when online; the last copy when not; the offline page when there is none.
// The copies are bounded: the screens used least recently go first, and none outlives a month.
const PAGE_LIMITS = { maxEntries: 40, maxAgeSeconds: 30 * 24 * 3600 };
// Staff screens and data (member search, exports, moderation photos) are never kept on a device:
// a shop computer is shared, and a copy would outlive the staff member's sign-out and role.
registerRoute(({ request, url }) => request.mode === "navigate" && isStaffData(url), new NetworkOnly());
registerRoute(
  ({ request, url }) => request.mode === "navigate" && !isStaffData(url),
  new NetworkFirst({ cacheName: PAGES, networkTimeoutSeconds: 4, plugins: [new ExpirationPlugin({ ...PAGE_LIMITS, purgeOnQuotaError: true })] }),
);
const warmedPages = new CacheExpiration(PAGES, PAGE_LIMITS);

// Screen data fetched by client-side navigation (React Server Component payloads) and the app's
// own GET APIs: fresh when online, the last answer when not. Not /api/me/: the live values keep
// their last answer in memory, and an old copy must never pass for a fresh one after reconnecting.
const lastAnswer = (cacheName, maxEntries) =>
  new NetworkFirst({ cacheName, networkTimeoutSeconds: 4, plugins: [new ExpirationPlugin({ maxEntries, maxAgeSeconds: 7 * 24 * 3600 })] });
registerRoute(({ request, url }) => url.origin === self.location.origin && request.headers.get("RSC") === "1" && !isStaffData(url), lastAnswer(RSC, 80));
registerRoute(
  ({ url }) => url.origin === self.location.origin && url.pathname.startsWith("/api/") && !/^\/api\/(auth|dev|v1|push|me)\//.test(url.pathname) && !isStaffData(url),
  lastAnswer(API, 100),
);

setCatchHandler(async ({ request }) => {
  if (request.destination === "document") return (await caches.match(OFFLINE_URL)) ?? Response.error();
  return Response.error();
});

// The screens a shopper most wants offline, kept fresh in the background after a signed-in visit:
// balance and tier (Home), coupon codes (Wallet), the catalog (Rewards). At most every 10 minutes.
const OFFLINE_SCREENS = ["/", "/wallet", "/rewards"];
const WARM_EVERY_MS = 10 * 60 * 1000;

async function warmScreens() {
  const cache = await caches.open(PAGES);
  for (const path of OFFLINE_SCREENS) {
    const cached = await cache.match(path);
    const fetchedAt = cached ? Date.parse(cached.headers.get("date") || "") : NaN;
    if (Date.now() - fetchedAt < WARM_EVERY_MS) continue;
    const response = await fetch(path, { credentials: "same-origin" }).catch(() => null);
    // Signed out, the screen redirects to sign-in: nothing worth keeping.
    if (response && response.ok && !response.redirected) {
      await cache.put(path, response);
      await warmedPages.updateTimestamp(new URL(path, self.location.origin).href);
    }
  }
  await warmedPages.expireEntries();
}

self.addEventListener("message", (event) => {
  const type = event.data && event.data.type;
  // A new version waits until the page asks it to take over (the "Neue Version verfügbar" prompt).
  if (type === "SKIP_WAITING") self.skipWaiting();
  if (type === "WARM_SCREENS") event.waitUntil(warmScreens());
});

// ---- Web Push ---------------------------------------------------------------------------
// The server sends { id, title, body, url, tag } (lib/push/sender.ts PushPayload).

self.addEventListener("push", (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch {
    data = { body: event.data ? event.data.text() : "" };
  }
  const url = inAppUrl(data.url, self.location.origin);
  event.waitUntil(
    Promise.all([
      self.registration.showNotification(data.title || "Treue", {
        body: data.body || "",
        tag: data.tag || url,
        icon: "/icons/icon-192.png",
        badge: "/icons/badge-96.png",
        data: { url, id: typeof data.id === "string" ? data.id : null },
      }),
      // Open screens refresh what the push is about (lib/client/live-data.ts).
      self.clients.matchAll({ type: "window" }).then((windows) => windows.forEach((client) => client.postMessage({ type: "PUSH_RECEIVED" }))),
    ]),
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const { url, id } = event.notification.data || {};
  const target = new URL(inAppUrl(url, self.location.origin), self.location.origin).href;
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

// ---- Offline outbox (task submissions) ---------------------------------------------------
self.addEventListener("sync", (event) => {
  if (event.tag !== SYNC_TAG) return;
  event.waitUntil(
    flushOutbox().then(async ({ sent, waiting }) => {
      const windows = await self.clients.matchAll({ type: "window" });
      for (const item of sent) for (const client of windows) client.postMessage({ type: "OUTBOX_SENT", ...item });
      // A rejected sync is retried by the browser later, with its own backoff.
      if (waiting > 0) throw new Error(`${waiting} submission(s) still waiting`);
    }),
  );
});
