import { shopwareIdentityPreflight, shopwareTokenIdentity } from "@/lib/storefront/identity-issuers";

export const dynamic = "force-dynamic";

/** The storefront identity from the token a Shopware shop made for the app: `{"token": "…"}` (docs/storefront.md). */
export async function POST(request: Request) {
  return shopwareTokenIdentity(request);
}

/** The preflight of a shop's page that posts the token as JSON. */
export async function OPTIONS(request: Request) {
  return shopwareIdentityPreflight(request);
}
