import { z } from "zod";
import { currentMemberId } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { getMemberConversation, listThread } from "@/lib/db/queries/conversations";
import { AppError } from "@/lib/errors";
import { answerProblem, appProblem } from "@/lib/http/app-problem";
import { jsonAnswer, readJson } from "@/lib/http/json";
import { handOverToPerson, openClaimInConversation } from "@/lib/server/conversations";
import { shopperThread } from "@/lib/server/conversations/thread";

export const dynamic = "force-dynamic";

const uuid = z.uuid();

/**
 * One of the shopper's conversations, for an open thread that keeps current: the messages after
 * `after` (the last one it shows) and the status. Someone else's conversation is "not found".
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const memberId = await currentMemberId();
  if (!memberId) return answerProblem("unauthenticated", "signedOut");
  const { id } = await params;
  if (!uuid.safeParse(id).success) return answerProblem("not-found", "conversationNotFound");
  const after = Number(new URL(request.url).searchParams.get("after") ?? 0);
  const db = await getDb();
  const conversation = await getMemberConversation(db, memberId, id);
  if (!conversation) return answerProblem("not-found", "conversationNotFound");
  const messages = await listThread(db, id, { internal: false, afterId: Number.isSafeInteger(after) && after > 0 ? after : 0 });
  return jsonAnswer(200, { status: conversation.status, handedOver: conversation.handedOverAt !== null, messages: shopperThread(messages) });
}

const actionSchema = z.discriminatedUnion("action", [z.object({ action: z.literal("handover") }), z.object({ action: z.literal("openClaim"), orderId: z.string().trim().max(64).nullable().optional() })]);

/** The assistant's buttons: "Mit einer Person sprechen", and opening a claim for an order. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const memberId = await currentMemberId();
  if (!memberId) return answerProblem("unauthenticated", "signedOut");
  const { id } = await params;
  if (!uuid.safeParse(id).success) return answerProblem("not-found", "conversationNotFound");
  const body = await readJson(request, 4 * 1024);
  if (!body.ok) return answerProblem(body.problem === "too-large" ? "payload-too-large" : "invalid-json", body.problem === "too-large" ? "tooLarge" : "notJson");
  const parsed = actionSchema.safeParse(body.json);
  if (!parsed.success) return answerProblem("invalid-input", "invalidInput");
  const db = await getDb();
  try {
    if (parsed.data.action === "handover") await handOverToPerson(db, memberId, id);
    else await openClaimInConversation(db, memberId, id, parsed.data.orderId ?? null);
  } catch (error) {
    if (error instanceof AppError) return appProblem(error);
    throw error;
  }
  return jsonAnswer(200, { ok: true });
}
