// Staff's prepared answers, per language: picked in the reply box and edited before sending.
import "server-only";
import type { Database } from "../../db/connect";
import { writeAudit, type AuditActor } from "../../db/queries/audit";
import { deleteCannedAnswerRow, insertCannedAnswer, lockCannedAnswer, updateCannedAnswer } from "../../db/queries/conversations";
import { ConsoleError } from "../../errors";

export async function saveCannedAnswer(db: Database, actor: AuditActor, input: { id?: string | undefined; locale: "de" | "en"; title: string; body: string }, now = new Date()): Promise<{ id: string }> {
  return db.transaction(async (tx) => {
    if (input.id) {
      const before = await lockCannedAnswer(tx, input.id);
      if (!before) throw new ConsoleError("not-found", "cannedNotFound");
      await updateCannedAnswer(tx, input.id, { ...input, now });
      await writeAudit(tx, actor, "canned.save", `canned:${input.id}`, { title: before.title, locale: before.locale }, { title: input.title, locale: input.locale }, now);
      return { id: input.id };
    }
    const row = await insertCannedAnswer(tx, { ...input, now });
    await writeAudit(tx, actor, "canned.save", `canned:${row.id}`, null, { title: input.title, locale: input.locale }, now);
    return { id: row.id };
  });
}

export async function deleteCannedAnswer(db: Database, actor: AuditActor, id: string, now = new Date()): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await lockCannedAnswer(tx, id);
    if (!before) throw new ConsoleError("not-found", "cannedNotFound");
    await deleteCannedAnswerRow(tx, id);
    await writeAudit(tx, actor, "canned.delete", `canned:${id}`, { title: before.title, locale: before.locale }, null, now);
  });
}
