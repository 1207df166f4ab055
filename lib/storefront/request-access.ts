// Which pages may call the widget API (/api/embed/v1): decided once per request here, so every
// widget route asks the same question the same way.
import "server-only";
import { env } from "../env";
import { storefrontAccess, type StorefrontAccess } from "./cors";

/** The origins whose pages may read the widget API now. */
export async function allowedStorefrontOrigins(): Promise<string[]> {
  return env().storefrontOrigins;
}

/** CORS for this request: allowed or not, and the headers every answer to it carries. */
export async function storefrontRequestAccess(request: Request): Promise<StorefrontAccess> {
  return storefrontAccess(request.headers.get("origin"), await allowedStorefrontOrigins());
}
