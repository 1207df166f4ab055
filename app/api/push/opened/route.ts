import { NextResponse } from "next/server";
import { getDb } from "@/lib/db";
import { recordNotificationOpen } from "@/lib/db/queries/notifications";
import { answerProblem } from "@/lib/http/app-problem";
import { readJson } from "@/lib/http/json";
import { notificationOpenSchema } from "@/lib/validations/push";

export const dynamic = "force-dynamic";

/**
 * The service worker reports a tap on a notification (body: { id }). No session needed: the
 * app may open signed out, the id is an unguessable UUID, and the first report alone counts.
 */
export async function POST(request: Request) {
  const read = await readJson(request, 1_024);
  if (!read.ok) return read.problem === "too-large" ? answerProblem("payload-too-large", "tooLarge") : answerProblem("invalid-json", "notJson");
  const parsed = notificationOpenSchema.safeParse(read.json);
  if (!parsed.success) return answerProblem("invalid-input", "invalidInput");
  await recordNotificationOpen(await getDb(), parsed.data.id, new Date());
  return new NextResponse(null, { status: 204 });
}
