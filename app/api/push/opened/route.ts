import { NextResponse } from "next/server";
import { getDb } from "@/lib/db";
import { recordNotificationOpen } from "@/lib/db/queries/notifications";
import { notificationOpenSchema } from "@/lib/validations/push";

export const dynamic = "force-dynamic";

/**
 * The service worker reports a tap on a notification (body: { id }). No session needed: the
 * app may open signed out, the id is an unguessable UUID, and the first report alone counts.
 */
export async function POST(request: Request) {
  const parsed = notificationOpenSchema.safeParse(await request.json().catch(() => undefined));
  if (!parsed.success) return NextResponse.json({ error: "invalid-body" }, { status: 400 });
  await recordNotificationOpen(await getDb(), parsed.data.id, new Date());
  return new NextResponse(null, { status: 204 });
}
