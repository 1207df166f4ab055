// The tier ladder and its qualification rule.
import "server-only";
import type { Database, Tx } from "../../db/connect";
import { writeAudit, type AuditActor } from "../../db/queries/audit";
import { activeRewardGatedOn, deleteTier, tierRows, updateProgram, upsertTier, type TierInput } from "../../db/queries/console-program";
import { forgetProgramConfig } from "../../db/queries/program";
import { ConsoleError } from "../../errors";
import type { TierRuleSettings } from "../../loyalty/tier-standing";
import { requireProgram } from "./shared";

export type TiersChange = { rule: TierRuleSettings; tiers: TierInput[] };

/** Replaces the tier ladder and its qualification rule; a tier a reward is gated on cannot go. */
export async function saveTiers(db: Database, actor: AuditActor, input: TiersChange, now = new Date()): Promise<void> {
  await db.transaction((tx) => saveTiersIn(tx, actor, input, now));
  forgetProgramConfig(db);
}

/** saveTiers inside the caller's transaction (the caller forgets the cached program afterwards). */
export async function saveTiersIn(tx: Tx, actor: AuditActor, input: TiersChange, now: Date): Promise<void> {
  const program = await requireProgram(tx);
  const { before, after } = await replaceTiers(tx, input.tiers);
  await updateProgram(tx, { tierRule: input.rule });
  await writeAudit(tx, actor, "program.tiers", "program:tiers", { rule: program.tierRule, tiers: before }, { rule: input.rule, tiers: after }, now);
}

/** Makes the ladder `input`: tiers it leaves out are deleted unless an active reward needs them. */
export async function replaceTiers(tx: Tx, input: TierInput[]) {
  const current = await tierRows(tx);
  const keep = new Set(input.map((t) => t.id));
  for (const gone of current.filter((t) => !keep.has(t.id))) {
    const gated = await activeRewardGatedOn(tx, gone.id);
    if (gated) throw new ConsoleError("conflict", "tierInUse", { tier: gone.name.de, reward: gated });
    await deleteTier(tx, gone.id);
  }
  const sorted = [...input].sort((a, b) => a.thresholdCents - b.thresholdCents);
  for (const [i, tier] of sorted.entries()) await upsertTier(tx, tier, i + 1);
  return { before: current, after: sorted };
}
