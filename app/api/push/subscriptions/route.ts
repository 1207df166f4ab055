import { NextResponse } from "next/server";
import { currentMemberId } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { deleteSubscription, saveSubscription } from "@/lib/db/queries/notifications";
import { pushSubscriptionSchema, pushUnsubscribeSchema } from "@/lib/validations/push";

export const dynamic = "force-dynamic";

const answer = (status: number, body?: Record<string, unknown>) =>
  body ? NextResponse.json(body, { status, headers: { "cache-control": "no-store" } }) : new NextResponse(null, { status });

async function readJson(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    return undefined;
  }
}

/** The signed-in shopper's browser subscribes to push (body: PushSubscription.toJSON()). */
export async function POST(request: Request) {
  const memberId = await currentMemberId();
  if (!memberId) return answer(401, { error: "signed-out" });
  const parsed = pushSubscriptionSchema.safeParse(await readJson(request));
  if (!parsed.success) return answer(400, { error: "invalid-subscription", detail: parsed.error.issues[0]?.message });
  const { endpoint, keys } = parsed.data;
  await saveSubscription(await getDb(), memberId, { endpoint, p256dh: keys.p256dh, auth: keys.auth });
  return answer(201, { subscribed: true });
}

/** This browser no longer wants pushes (body: { endpoint }). */
export async function DELETE(request: Request) {
  const memberId = await currentMemberId();
  if (!memberId) return answer(401, { error: "signed-out" });
  const parsed = pushUnsubscribeSchema.safeParse(await readJson(request));
  if (!parsed.success) return answer(400, { error: "invalid-body", detail: parsed.error.issues[0]?.message });
  await deleteSubscription(await getDb(), memberId, parsed.data.endpoint);
  return answer(204);
}
