// Tasks and challenges.
import "server-only";
import type { Database } from "../../db/connect";
import { writeAudit, type AuditActor } from "../../db/queries/audit";
import { lockTask, updateProgram, upsertTask } from "../../db/queries/console-program";
import { PROGRAM_ID } from "../../db/program-id";
import { forgetProgramConfig } from "../../db/queries/program";
import { ConsoleError } from "../../errors";
import type { Challenge } from "../../loyalty/gamification";
import type { ProgramDocument } from "../../loyalty/program-document";
import { requireProgram } from "./shared";

/** Creates or changes a task; a kind, once set, stays (its submissions were made for it). */
export async function saveTask(db: Database, actor: AuditActor, task: ProgramDocument["tasks"][number], now = new Date()): Promise<{ created: boolean }> {
  return db.transaction(async (tx) => {
    await requireProgram(tx);
    const before = await lockTask(tx, task.id);
    if (before && before.kind !== task.kind) throw new ConsoleError("refused", "taskKindFixed", { kind: before.kind });
    const row = { ...task, programId: PROGRAM_ID };
    await upsertTask(tx, row);
    await writeAudit(tx, actor, before ? "task.update" : "task.create", `task:${task.id}`, before ?? null, row, now);
    return { created: !before };
  });
}

/** Replaces the program's challenges (badges are built in and need no setting). */
export async function saveChallenges(db: Database, actor: AuditActor, challenges: Challenge[], now = new Date()): Promise<void> {
  await db.transaction(async (tx) => {
    const program = await requireProgram(tx);
    await updateProgram(tx, { challenges });
    await writeAudit(tx, actor, "program.challenges", "program:challenges", program.challenges, challenges, now);
  });
  forgetProgramConfig(db);
}
