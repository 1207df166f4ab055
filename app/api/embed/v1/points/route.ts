import type { NextRequest } from "next/server";
import { getDb } from "@/lib/db";
import { getStorefrontPricing } from "@/lib/db/queries/storefront";
import { problem } from "@/lib/shop-api/problem";
import { programNotSetUp, storefrontJson, storefrontRefused, withStorefrontHeaders } from "@/lib/storefront/cors";
import { storefrontRequestAccess } from "@/lib/storefront/request-access";
import { parseProductQuery, pointsForProduct, pointsLabel } from "@/lib/storefront/points";

export const dynamic = "force-dynamic";

/** What a guest earns buying one product, for <treue-points> on the shop's product pages. */
export async function GET(request: NextRequest) {
  const access = await storefrontRequestAccess(request);
  if (!access.allowed) return withStorefrontHeaders(storefrontRefused(), access);
  const query = parseProductQuery(request.nextUrl.searchParams);
  if (!query.ok) return withStorefrontHeaders(problem(400, "invalid-input", "Invalid product", query.errors[0]!.detail, query.errors), access);
  const now = new Date();
  const pricing = await getStorefrontPricing(await getDb(), now);
  if (!pricing) return withStorefrontHeaders(programNotSetUp(), access);
  if (query.product.currency !== pricing.currency) {
    const detail = `currency ${query.product.currency} is not the program's ${pricing.currency}`;
    return withStorefrontHeaders(problem(400, "invalid-input", "Invalid product", detail, [{ pointer: "/currency", detail }]), access);
  }
  const points = pointsForProduct(pricing.earnRule, query.product, now);
  return storefrontJson({ points, label: pointsLabel(points) }, access);
}
