// Tasks and challenges.
import "server-only";
import { asc, eq } from "drizzle-orm";
import type { Database, Tx } from "../../connect";
import { PROGRAM_ID } from "../../program-id";
import { tasks } from "../../schema";

export type TaskRow = typeof tasks.$inferSelect;

export async function listAllTasks(db: Database): Promise<TaskRow[]> {
  return db.select().from(tasks).where(eq(tasks.programId, PROGRAM_ID)).orderBy(asc(tasks.position), asc(tasks.id));
}

/** The task, locked for the rest of the transaction. */
export async function lockTask(tx: Tx, taskId: string): Promise<TaskRow | undefined> {
  const [task] = await tx.select().from(tasks).where(eq(tasks.id, taskId)).for("update");
  return task;
}

export async function upsertTask(tx: Tx, row: typeof tasks.$inferInsert): Promise<void> {
  await tx.insert(tasks).values(row).onConflictDoUpdate({ target: tasks.id, set: row });
}

export async function deactivateAllTasks(tx: Tx): Promise<void> {
  await tx.update(tasks).set({ active: false }).where(eq(tasks.programId, PROGRAM_ID));
}
