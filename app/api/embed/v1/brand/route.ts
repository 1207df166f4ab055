import type { NextRequest } from "next/server";
import { getDb } from "@/lib/db";
import { getStorefrontBrand } from "@/lib/db/queries/storefront";
import { env } from "@/lib/env";
import { programNotSetUp, storefrontJson, storefrontRefused, withStorefrontHeaders } from "@/lib/storefront/cors";
import { storefrontRequestAccess } from "@/lib/storefront/request-access";

export const dynamic = "force-dynamic";

/** The shop's name, colour and logo, for widgets on its pages to look like the shop. */
export async function GET(request: NextRequest) {
  const access = await storefrontRequestAccess(request);
  if (!access.allowed) return withStorefrontHeaders(storefrontRefused(), access);
  const brand = await getStorefrontBrand(await getDb());
  if (!brand) return withStorefrontHeaders(programNotSetUp(), access);
  // An uploaded logo is a path of this app: absolute, at its public address, for another site's page.
  const base = env().publicUrl ?? request.nextUrl.origin;
  return storefrontJson({ name: brand.name, color: brand.color, logo_url: brand.logoUrl && new URL(brand.logoUrl, base).href }, access);
}
