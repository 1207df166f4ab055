// The whole program as one document: export, and import in one transaction.
import "server-only";
import { asc, eq, max } from "drizzle-orm";
import { parseBranding } from "../../../loyalty/branding";
import { parseReferralRule } from "../../../loyalty/referrals";
import { parseChallenges } from "../../../loyalty/gamification";
import { parseEarnRule } from "../../../loyalty/earn-rule";
import { parseTaskConfig } from "../../../loyalty/tasks";
import { tierRuleSchema } from "../../../loyalty/tier-standing";
import type { ProgramDocument } from "../../../loyalty/program-document";
import type { Database } from "../../connect";
import { PROGRAM_ID } from "../../program-id";
import { earnRuleVersions, programs, rewards, tasks } from "../../schema";
import { writeAudit, type AuditActor } from "../audit";
import { forgetProgramConfig, getProgramConfig } from "../program";
import { requireProgram } from "./shared";
import { rewardRow } from "./rewards";
import { replaceTiers, listTiers } from "./tiers";

/** The program as the document the console exports (lib/console/program-document.ts). */
export async function exportProgram(db: Database): Promise<ProgramDocument | null> {
  const [program] = await db.select().from(programs).where(eq(programs.id, PROGRAM_ID));
  if (!program) return null;
  const config = await getProgramConfig(db);
  const [tierRows, rewardRows, taskRows] = await Promise.all([
    listTiers(db),
    db.select().from(rewards).where(eq(rewards.programId, PROGRAM_ID)).orderBy(asc(rewards.position)),
    db.select().from(tasks).where(eq(tasks.programId, PROGRAM_ID)).orderBy(asc(tasks.position)),
  ]);
  return {
    format: "treue-program",
    version: 1,
    name: program.name,
    currency: program.currency,
    // The newest version, scheduled or not: what the next import should keep.
    earnRule: config.earnRuleVersions.at(-1)?.rule ?? parseEarnRule(program.earnRule),
    tierRule: tierRuleSchema.parse(program.tierRule ?? {}),
    tiers: tierRows.map((t) => ({
      id: t.id,
      name: t.name,
      thresholdCents: t.thresholdCents,
      multiplierPercent: t.multiplierPercent,
      ...(t.perks ? { perks: t.perks } : {}),
      benefits: { freeShipping: t.benefits.freeShipping ?? false, exclusiveRewards: t.benefits.exclusiveRewards ?? false, earlyAccess: t.benefits.earlyAccess ?? false },
    })),
    rewards: rewardRows.map(({ programId: _p, image: _i, usesCodePool: _u, availableFrom, availableUntil, ...r }) => ({
      ...r,
      availableFrom: availableFrom?.toISOString() ?? null,
      availableUntil: availableUntil?.toISOString() ?? null,
    })),
    tasks: taskRows.map(({ programId: _p, kind, config, ...t }) => ({ ...t, kind: kind as ProgramDocument["tasks"][number]["kind"], config: parseTaskConfig(config) })),
    challenges: parseChallenges(program.challenges),
    referralRule: parseReferralRule(program.referralRule),
    pointValueMilliCents: program.pointValueMilliCents,
    branding: parseBranding(program.branding),
  };
}

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
    const created = await tx.insert(programs).values({ id: PROGRAM_ID, ...settings }).onConflictDoNothing().returning({ id: programs.id });
    if (created.length === 0) await tx.update(programs).set(settings).where(eq(programs.id, PROGRAM_ID));
    await requireProgram(tx);
    const [{ latest } = { latest: null }] = await tx.select({ latest: max(earnRuleVersions.version) }).from(earnRuleVersions);
    await tx.insert(earnRuleVersions).values({ version: (latest ?? 0) + 1, programId: PROGRAM_ID, rule: doc.earnRule, effectiveFrom: now, createdBy: actor.id, createdAt: now });
    await replaceTiers(tx, doc.tiers);
    await tx.update(rewards).set({ active: false }).where(eq(rewards.programId, PROGRAM_ID));
    for (const reward of doc.rewards) {
      const row = { ...rewardRow(reward), programId: PROGRAM_ID };
      await tx.insert(rewards).values(row).onConflictDoUpdate({ target: rewards.id, set: row });
    }
    await tx.update(tasks).set({ active: false }).where(eq(tasks.programId, PROGRAM_ID));
    for (const task of doc.tasks) {
      const row = { ...task, programId: PROGRAM_ID };
      await tx.insert(tasks).values(row).onConflictDoUpdate({ target: tasks.id, set: row });
    }
    await writeAudit(tx, actor, "program.import", "program:document", before, doc, now);
    return { created: created.length > 0 };
  });
  forgetProgramConfig(db);
  return result;
}
