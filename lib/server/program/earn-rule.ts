// The earn rule's versions: saved for a date, never edited in place.
import "server-only";
import type { Database } from "../../db/connect";
import type { AuditActor } from "../../db/queries/audit";
import { writeAudit } from "../../db/queries/audit";
import { insertNextEarnRuleVersion, updateProgram } from "../../db/queries/console-program";
import { earnRuleAt, forgetProgramConfig, getProgramConfig } from "../../db/queries/program";
import type { EarnRule } from "../../loyalty/earn-rule";
import { requireProgram } from "./shared";

/**
 * Saves a new version of the earn rule, in force from `effectiveFrom` (default now). Earlier
 * versions stay: orders keep the version they earned under, so a later refund takes back what
 * that order earned, whatever the rule says by then.
 */
export async function saveEarnRule(db: Database, actor: AuditActor, rule: EarnRule, effectiveFrom: Date, now = new Date()): Promise<{ version: number }> {
  const config = await getProgramConfig(db);
  const result = await db.transaction(async (tx) => {
    await requireProgram(tx); // the lock serialises two saves, so versions never collide
    const version = await insertNextEarnRuleVersion(tx, { rule, effectiveFrom, createdBy: actor.id, createdAt: now });
    await updateProgram(tx, { earnRule: rule });
    const before = earnRuleAt(config, effectiveFrom);
    await writeAudit(tx, actor, "program.earn-rule", "program:earn-rule", { version: before.version, rule: before.rule }, { version, rule, effectiveFrom: effectiveFrom.toISOString() }, now);
    return { version };
  });
  forgetProgramConfig(db);
  return result;
}
