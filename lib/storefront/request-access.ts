// Which pages may call the widget API (/api/embed/v1): decided once per request here, so every
// widget route asks the same question the same way.
import "server-only";
import { getDb } from "../db";
import { cachedStorefrontOrigins } from "../db/queries/storefront-origins";
import { env } from "../env";
import { ownOrigins } from "../http/same-origin";
import { storefrontAccess, type StorefrontAccess } from "./cors";

/**
 * The shop's storefront origins now: those of the server's configuration (TREUE_STOREFRONT_ORIGINS)
 * and those the owner listed in the console (Console → Storefront; read at most every 10 s).
 */
export async function allowedStorefrontOrigins(): Promise<string[]> {
  const listed = await cachedStorefrontOrigins(await getDb());
  return [...new Set([...env().storefrontOrigins, ...listed])];
}

/**
 * Treue's own origins, whose pages may read the widget API too (the console's preview of a product
 * page, /storefront-preview). With a public URL configured, that alone: the Host and X-Forwarded-*
 * headers are the client's word, and an answer that admitted another site on their say-so would be
 * kept under `Vary: Origin` by a shared cache and served to that site's pages.
 */
function treueOrigins(request: Request): string[] {
  const { publicUrl } = env();
  return publicUrl ? [new URL(publicUrl).origin] : ownOrigins(request.url, request.headers, undefined);
}

/** CORS for this request: allowed or not, and the headers every answer to it carries. */
export async function storefrontRequestAccess(request: Request): Promise<StorefrontAccess> {
  const origin = request.headers.get("origin");
  // No page asked (the shop's own server): nothing to look up.
  if (origin === null) return storefrontAccess(null, []);
  if (treueOrigins(request).includes(origin)) return storefrontAccess(origin, [origin]);
  return storefrontAccess(origin, await allowedStorefrontOrigins());
}
