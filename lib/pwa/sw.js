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
