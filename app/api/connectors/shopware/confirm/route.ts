import { confirmShopware } from "@/lib/connectors/shopware-intake";

export const dynamic = "force-dynamic";

/** Shopware confirms a registration with the shop's Admin API credentials, signed with the shop's secret. */
export async function POST(request: Request) {
  return confirmShopware(request);
}
