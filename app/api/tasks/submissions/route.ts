import { z } from "zod";
import { currentMemberId } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { submitTask } from "@/lib/server/tasks";
import { answerProblem } from "@/lib/http/app-problem";
import { jsonAnswer, readJson } from "@/lib/http/json";
import { submissionState } from "@/lib/tasks/submission-state";

export const dynamic = "force-dynamic";

const body = z.object({
  taskId: z.string().min(1).max(64),
  clientId: z.uuid(),
  input: z.record(z.string().max(64), z.unknown()),
});

/**
 * A task submission as JSON: what the offline outbox (lib/pwa/outbox.js) sends once the device is
 * back online, from the page or from the service worker's Background Sync. The client id makes
 * every resend the same submission. Answers the form's state (lib/tasks/submission-state.ts); a
 * refusal is problem+json carrying that state as `outcome`. A photo comes only as an upload
 * (/api/tasks/photo): a photo task's answer here is refused as "photo-needs-upload".
 */
export async function POST(request: Request) {
  const memberId = await currentMemberId();
  if (!memberId) return answerProblem("unauthenticated", "signedOut", { outcome: { status: "refused", reason: "signed-out" } });
  const read = await readJson(request, 20_000);
  if (!read.ok) {
    const outcome = { status: "invalid", field: "body", problem: read.problem };
    return read.problem === "too-large" ? answerProblem("payload-too-large", "tooLarge", { outcome }) : answerProblem("invalid-json", "notJson", { outcome });
  }
  const parsed = body.safeParse(read.json);
  if (!parsed.success) return answerProblem("invalid-input", "invalidInput", { outcome: { status: "invalid", field: parsed.error.issues[0]?.path.join(".") || "body", problem: "missing-fields" } });
  const { taskId, clientId, input } = parsed.data;
  const state = submissionState(await submitTask(await getDb(), memberId, taskId, clientId, input));
  if (state.status === "refused") return answerProblem("conflict", "taskRefused", { outcome: state });
  if (state.status === "invalid") return answerProblem("invalid-input", "taskInvalid", { outcome: state });
  return jsonAnswer(200, state);
}
