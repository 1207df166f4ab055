// Staff decide on reviews and photos (lib/server/tasks); the queues and lists they read.
import "server-only";
import { and, asc, desc, eq, gte } from "drizzle-orm";
import type { Database, Tx } from "../../connect";
import { members, taskSubmissions } from "../../schema";
import type { Submission } from "./shared";

/** The submission, locked for the rest of the transaction. */
export async function lockSubmission(tx: Tx, submissionId: string): Promise<Submission | undefined> {
  const [submission] = await tx.select().from(taskSubmissions).where(eq(taskSubmissions.id, submissionId)).for("update");
  return submission;
}

export async function decideSubmission(tx: Tx, submissionId: string, decision: { status: "approved" | "rejected"; reason: string | null; decidedAt: Date; decidedBy: string | null }): Promise<Submission> {
  const [decided] = await tx.update(taskSubmissions).set(decision).where(eq(taskSubmissions.id, submissionId)).returning();
  return decided!;
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
