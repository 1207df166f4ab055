import { getDb } from "@/lib/db";
import { receiveTwilioInbound } from "@/lib/whatsapp/inbound";

export const dynamic = "force-dynamic";

/** Incoming WhatsApp and text messages from Twilio, signed with X-Twilio-Signature (docs/whatsapp.md). */
export async function POST(request: Request) {
  return receiveTwilioInbound(await getDb(), request, new Date());
}
