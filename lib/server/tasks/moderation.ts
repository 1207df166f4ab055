// Staff decide on reviews and photos.
import "server-only";
import type { Database } from "../../db/connect";
import { writeAudit, type AuditActor } from "../../db/queries/audit";
import { enqueueNotification } from "../../db/queries/notifications";
import { getProgramConfig } from "../../db/queries/program";
import { decideSubmission, lockSubmission } from "../../db/queries/tasks";
import { payTask } from "./pay";

/** Staff decide on a review or photo: approval pays once, rejection keeps the reason for the member. */
export async function moderateSubmission(
  db: Database,
  actor: AuditActor,
  submissionId: string,
  decision: { approve: true } | { approve: false; reason: string },
  now = new Date(),
): Promise<"approved" | "rejected" | "already-decided" | "unknown"> {
  const config = await getProgramConfig(db);
  return db.transaction(async (tx) => {
    const submission = await lockSubmission(tx, submissionId);
    if (!submission) return "unknown" as const;
    if (submission.status !== "in_review") return "already-decided" as const;
    const status = decision.approve ? ("approved" as const) : ("rejected" as const);
    const decided = await decideSubmission(tx, submissionId, { status, reason: decision.approve ? null : decision.reason, decidedAt: now, decidedBy: actor.id });
    await writeAudit(tx, actor, `submission.${status === "approved" ? "approve" : "reject"}`, `member:${submission.memberId}`, { submission: submission.id, status: submission.status }, { submission: submission.id, status, reason: decided.reason }, now);
    if (decision.approve) await payTask(tx, decided, now, config);
    await enqueueNotification(tx, {
      memberId: submission.memberId,
      category: "task_result",
      kind: decision.approve ? "task_approved" : "task_rejected",
      params: decision.approve ? { points: submission.points } : { reason: decision.reason },
      url: `/tasks/${submission.taskId}`,
      dedupeKey: `submission:${submission.id}`,
      at: now,
      channels: "push-or-email",
      ...(decision.approve && { source: "journey:review_published" }),
    });
    return status;
  });
}
