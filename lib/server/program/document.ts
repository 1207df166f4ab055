// Importing the whole program from its document, in one transaction.
import "server-only";
import type { Database } from "../../db/connect";
import { PROGRAM_ID } from "../../db/program-id";
import { writeAudit, type AuditActor } from "../../db/queries/audit";
import {
  deactivateAllRewards,
  deactivateAllTasks,
  exportProgram,
  insertNextEarnRuleVersion,
  insertProgramIfMissing,
  rewardRow,
  updateProgram,
  upsertReward,
  upsertTask,
} from "../../db/queries/console-program";
import { forgetProgramConfig } from "../../db/queries/program";
import type { ProgramDocument } from "../../loyalty/program-document";
import { requireProgram } from "./shared";
import { replaceTiers } from "./tiers";

/**
 * Makes the program what the document says, in one transaction: a new earn-rule version from now,
 * the tier ladder replaced, rewards and tasks created or updated, and those the document leaves
 * out switched off (never deleted: coupons and submissions still point at them). Creates the
 * program on a fresh install (not yet live).
 */
export async function importProgram(db: Database, actor: AuditActor, doc: ProgramDocument, now = new Date()): Promise<{ created: boolean }> {
  const before = await exportProgram(db);
  const result = await db.transaction(async (tx) => {
    const settings = { name: doc.name, currency: doc.currency, earnRule: doc.earnRule, tierRule: doc.tierRule, referralRule: doc.referralRule, challenges: doc.challenges, pointValueMilliCents: doc.pointValueMilliCents, branding: doc.branding };
    const created = await insertProgramIfMissing(tx, settings);
    if (!created) await updateProgram(tx, settings);
    await requireProgram(tx);
    await insertNextEarnRuleVersion(tx, { rule: doc.earnRule, effectiveFrom: now, createdBy: actor.id, createdAt: now });
    await replaceTiers(tx, doc.tiers);
    await deactivateAllRewards(tx);
    for (const reward of doc.rewards) await upsertReward(tx, rewardRow(reward));
    await deactivateAllTasks(tx);
    for (const task of doc.tasks) await upsertTask(tx, { ...task, programId: PROGRAM_ID });
    await writeAudit(tx, actor, "program.import", "program:document", before, doc, now);
    return { created };
  });
  forgetProgramConfig(db);
  return result;
}
