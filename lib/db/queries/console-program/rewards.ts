// The reward catalog: rewards, their images and their pools of shop codes.
import "server-only";
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { ConsoleError } from "../../../errors";
import { generateCouponCode, parseCodeList } from "../../../loyalty/coupon-code";
import type { RewardDefinition } from "../../../validations/console";
import type { Database } from "../../connect";
import { PROGRAM_ID } from "../../program-id";
import { couponCodes, rewards, tiers } from "../../schema";
import { writeAudit, type AuditActor } from "../audit";
import { requireProgram } from "./shared";

export type RewardRow = typeof rewards.$inferSelect;

/** A reward as the console defines it, as a row (dates become timestamps). */
export function rewardRow({ availableFrom, availableUntil, ...rest }: RewardDefinition) {
  return { ...rest, availableFrom: availableFrom ? new Date(availableFrom) : null, availableUntil: availableUntil ? new Date(availableUntil) : null };
}

/** Creates or changes a reward. Stock set here is the stock left from now on. */
export async function saveReward(db: Database, actor: AuditActor, definition: RewardDefinition, now = new Date()): Promise<{ created: boolean }> {
  const reward = rewardRow(definition);
  return db.transaction(async (tx) => {
    await requireProgram(tx);
    if (reward.minTierId) {
      const [tier] = await tx.select({ id: tiers.id }).from(tiers).where(eq(tiers.id, reward.minTierId));
      if (!tier) throw new ConsoleError("refused", "unknownTier", { tier: reward.minTierId });
    }
    const [before] = await tx.select().from(rewards).where(eq(rewards.id, reward.id)).for("update");
    const row = { ...reward, programId: PROGRAM_ID };
    await tx.insert(rewards).values(row).onConflictDoUpdate({ target: rewards.id, set: row });
    await writeAudit(tx, actor, before ? "reward.update" : "reward.create", `reward:${reward.id}`, before ?? null, row, now);
    return { created: !before };
  });
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

/**
 * Adds codes to a reward's pool (the shop's own, from CSV, or generated) and switches the reward
 * to the pool. A code already known anywhere is refused, so no code can be handed out twice.
 */
export async function addRewardCodes(db: Database, actor: AuditActor, input: { rewardId: string; csv?: string | undefined; generate?: number | undefined }, now = new Date()): Promise<{ added: number; free: number }> {
  let codes: string[];
  if (input.csv !== undefined) {
    const parsed = parseCodeList(input.csv);
    if (parsed.invalid.length > 0) throw new ConsoleError("refused", "invalidCodes", { lines: parsed.invalid.slice(0, 5).map((l) => `${l.line}: ${l.value}`).join(", ") });
    if (parsed.codes.length === 0) throw new ConsoleError("refused", "noCodes");
    codes = parsed.codes;
  } else {
    codes = Array.from({ length: input.generate ?? 0 }, generateCouponCode);
    if (codes.length === 0) throw new ConsoleError("refused", "noCodes");
  }
  return db.transaction(async (tx) => {
    const [reward] = await tx.select({ id: rewards.id, kind: rewards.kind }).from(rewards).where(eq(rewards.id, input.rewardId)).for("update");
    if (!reward) throw new ConsoleError("not-found", "rewardNotFound");
    // The shopper chooses its amount: a shop's code of a fixed value cannot carry it.
    if (reward.kind === "points_off") throw new ConsoleError("refused", "codesNotForPointsOff");
    const inserted = await tx
      .insert(couponCodes)
      .values(codes.map((code) => ({ rewardId: input.rewardId, code })))
      .onConflictDoNothing()
      .returning({ code: couponCodes.code });
    if (inserted.length < codes.length) {
      const fresh = new Set(inserted.map((r) => r.code));
      throw new ConsoleError("conflict", "duplicateCodes", { codes: codes.filter((c) => !fresh.has(c)).slice(0, 5).join(", ") });
    }
    await tx.update(rewards).set({ usesCodePool: true }).where(eq(rewards.id, input.rewardId));
    const free = await tx.$count(couponCodes, and(eq(couponCodes.rewardId, input.rewardId), isNull(couponCodes.couponId)));
    await writeAudit(tx, actor, "reward.codes", `reward:${input.rewardId}`, { free: free - inserted.length }, { free, added: inserted.length, source: input.csv !== undefined ? "csv" : "generated" }, now);
    return { added: inserted.length, free };
  });
}

/** Points a reward at its new picture (already sanitised and stored); the old file is the caller's to remove. */
export async function setRewardImage(db: Database, actor: AuditActor, rewardId: string, image: string, now = new Date()): Promise<{ previous: string | null }> {
  return db.transaction(async (tx) => {
    const [reward] = await tx.select({ image: rewards.image }).from(rewards).where(eq(rewards.id, rewardId)).for("update");
    if (!reward) throw new ConsoleError("not-found", "rewardNotFound");
    await tx.update(rewards).set({ image }).where(eq(rewards.id, rewardId));
    await writeAudit(tx, actor, "reward.image", `reward:${rewardId}`, { image: reward.image }, { image }, now);
    return { previous: reward.image };
  });
}
