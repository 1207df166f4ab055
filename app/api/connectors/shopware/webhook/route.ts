import { receiveShopwareWebhook } from "@/lib/connectors/shopware-intake";

export const dynamic = "force-dynamic";

/** Shopware's order webhooks (manifest `<webhooks>`), signed with the registered shop's secret. */
export async function POST(request: Request) {
  return receiveShopwareWebhook(request);
}
