import { receiveWebhook } from "@/lib/connectors/receive";

export const dynamic = "force-dynamic";

/** WooCommerce's own webhooks, signed WooCommerce's way (docs/connectors.md). */
export async function POST(request: Request) {
  return receiveWebhook("woocommerce", request);
}
