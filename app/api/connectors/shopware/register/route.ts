import { registerShopware } from "@/lib/connectors/shopware-intake";

export const dynamic = "force-dynamic";

/** Shopware's app registration (manifest `registrationUrl`): answers the proof and a per-shop secret. */
export async function GET(request: Request) {
  return registerShopware(request);
}
