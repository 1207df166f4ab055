import { z } from "zod";
import { currentMemberId } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { submitTask } from "@/lib/db/queries/tasks";
import { jsonAnswer as answer, readJson } from "@/lib/http/json";
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
 * every resend the same submission. Answers the form's state (lib/tasks/submission-state.ts).
 */
export async function POST(request: Request) {
  const memberId = await currentMemberId();
  if (!memberId) return answer(401, { status: "refused", reason: "signed-out" });
  const read = await readJson(request, 20_000);
  if (!read.ok) return answer(read.problem === "too-large" ? 413 : 400, { status: "invalid", field: "body", problem: read.problem });
  const parsed = body.safeParse(read.json);
  if (!parsed.success) return answer(400, { status: "invalid", field: parsed.error.issues[0]?.path.join(".") || "body", problem: "missing-fields" });
  const { taskId, clientId, input } = parsed.data;
  const state = submissionState(await submitTask(await getDb(), memberId, taskId, clientId, input));
  return answer(state.status === "refused" ? 409 : state.status === "invalid" ? 400 : 200, state);
}
