// Who may read the widget API (/api/embed/v1) from a page: the shop's own storefront origins
// (TREUE_STOREFRONT_ORIGINS and Console → Storefront: lib/storefront/request-access.ts). What it
// answers is public (points for a price, the shop's name and colour), so it never takes
// credentials and is cached by the browser and shared caches, keyed on the Origin. A page of any
// other site is refused; a request without Origin comes from no browser page (the shop's own
// server, curl) and gets the answer without CORS headers.
import { problem } from "../shop-api/problem";

/** Five minutes: a changed earn rule or colour reaches product pages within that. */
export const STOREFRONT_CACHE_CONTROL = "public, max-age=300";

export type StorefrontAccess = {
  allowed: boolean;
  /** The headers every answer to this request carries (CORS for a listed origin, and Vary). */
  headers: Record<string, string>;
};

export function storefrontAccess(origin: string | null, storefrontOrigins: readonly string[]): StorefrontAccess {
  const vary = { vary: "Origin" };
  if (origin === null) return { allowed: true, headers: vary };
  // Exact comparison: browsers send the origin serialised as the lists are normalised
  // (lib/validations/storefront-origin.ts). "null" (a sandboxed frame, a file) is never listed.
  if (storefrontOrigins.includes(origin)) return { allowed: true, headers: { ...vary, "access-control-allow-origin": origin } };
  return { allowed: false, headers: vary };
}

/** `response` with the access's headers added (a problem answer keeps its own Cache-Control). */
export function withStorefrontHeaders(response: Response, access: StorefrontAccess): Response {
  for (const [name, value] of Object.entries(access.headers)) response.headers.set(name, value);
  return response;
}

/** A successful, cacheable JSON answer to a storefront page. */
export function storefrontJson(body: unknown, access: StorefrontAccess): Response {
  return Response.json(body, { headers: { ...access.headers, "cache-control": STOREFRONT_CACHE_CONTROL } });
}

/** The answer to a page of a site that is not the shop's: 403, no CORS header, so it cannot even read why. */
export function storefrontRefused(): Response {
  return problem(403, "forbidden", "Origin not allowed", "this page's origin is not one of the shop's storefront origins (Console → Storefront, or TREUE_STOREFRONT_ORIGINS)");
}

/** A fresh install, before the console's set-up wizard made the program: there is nothing to show yet. */
export function programNotSetUp(): Response {
  return problem(404, "program-not-set-up", "No program yet", "the loyalty program has not been set up yet");
}
