// The earn rule's versions: saved for a date, never edited in place.
import "server-only";
import { asc, eq, max } from "drizzle-orm";
import type { EarnRule } from "../../../loyalty/earn-rule";
import type { Database } from "../../connect";
import { PROGRAM_ID } from "../../program-id";
import { earnRuleVersions, programs } from "../../schema";
import { writeAudit, type AuditActor } from "../audit";
import { earnRuleAt, forgetProgramConfig, getProgramConfig } from "../program";
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
    const [{ latest } = { latest: null }] = await tx.select({ latest: max(earnRuleVersions.version) }).from(earnRuleVersions);
    const version = (latest ?? 0) + 1;
    await tx.insert(earnRuleVersions).values({ version, programId: PROGRAM_ID, rule, effectiveFrom, createdBy: actor.id, createdAt: now });
    await tx.update(programs).set({ earnRule: rule }).where(eq(programs.id, PROGRAM_ID));
    const before = earnRuleAt(config, effectiveFrom);
    await writeAudit(tx, actor, "program.earn-rule", "program:earn-rule", { version: before.version, rule: before.rule }, { version, rule, effectiveFrom: effectiveFrom.toISOString() }, now);
    return { version };
  });
  forgetProgramConfig(db);
  return result;
}

export async function listEarnRuleVersions(db: Database) {
  return db.select().from(earnRuleVersions).where(eq(earnRuleVersions.programId, PROGRAM_ID)).orderBy(asc(earnRuleVersions.version));
}
