import { NextResponse } from "next/server";
import { getDb } from "@/lib/db";
import { recordNotificationOpen } from "@/lib/db/queries/notifications";
import { jsonAnswer, readJson } from "@/lib/http/json";
import { notificationOpenSchema } from "@/lib/validations/push";

export const dynamic = "force-dynamic";

/**
 * The service worker reports a tap on a notification (body: { id }). No session needed: the
 * app may open signed out, the id is an unguessable UUID, and the first report alone counts.
 */
export async function POST(request: Request) {
  const read = await readJson(request, 1_024);
  if (!read.ok) return jsonAnswer(read.problem === "too-large" ? 413 : 400, { error: "invalid-body" });
  const parsed = notificationOpenSchema.safeParse(read.json);
  if (!parsed.success) return jsonAnswer(400, { error: "invalid-body" });
  await recordNotificationOpen(await getDb(), parsed.data.id, new Date());
  return new NextResponse(null, { status: 204 });
}
