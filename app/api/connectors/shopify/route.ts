import { receiveWebhook } from "@/lib/connectors/receive";

export const dynamic = "force-dynamic";

/** Shopify's own webhooks, signed Shopify's way (docs/connectors.md). */
export async function POST(request: Request) {
  return receiveWebhook("shopify", request);
}
