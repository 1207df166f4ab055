// The reward catalog: rewards, their images and their pools of shop codes.
import "server-only";
import type { Database } from "../../db/connect";
import { writeAudit, type AuditActor } from "../../db/queries/audit";
import { countFreePoolCodes, insertPoolCodes, lockReward, rewardRow, tierExists, updateReward, upsertReward } from "../../db/queries/console-program";
import { ConsoleError } from "../../errors";
import { generateCouponCode, parseCodeList } from "../../loyalty/coupon-code";
import type { RewardDefinition } from "../../validations/console";
import { requireProgram } from "./shared";

/** Creates or changes a reward. Stock set here is the stock left from now on. */
export async function saveReward(db: Database, actor: AuditActor, definition: RewardDefinition, now = new Date()): Promise<{ created: boolean }> {
  const row = rewardRow(definition);
  return db.transaction(async (tx) => {
    await requireProgram(tx);
    if (row.minTierId && !(await tierExists(tx, row.minTierId))) throw new ConsoleError("refused", "unknownTier", { tier: row.minTierId });
    const before = await lockReward(tx, row.id);
    await upsertReward(tx, row);
    await writeAudit(tx, actor, before ? "reward.update" : "reward.create", `reward:${row.id}`, before ?? null, row, now);
    return { created: !before };
  });
}

/** The codes a console upload or request stands for: a shop's CSV list, or so many generated. */
function codesFrom(input: { csv?: string | undefined; generate?: number | undefined }): string[] {
  if (input.csv !== undefined) {
    const parsed = parseCodeList(input.csv);
    if (parsed.invalid.length > 0) throw new ConsoleError("refused", "invalidCodes", { lines: parsed.invalid.slice(0, 5).map((l) => `${l.line}: ${l.value}`).join(", ") });
    if (parsed.codes.length === 0) throw new ConsoleError("refused", "noCodes");
    return parsed.codes;
  }
  const codes = Array.from({ length: input.generate ?? 0 }, generateCouponCode);
  if (codes.length === 0) throw new ConsoleError("refused", "noCodes");
  return codes;
}

/**
 * Adds codes to a reward's pool (the shop's own, from CSV, or generated) and switches the reward
 * to the pool. A code already known anywhere is refused, so no code can be handed out twice.
 */
export async function addRewardCodes(db: Database, actor: AuditActor, input: { rewardId: string; csv?: string | undefined; generate?: number | undefined }, now = new Date()): Promise<{ added: number; free: number }> {
  const codes = codesFrom(input);
  return db.transaction(async (tx) => {
    const reward = await lockReward(tx, input.rewardId);
    if (!reward) throw new ConsoleError("not-found", "rewardNotFound");
    // The shopper chooses its amount: a shop's code of a fixed value cannot carry it.
    if (reward.kind === "points_off") throw new ConsoleError("refused", "codesNotForPointsOff");
    const inserted = await insertPoolCodes(tx, input.rewardId, codes);
    if (inserted.length < codes.length) {
      const fresh = new Set(inserted);
      // Thrown inside the transaction: the codes that were new are rolled back too.
      throw new ConsoleError("conflict", "duplicateCodes", { codes: codes.filter((c) => !fresh.has(c)).slice(0, 5).join(", ") });
    }
    await updateReward(tx, input.rewardId, { usesCodePool: true });
    const free = await countFreePoolCodes(tx, input.rewardId);
    await writeAudit(tx, actor, "reward.codes", `reward:${input.rewardId}`, { free: free - inserted.length }, { free, added: inserted.length, source: input.csv !== undefined ? "csv" : "generated" }, now);
    return { added: inserted.length, free };
  });
}

/** Points a reward at its new picture (already sanitised and stored); the old file is the caller's to remove. */
export async function setRewardImage(db: Database, actor: AuditActor, rewardId: string, image: string, now = new Date()): Promise<{ previous: string | null }> {
  return db.transaction(async (tx) => {
    const reward = await lockReward(tx, rewardId);
    if (!reward) throw new ConsoleError("not-found", "rewardNotFound");
    await updateReward(tx, rewardId, { image });
    await writeAudit(tx, actor, "reward.image", `reward:${rewardId}`, { image: reward.image }, { image }, now);
    return { previous: reward.image };
  });
}
