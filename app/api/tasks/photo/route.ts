import { z } from "zod";
import { currentMemberId } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { submitTask } from "@/lib/db/queries/tasks";
import { answerProblem } from "@/lib/http/app-problem";
import { jsonAnswer as answer } from "@/lib/http/json";
import { readCappedBytes } from "@/lib/http/read-capped";
import { MAX_PHOTO_BYTES, processPhoto } from "@/lib/uploads/photo";
import { photoStore, storePhoto } from "@/lib/uploads/store";

export const dynamic = "force-dynamic";

const fields = z.object({ taskId: z.string().min(1).max(64), clientId: z.uuid(), caption: z.string().max(300).optional() });

/**
 * A photo for a task, as multipart form data (file, taskId, clientId, caption). The only way a
 * photo submission is made: the file is judged by its content and re-encoded, and stored under a
 * key the server makes; a refused or repeated submission leaves no file behind. Answers the outcome with a reason code the page words for
 * people; a refusal is problem+json carrying it as `outcome`.
 */
export async function POST(request: Request) {
  const memberId = await currentMemberId();
  if (!memberId) return answerProblem("unauthenticated", "signedOut", { outcome: { status: "refused", reason: "signed-out" } });
  const body = await readCappedBytes(request, MAX_PHOTO_BYTES + 64 * 1024);
  if (!body) return answerProblem("payload-too-large", "tooLarge", { outcome: { status: "refused", reason: "too-large" } });
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(body), { headers: { "content-type": request.headers.get("content-type") ?? "" } }).formData();
  } catch {
    return answerProblem("invalid-input", "invalidInput", { outcome: { status: "invalid", reason: "not-multipart" } });
  }
  const file = form.get("file");
  const parsed = fields.safeParse({ taskId: form.get("taskId"), clientId: form.get("clientId"), caption: form.get("caption") ?? undefined });
  if (!(file instanceof File) || !parsed.success) return answerProblem("invalid-input", "invalidInput", { outcome: { status: "invalid", reason: "missing-fields" } });

  const processed = await processPhoto(Buffer.from(await file.arrayBuffer()));
  if (!processed.ok) return answerProblem(processed.reason === "too-large" ? "payload-too-large" : "invalid-input", "photoRefused", { outcome: { status: "refused", reason: processed.reason } });

  const store = photoStore();
  const photo = await storePhoto(store, processed.photo);
  const outcome = await submitTask(await getDb(), memberId, parsed.data.taskId, parsed.data.clientId, { caption: parsed.data.caption }, new Date(), photo);
  const kept = (outcome.status === "in_review" || outcome.status === "completed") && !outcome.duplicate;
  if (!kept) await store.remove(photo.key);
  switch (outcome.status) {
    case "in_review":
    case "completed":
      return answer(200, { status: outcome.status, points: outcome.submission.points });
    case "refused":
      return answerProblem("conflict", "taskRefused", { outcome: { status: "refused", reason: outcome.reason } });
    case "invalid":
      return answerProblem("invalid-input", "taskInvalid", { outcome: { status: "invalid", reason: outcome.problem } });
  }
}
