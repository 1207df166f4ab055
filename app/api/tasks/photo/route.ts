import { randomUUID } from "node:crypto";
import { z } from "zod";
import { currentMemberId } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { submitTask } from "@/lib/db/queries/tasks";
import { jsonAnswer as answer } from "@/lib/http/json";
import { readCappedBytes } from "@/lib/http/read-capped";
import { MAX_PHOTO_BYTES, processPhoto } from "@/lib/uploads/photo";
import { photoStore } from "@/lib/uploads/store";

export const dynamic = "force-dynamic";

const fields = z.object({ taskId: z.string().min(1).max(64), clientId: z.uuid(), caption: z.string().max(300).optional() });

/**
 * A photo for a task, as multipart form data (file, taskId, clientId, caption). The file is
 * judged by its content and re-encoded before anything is stored; a refused or repeated
 * submission leaves no file behind. Answers JSON with a reason code the page words for people.
 */
export async function POST(request: Request) {
  const memberId = await currentMemberId();
  if (!memberId) return answer(401, { status: "refused", reason: "signed-out" });
  const body = await readCappedBytes(request, MAX_PHOTO_BYTES + 64 * 1024);
  if (!body) return answer(413, { status: "refused", reason: "too-large" });
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(body), { headers: { "content-type": request.headers.get("content-type") ?? "" } }).formData();
  } catch {
    return answer(400, { status: "invalid", reason: "not-multipart" });
  }
  const file = form.get("file");
  const parsed = fields.safeParse({ taskId: form.get("taskId"), clientId: form.get("clientId"), caption: form.get("caption") ?? undefined });
  if (!(file instanceof File) || !parsed.success) return answer(400, { status: "invalid", reason: "missing-fields" });

  const processed = await processPhoto(Buffer.from(await file.arrayBuffer()));
  if (!processed.ok) return answer(processed.reason === "too-large" ? 413 : 400, { status: "refused", reason: processed.reason });

  const store = photoStore();
  const key = `${randomUUID()}.webp`;
  await store.put(key, processed.photo.data);
  const { width, height, hash } = processed.photo;
  const outcome = await submitTask(await getDb(), memberId, parsed.data.taskId, parsed.data.clientId, { key, width, height, hash, caption: parsed.data.caption });
  const kept = (outcome.status === "in_review" || outcome.status === "completed") && !outcome.duplicate;
  if (!kept) await store.remove(key);
  switch (outcome.status) {
    case "in_review":
    case "completed":
      return answer(200, { status: outcome.status, points: outcome.submission.points });
    case "refused":
      return answer(409, { status: "refused", reason: outcome.reason });
    case "invalid":
      return answer(400, { status: "invalid", reason: outcome.problem });
  }
}
