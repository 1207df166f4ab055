// Tiers and the tier rule.
import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { Database, Tx } from "../../connect";
import { PROGRAM_ID } from "../../program-id";
import { rewards, tiers } from "../../schema";

export type TierInput = {
  id: string;
  name: { de: string; en: string };
  thresholdCents: number;
  multiplierPercent: number;
  perks?: { de: string; en: string } | undefined;
  benefits: { freeShipping: boolean; exclusiveRewards: boolean; earlyAccess: boolean };
};
export type TierRow = typeof tiers.$inferSelect;

/** The whole rows, lowest first, in the caller's transaction. */
export async function tierRows(tx: Tx): Promise<TierRow[]> {
  return tx.select().from(tiers).where(eq(tiers.programId, PROGRAM_ID)).orderBy(asc(tiers.thresholdCents));
}

export async function tierExists(tx: Tx, tierId: string): Promise<boolean> {
  const [tier] = await tx.select({ id: tiers.id }).from(tiers).where(eq(tiers.id, tierId));
  return Boolean(tier);
}

/** An active reward only members of this tier may redeem, if there is one. */
export async function activeRewardGatedOn(tx: Tx, tierId: string): Promise<string | undefined> {
  const [gated] = await tx.select({ id: rewards.id }).from(rewards).where(and(eq(rewards.minTierId, tierId), eq(rewards.active, true))).limit(1);
  return gated?.id;
}

/** Deletes a tier; inactive rewards that still name it lose the gate. */
export async function deleteTier(tx: Tx, tierId: string): Promise<void> {
  await tx.update(rewards).set({ minTierId: null }).where(eq(rewards.minTierId, tierId));
  await tx.delete(tiers).where(eq(tiers.id, tierId));
}

export async function upsertTier(tx: Tx, tier: TierInput, position: number): Promise<void> {
  const row = { ...tier, perks: tier.perks ?? null, position };
  await tx.insert(tiers).values({ ...row, programId: PROGRAM_ID }).onConflictDoUpdate({ target: tiers.id, set: row });
}

export async function listTiers(db: Database) {
  return db
    .select({ id: tiers.id, name: tiers.name, thresholdCents: tiers.thresholdCents, multiplierPercent: tiers.multiplierPercent, perks: tiers.perks, benefits: tiers.benefits })
    .from(tiers)
    .where(eq(tiers.programId, PROGRAM_ID))
    .orderBy(asc(tiers.thresholdCents));
}
