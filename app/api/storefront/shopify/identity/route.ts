import { shopifyProxyIdentity } from "@/lib/storefront/identity-issuers";

export const dynamic = "force-dynamic";

/**
 * The storefront identity through Shopify's app proxy: the shop's /apps/treue/identity, forwarded
 * by Shopify with the signed-in customer's id and its signature (docs/storefront.md).
 */
export async function GET(request: Request) {
  return shopifyProxyIdentity(request);
}
