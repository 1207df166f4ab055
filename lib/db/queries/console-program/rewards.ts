// The reward catalog: rewards, their images and their pools of shop codes.
import "server-only";
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { RewardDefinition } from "../../../validations/console";
import type { Database, Tx } from "../../connect";
import { PROGRAM_ID } from "../../program-id";
import { couponCodes, rewards } from "../../schema";

export type RewardRow = typeof rewards.$inferSelect;

/** A reward as the console defines it, as a row (dates become timestamps). */
export function rewardRow({ availableFrom, availableUntil, ...rest }: RewardDefinition) {
  return { ...rest, programId: PROGRAM_ID, availableFrom: availableFrom ? new Date(availableFrom) : null, availableUntil: availableUntil ? new Date(availableUntil) : null };
}

/** The reward, locked for the rest of the transaction. */
export async function lockReward(tx: Tx, rewardId: string): Promise<RewardRow | undefined> {
  const [reward] = await tx.select().from(rewards).where(eq(rewards.id, rewardId)).for("update");
  return reward;
}

export async function upsertReward(tx: Tx, row: ReturnType<typeof rewardRow>): Promise<void> {
  await tx.insert(rewards).values(row).onConflictDoUpdate({ target: rewards.id, set: row });
}

export async function deactivateAllRewards(tx: Tx): Promise<void> {
  await tx.update(rewards).set({ active: false }).where(eq(rewards.programId, PROGRAM_ID));
}

export async function updateReward(tx: Tx, rewardId: string, change: Partial<Pick<RewardRow, "image" | "usesCodePool">>): Promise<void> {
  await tx.update(rewards).set(change).where(eq(rewards.id, rewardId));
}

/** Adds codes to the pool, skipping any known already (anywhere); returns those added. */
export async function insertPoolCodes(tx: Tx, rewardId: string, codes: string[]): Promise<string[]> {
  const inserted = await tx
    .insert(couponCodes)
    .values(codes.map((code) => ({ rewardId, code })))
    .onConflictDoNothing()
    .returning({ code: couponCodes.code });
  return inserted.map((r) => r.code);
}

export async function countFreePoolCodes(tx: Tx, rewardId: string): Promise<number> {
  return tx.$count(couponCodes, and(eq(couponCodes.rewardId, rewardId), isNull(couponCodes.couponId)));
}

export async function listAllRewards(db: Database) {
  // Qualified by hand: inside a subquery drizzle would write a bare "id", which the subquery's own table shadows.
  const free = sql<number>`(select count(*)::int from coupon_codes c where c.reward_id = "rewards"."id" and c.coupon_id is null)`;
  const issued = sql<number>`(select count(*)::int from coupons c where c.reward_id = "rewards"."id")`;
  return db
    .select({ reward: rewards, freeCodes: free, issued })
    .from(rewards)
    .where(eq(rewards.programId, PROGRAM_ID))
    .orderBy(asc(rewards.position), asc(rewards.pointsCost));
}
