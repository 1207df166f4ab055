// What submitting a task reads and writes; the checks and the payout are lib/server/tasks.
import "server-only";
import { and, eq, gte, inArray, ne, sql } from "drizzle-orm";
import { DUPLICATE_DISTANCE } from "../../../loyalty/photo-similarity";
import type { Database, Tx } from "../../connect";
import { PROGRAM_ID } from "../../program-id";
import { ledgerEntries, members, taskSubmissions, tasks } from "../../schema";
import { toTask, type Submission, type Task } from "./shared";

export type SubmittingMember = { name: string | null; birthday: string | null };

/** The member's name and birthday; `lock` takes the member's row for the rest of the transaction. */
export async function submittingMember(db: Database | Tx, memberId: string, lock: boolean): Promise<SubmittingMember | undefined> {
  const query = db.select({ name: members.name, birthday: members.birthday }).from(members).where(eq(members.id, memberId));
  const [member] = lock ? await query.for("update") : await query;
  return member;
}

/** The submission an earlier request with this client id made, if any. */
export async function submissionByClientId(db: Database | Tx, memberId: string, clientId: string): Promise<Submission | undefined> {
  const [earlier] = await db.select().from(taskSubmissions).where(and(eq(taskSubmissions.memberId, memberId), eq(taskSubmissions.clientId, clientId)));
  return earlier;
}

export async function activeTask(db: Database | Tx, taskId: string): Promise<Task | undefined> {
  const [row] = await db.select().from(tasks).where(and(eq(tasks.id, taskId), eq(tasks.programId, PROGRAM_ID), eq(tasks.active, true)));
  return row ? toTask(row) : undefined;
}

/**
 * Whether a picture like this one (re-saved or resized) was submitted before, by anyone and not
 * rejected. Compared in the database (differing bits of the two 64-bit hashes): nothing but the answer comes back.
 */
export async function similarPhotoSubmitted(tx: Tx, hash: string): Promise<boolean> {
  const [duplicate] = await tx
    .select({ id: taskSubmissions.id })
    .from(taskSubmissions)
    .where(
      and(
        eq(taskSubmissions.kind, "photo_upload"),
        ne(taskSubmissions.status, "rejected"),
        sql`bit_count(('x' || (${taskSubmissions.payload}->>'hash'))::bit(64) # ${`x${hash}`}::bit(64)) <= ${DUPLICATE_DISTANCE}`,
      ),
    )
    .limit(1);
  return Boolean(duplicate);
}

export async function insertSubmission(tx: Tx, values: typeof taskSubmissions.$inferInsert): Promise<Submission> {
  const [submission] = await tx.insert(taskSubmissions).values(values).returning();
  return submission!;
}

/** When the member completed (or was approved for) tasks of this kind since `since`. */
export async function completionTimes(tx: Tx, memberId: string, kind: string, since: Date): Promise<Date[]> {
  const at = sql<Date>`coalesce(${taskSubmissions.decidedAt}, ${taskSubmissions.createdAt})`;
  const rows = await tx
    .select({ at })
    .from(taskSubmissions)
    .where(and(eq(taskSubmissions.memberId, memberId), eq(taskSubmissions.kind, kind), inArray(taskSubmissions.status, ["approved", "completed"]), gte(at, since)));
  return rows.map((row) => new Date(row.at));
}

/** Points for a task or a challenge, once per idempotency key. */
export async function creditTaskPoints(tx: Tx, entry: { memberId: string; delta: number; sourceRef: string; idempotencyKey: string; createdAt: Date; expiresAt: Date }): Promise<void> {
  await tx.insert(ledgerEntries).values({ ...entry, kind: "earn_task" }).onConflictDoNothing();
}
