// Staff decide on reviews and photos; the queues and lists they read.
import "server-only";
import { writeAudit, type AuditActor } from "../audit";
import { and, asc, desc, eq, gte } from "drizzle-orm";
import { enqueueNotification } from "../notifications";
import type { Database } from "../../connect";
import { members, taskSubmissions } from "../../schema";
import { getProgramConfig } from "../program";
import type { Submission } from "./shared";
import { payTask } from "./submit";

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
    const [submission] = await tx.select().from(taskSubmissions).where(eq(taskSubmissions.id, submissionId)).for("update");
    if (!submission) return "unknown" as const;
    if (submission.status !== "in_review") return "already-decided" as const;
    const status = decision.approve ? ("approved" as const) : ("rejected" as const);
    const [decided] = await tx
      .update(taskSubmissions)
      .set({ status, reason: decision.approve ? null : decision.reason, decidedAt: now, decidedBy: actor.id })
      .where(eq(taskSubmissions.id, submissionId))
      .returning();
    await writeAudit(tx, actor, `submission.${status === "approved" ? "approve" : "reject"}`, `member:${submission.memberId}`, { submission: submission.id, status: submission.status }, { submission: submission.id, status, reason: decided!.reason }, now);
    if (decision.approve) await payTask(tx, decided!, now, config);
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

export type ReviewQueueFilter = { kind?: "product_review" | "photo_upload" | undefined };

export async function listReviewQueue(db: Database, limit = 50, filter: ReviewQueueFilter = {}): Promise<(Submission & { memberName: string | null; memberEmail: string })[]> {
  const rows = await db
    .select({ submission: taskSubmissions, memberName: members.name, memberEmail: members.email })
    .from(taskSubmissions)
    .innerJoin(members, eq(members.id, taskSubmissions.memberId))
    .where(and(eq(taskSubmissions.status, "in_review"), filter.kind ? eq(taskSubmissions.kind, filter.kind) : undefined))
    .orderBy(asc(taskSubmissions.createdAt))
    .limit(limit);
  return rows.map((r) => ({ ...r.submission, memberName: r.memberName, memberEmail: r.memberEmail }));
}

export async function listMemberSubmissions(db: Database, memberId: string, limit = 20): Promise<Submission[]> {
  return db.select().from(taskSubmissions).where(eq(taskSubmissions.memberId, memberId)).orderBy(desc(taskSubmissions.createdAt)).limit(limit);
}

/** Approved reviews for the shop, oldest first from `since` (the shop pages by the last decided_at). */
export async function listApprovedReviews(db: Database, since: Date, limit = 100) {
  return db
    .select({
      id: taskSubmissions.id,
      sku: taskSubmissions.productSku,
      payload: taskSubmissions.payload,
      approvedAt: taskSubmissions.decidedAt,
      memberName: members.name,
      shopCustomerId: members.shopCustomerId,
    })
    .from(taskSubmissions)
    .innerJoin(members, eq(members.id, taskSubmissions.memberId))
    .where(and(eq(taskSubmissions.kind, "product_review"), eq(taskSubmissions.status, "approved"), gte(taskSubmissions.decidedAt, since)))
    .orderBy(asc(taskSubmissions.decidedAt), asc(taskSubmissions.id))
    .limit(limit);
}
