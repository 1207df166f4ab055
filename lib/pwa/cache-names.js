// Cache names shared by the service worker and the pages (plain JavaScript for the worker's bundle).

/** Copies of one shopper's screens and data: dropped at sign-out, so the next person on the device never sees them. */
export const PERSONAL_CACHES = ["treue-pages", "treue-rsc", "treue-api"];
export const [PAGES, RSC, API] = PERSONAL_CACHES;
/** The offline page: the same for everyone, kept across sign-outs. */
export const SHELL = "treue-shell";

/** Staff screens and data, and members' photos (seen by moderators): never cached on a device. */
export function isStaffData(url) {
  return /^\/(console|staff)(\/|$)|^\/api\/(console|photos)\//.test(url.pathname);
}
