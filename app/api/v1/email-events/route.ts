import { NextResponse } from "next/server";
import { getDb } from "@/lib/db";
import { suppressEmail } from "@/lib/db/queries/email-suppressions";
import { parseJsonBody } from "@/lib/shop-api/json-body";
import { readSignedRequest } from "@/lib/shop-api/signed-request";
import { emailEventsSchema } from "@/lib/validations/email-events";

export const dynamic = "force-dynamic";

/**
 * Bounces and spam complaints the mail provider reported: no mail goes to those addresses any more,
 * queued ones included. Signed like every shop call (an addition to docs/api.md; nothing existing changed).
 */
export async function POST(request: Request) {
  const signed = await readSignedRequest(request);
  if (!signed.ok) return signed.response;
  const parsed = parseJsonBody(signed.rawBody, emailEventsSchema, { kind: "invalid-body", title: "Invalid e-mail events" });
  if (!parsed.ok) return parsed.response;
  const db = await getDb();
  for (const event of parsed.data.events) await suppressEmail(db, event.email, event.type, event.detail);
  return NextResponse.json({ suppressed: parsed.data.events.length }, { headers: { "cache-control": "no-store" } });
}
