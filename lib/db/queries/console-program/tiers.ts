// Tiers and the tier rule.
import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { ConsoleError } from "../../../errors";
import type { TierRuleSettings } from "../../../loyalty/tier-standing";
import type { Database, Tx } from "../../connect";
import { PROGRAM_ID } from "../../program-id";
import { programs, rewards, tiers } from "../../schema";
import { writeAudit, type AuditActor } from "../audit";
import { forgetProgramConfig } from "../program";
import { requireProgram } from "./shared";

export type TierInput = {
  id: string;
  name: { de: string; en: string };
  thresholdCents: number;
  multiplierPercent: number;
  perks?: { de: string; en: string } | undefined;
  benefits: { freeShipping: boolean; exclusiveRewards: boolean; earlyAccess: boolean };
};

/** Replaces the tier ladder and its qualification rule; a tier a reward is gated on cannot go. */
export async function saveTiers(db: Database, actor: AuditActor, input: { rule: TierRuleSettings; tiers: TierInput[] }, now = new Date()): Promise<void> {
  await db.transaction(async (tx) => {
    const program = await requireProgram(tx);
    const { before, after } = await replaceTiers(tx, input.tiers);
    await tx.update(programs).set({ tierRule: input.rule }).where(eq(programs.id, PROGRAM_ID));
    await writeAudit(tx, actor, "program.tiers", "program:tiers", { rule: program.tierRule, tiers: before }, { rule: input.rule, tiers: after }, now);
  });
  forgetProgramConfig(db);
}

export async function replaceTiers(tx: Tx, input: TierInput[]) {
  const current = await tx.select().from(tiers).where(eq(tiers.programId, PROGRAM_ID)).orderBy(asc(tiers.thresholdCents));
  const keep = new Set(input.map((t) => t.id));
  for (const gone of current.filter((t) => !keep.has(t.id))) {
    const gated = await tx.select({ id: rewards.id }).from(rewards).where(and(eq(rewards.minTierId, gone.id), eq(rewards.active, true))).limit(1);
    if (gated.length > 0) throw new ConsoleError("conflict", "tierInUse", { tier: gone.name.de, reward: gated[0]!.id });
    // Inactive rewards may still name the tier; they lose the gate rather than block the change.
    await tx.update(rewards).set({ minTierId: null }).where(eq(rewards.minTierId, gone.id));
    await tx.delete(tiers).where(eq(tiers.id, gone.id));
  }
  const sorted = [...input].sort((a, b) => a.thresholdCents - b.thresholdCents);
  for (const [i, tier] of sorted.entries()) {
    const row = { ...tier, perks: tier.perks ?? null, position: i + 1 };
    await tx.insert(tiers).values({ ...row, programId: PROGRAM_ID }).onConflictDoUpdate({ target: tiers.id, set: row });
  }
  return { before: current, after: sorted };
}

export async function listTiers(db: Database) {
  return db
    .select({ id: tiers.id, name: tiers.name, thresholdCents: tiers.thresholdCents, multiplierPercent: tiers.multiplierPercent, perks: tiers.perks, benefits: tiers.benefits })
    .from(tiers)
    .where(eq(tiers.programId, PROGRAM_ID))
    .orderBy(asc(tiers.thresholdCents));
}
