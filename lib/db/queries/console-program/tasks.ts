// Tasks and challenges.
import "server-only";
import { asc, eq } from "drizzle-orm";
import { ConsoleError } from "../../../errors";
import type { Challenge } from "../../../loyalty/gamification";
import type { ProgramDocument } from "../../../loyalty/program-document";
import type { Database } from "../../connect";
import { PROGRAM_ID } from "../../program-id";
import { programs, tasks } from "../../schema";
import { writeAudit, type AuditActor } from "../audit";
import { forgetProgramConfig } from "../program";
import { requireProgram } from "./shared";

export type TaskRow = typeof tasks.$inferSelect;

export async function listAllTasks(db: Database): Promise<TaskRow[]> {
  return db.select().from(tasks).where(eq(tasks.programId, PROGRAM_ID)).orderBy(asc(tasks.position), asc(tasks.id));
}

/** Creates or changes a task; a kind, once set, stays (its submissions were made for it). */
export async function saveTask(db: Database, actor: AuditActor, task: ProgramDocument["tasks"][number], now = new Date()): Promise<{ created: boolean }> {
  return db.transaction(async (tx) => {
    await requireProgram(tx);
    const [before] = await tx.select().from(tasks).where(eq(tasks.id, task.id)).for("update");
    if (before && before.kind !== task.kind) throw new ConsoleError("refused", "taskKindFixed", { kind: before.kind });
    const row = { ...task, programId: PROGRAM_ID };
    await tx.insert(tasks).values(row).onConflictDoUpdate({ target: tasks.id, set: row });
    await writeAudit(tx, actor, before ? "task.update" : "task.create", `task:${task.id}`, before ?? null, row, now);
    return { created: !before };
  });
}

/** Replaces the program's challenges (badges are built in and need no setting). */
export async function saveChallenges(db: Database, actor: AuditActor, challenges: Challenge[], now = new Date()): Promise<void> {
  await db.transaction(async (tx) => {
    const program = await requireProgram(tx);
    await tx.update(programs).set({ challenges }).where(eq(programs.id, PROGRAM_ID));
    await writeAudit(tx, actor, "program.challenges", "program:challenges", program.challenges, challenges, now);
  });
  forgetProgramConfig(db);
}
