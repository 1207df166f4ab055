import { getLocale } from "next-intl/server";
import { z } from "zod";
import { currentMemberId } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { listMemberConversations } from "@/lib/db/queries/conversations";
import { AppError } from "@/lib/errors";
import { answerProblem, appProblem } from "@/lib/http/app-problem";
import { jsonAnswer } from "@/lib/http/json";
import { readCappedBytes } from "@/lib/http/read-capped";
import { sendShopperMessage } from "@/lib/server/conversations";
import { processPhoto, MAX_PHOTO_BYTES } from "@/lib/uploads/photo";
import { photoStore, storePhoto } from "@/lib/uploads/store";
import { TEXT } from "@/lib/validations/limits";

export const dynamic = "force-dynamic";

const fields = z.object({ body: z.string(), requestId: z.uuid(), conversationId: z.uuid().optional() });

/** The signed-in shopper's conversations ("Hilfe"). */
export async function GET() {
  const memberId = await currentMemberId();
  if (!memberId) return answerProblem("unauthenticated", "signedOut");
  return jsonAnswer(200, { conversations: await listMemberConversations(await getDb(), memberId) });
}

/**
 * A shopper's message, as multipart form data (body, requestId, conversationId when it continues
 * one, file: an optional photo of a receipt, judged by its content and re-encoded like a task
 * photo). The assistant answers until a person took over. A retried send (same requestId) answers
 * the first result; bad input is a 422 naming what is wrong, with nothing written.
 */
export async function POST(request: Request) {
  const memberId = await currentMemberId();
  if (!memberId) return answerProblem("unauthenticated", "signedOut");
  const raw = await readCappedBytes(request, MAX_PHOTO_BYTES + TEXT.conversationMessage.max * 4 + 64 * 1024);
  if (!raw) return answerProblem("payload-too-large", "tooLarge");
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(raw), { headers: { "content-type": request.headers.get("content-type") ?? "" } }).formData();
  } catch {
    return answerProblem("invalid-input", "invalidInput");
  }
  const parsed = fields.safeParse({ body: form.get("body") ?? "", requestId: form.get("requestId"), conversationId: form.get("conversationId") || undefined });
  if (!parsed.success) return answerProblem("invalid-input", "invalidInput");
  const body = parsed.data.body.trim();
  const file = form.get("file");
  const hasFile = file instanceof File && file.size > 0;
  // Words are checked before a photo is stored, so a refused message leaves no file behind.
  if (body.length > TEXT.conversationMessage.max) return appProblem(new AppError("refused", "messageTooLong", { max: TEXT.conversationMessage.max }));
  if (body.length === 0 && !hasFile) return appProblem(new AppError("refused", "messageEmpty"));
  const db = await getDb();
  let photoKey: string | null = null;
  if (hasFile) {
    const processed = await processPhoto(Buffer.from(await file.arrayBuffer()));
    if (!processed.ok) return answerProblem(processed.reason === "too-large" ? "payload-too-large" : "refused", "photoRefused", { reason: processed.reason });
    photoKey = (await storePhoto(photoStore(), processed.photo)).key;
  }
  try {
    const sent = await sendShopperMessage(db, { memberId, conversationId: parsed.data.conversationId ?? null, body, requestId: parsed.data.requestId, photoKey, locale: await getLocale() });
    if (photoKey && sent.duplicate) await photoStore().remove(photoKey);
    return jsonAnswer(sent.duplicate ? 200 : 201, sent);
  } catch (error) {
    if (photoKey) await photoStore().remove(photoKey);
    if (error instanceof AppError) return appProblem(error);
    throw error;
  }
}
