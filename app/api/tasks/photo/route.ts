import { z } from "zod";
import { clientIp } from "@/lib/auth/client-ip";
import { currentMemberId } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { answerProblem } from "@/lib/http/app-problem";
import { jsonAnswer as answer } from "@/lib/http/json";
import { readCappedBytes } from "@/lib/http/read-capped";
import { uploadTaskPhoto } from "@/lib/tasks/photo-upload";
import { MAX_PHOTO_BYTES } from "@/lib/uploads/photo";
import { photoStore } from "@/lib/uploads/store";

export const dynamic = "force-dynamic";

const fields = z.object({ taskId: z.string().min(1).max(64), clientId: z.uuid(), caption: z.string().max(300).optional() });

/**
 * A photo for a task, as multipart form data (file, taskId, clientId, caption). The only way a
 * photo submission is made: the file is judged by its content and re-encoded, and stored under a
 * key the server makes, once the upload rate and the task allow it (lib/tasks/photo-upload.ts);
 * a refused or repeated submission leaves no file behind. Answers the outcome with a reason code
 * the page words for people; a refusal is problem+json carrying it as `outcome`.
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

  const outcome = await uploadTaskPhoto(await getDb(), photoStore(), {
    memberId,
    address: clientIp(request.headers),
    ...parsed.data,
    file: Buffer.from(await file.arrayBuffer()),
  });
  switch (outcome.status) {
    case "in_review":
    case "completed":
      return answer(200, outcome);
    case "rate-limited": {
      const refusal = await answerProblem("rate-limited", "tooManyUploads", { outcome: { status: "refused", reason: "rate-limited" } });
      refusal.headers.set("retry-after", String(outcome.retryAfterSeconds));
      return refusal;
    }
    case "photo-refused":
      return answerProblem(outcome.reason === "too-large" ? "payload-too-large" : "invalid-input", "photoRefused", { outcome: { status: "refused", reason: outcome.reason } });
    case "refused":
      return answerProblem("conflict", "taskRefused", { outcome });
    case "invalid":
      return answerProblem("invalid-input", "taskInvalid", { outcome });
  }
}
