import { getDb } from "@/lib/db";
import { receiveShopEvent } from "@/lib/shop-api/event-intake";
import { readSignedRequest } from "@/lib/shop-api/signed-request";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  // The one endpoint that still takes v1 signatures: the body names the event, so a captured one
  // replays to nothing but a duplicate.
  const signed = await readSignedRequest(request, { acceptV1: true });
  if (!signed.ok) return signed.response;
  return receiveShopEvent(await getDb(), signed.rawBody);
}
