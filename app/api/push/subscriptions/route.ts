import { NextResponse } from "next/server";
import { currentMemberId } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { deleteSubscription, saveSubscription } from "@/lib/db/queries/notifications";
import { AppError } from "@/lib/errors";
import { answerProblem, appProblem } from "@/lib/http/app-problem";
import { jsonAnswer as answer, readJson } from "@/lib/http/json";
import { env } from "@/lib/env";
import { checkPushEndpoint, type EndpointVerdict } from "@/lib/push/endpoint-policy";
import { pushSubscriptionSchema, pushUnsubscribeSchema } from "@/lib/validations/push";

export const dynamic = "force-dynamic";

/** Why an endpoint is refused, as a message key (errors.pushEndpoint.*) in the caller's language. */
const ENDPOINT_PROBLEMS: Record<Extract<EndpointVerdict, { ok: false }>["reason"], string> = {
  "not-https": "pushEndpoint.notHttps",
  "unknown-push-service": "pushEndpoint.unknownPushService",
  "private-address": "pushEndpoint.privateAddress",
  unresolvable: "pushEndpoint.unresolvable",
};

// A PushSubscription's JSON is well under 1 KB.
const MAX_BODY = 8_192;

/** The signed-in shopper's browser subscribes to push (body: PushSubscription.toJSON()). */
export async function POST(request: Request) {
  const memberId = await currentMemberId();
  if (!memberId) return answerProblem("unauthenticated", "signedOut");
  const read = await readJson(request, MAX_BODY);
  if (!read.ok) return read.problem === "too-large" ? answerProblem("payload-too-large", "tooLarge") : answerProblem("invalid-json", "notJson");
  const parsed = pushSubscriptionSchema.safeParse(read.json);
  if (!parsed.success) return appProblem(new AppError("invalid-input", "invalidSubscription", { field: parsed.error.issues[0]?.path.join(".") || "endpoint" }));
  const { endpoint, keys } = parsed.data;
  const verdict = await checkPushEndpoint(endpoint, env().pushEndpoints);
  if (!verdict.ok) return appProblem(new AppError("invalid-input", ENDPOINT_PROBLEMS[verdict.reason], {}, { reason: verdict.reason }));
  await saveSubscription(await getDb(), memberId, { endpoint, p256dh: keys.p256dh, auth: keys.auth });
  return answer(201, { subscribed: true });
}

/** This browser no longer wants pushes (body: { endpoint }). */
export async function DELETE(request: Request) {
  const memberId = await currentMemberId();
  if (!memberId) return answerProblem("unauthenticated", "signedOut");
  const read = await readJson(request, MAX_BODY);
  if (!read.ok) return read.problem === "too-large" ? answerProblem("payload-too-large", "tooLarge") : answerProblem("invalid-json", "notJson");
  const parsed = pushUnsubscribeSchema.safeParse(read.json);
  if (!parsed.success) return answerProblem("invalid-input", "invalidInput");
  await deleteSubscription(await getDb(), memberId, parsed.data.endpoint);
  return new NextResponse(null, { status: 204 });
}
