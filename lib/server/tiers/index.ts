// Tiers kept current: settling what imported history makes, the daily look at guarantees that
// passed, and the look at every member after the shop changed its tiers. Each batch is its own
// transaction, so a large program holds no long lock. The SQL is lib/db/queries/tiers.ts; what
// an order does to a tier is recorded inside the order's transaction (recordTier there).
import "server-only";
import type { Database } from "../../db/connect";
import { getProgramConfig } from "../../db/queries/program";
import { claimDueTierMembers, lockTieredMembersAfter, setMemberTier, settleTiersIn } from "../../db/queries/tiers";
import { tierFloorAfterChange, tierStanding } from "../../loyalty/tier-standing";

/**
 * Records the tier each of these members holds by their orders now, without telling them (their
 * orders came in as history: an import). In batches, each its own transaction with the rows
 * locked; the standing is the one rule (lib/loyalty/tier-standing.ts), so a repeat changes nothing.
 */
export async function settleTiersOf(db: Database, memberIds: readonly string[], now = new Date(), batch = 500): Promise<number> {
  const config = await getProgramConfig(db);
  if (config.tiers.length === 0) return 0;
  let changed = 0;
  for (let i = 0; i < memberIds.length; i += batch) {
    const ids = memberIds.slice(i, i + batch);
    changed += await db.transaction((tx) => settleTiersIn(tx, config, ids, now));
  }
  return changed;
}

/**
 * Re-derives the tiers whose recorded guarantee has passed: downgrades after grace, or a later
 * date for members who still qualify. Rows are claimed with SKIP LOCKED so several instances
 * share the work; the standing is a pure function of the orders, so a repeat changes nothing.
 */
export async function refreshDueTiers(db: Database, now = new Date(), batch = 200): Promise<number> {
  const config = await getProgramConfig(db);
  return db.transaction(async (tx) => {
    const due = await claimDueTierMembers(tx, config.tierRule, now, batch);
    for (const member of due) {
      const standing = tierStanding(config.tierRule, config.tiers, member.orders, now, member.floor);
      await setMemberTier(tx, member.id, { tierId: standing.tier?.id ?? null, tierKeptUntil: standing.keptUntil });
    }
    return due.length;
  });
}

/**
 * After the shop changed its tiers or their rule: every member with a recorded tier is looked at
 * again. Upgrades are recorded at once; whoever the new rules would demote keeps the recorded tier
 * as a floor for the grace period. In batches, each its own transaction, so a large program does
 * not hold one long lock.
 */
export async function reevaluateTiers(db: Database, now = new Date(), batch = 500): Promise<{ members: number; floors: number }> {
  const config = await getProgramConfig(db);
  let after = "00000000-0000-0000-0000-000000000000";
  let seen = 0;
  let floors = 0;
  for (;;) {
    const done = await db.transaction(async (tx) => {
      const rows = await lockTieredMembersAfter(tx, config.tierRule, after, now, batch);
      for (const member of rows) {
        const standing = tierStanding(config.tierRule, config.tiers, member.orders, now);
        const floor = tierFloorAfterChange(config.tierRule, config.tiers, member.tierId, standing, now);
        if (floor) floors += 1;
        const kept = floor ? tierStanding(config.tierRule, config.tiers, member.orders, now, floor) : standing;
        await setMemberTier(tx, member.id, { tierId: kept.tier?.id ?? null, tierKeptUntil: kept.keptUntil, tierFloorId: floor?.tierId ?? null, tierFloorUntil: floor?.until ?? null });
      }
      seen += rows.length;
      if (rows.length > 0) after = rows.at(-1)!.id;
      return rows.length < batch;
    });
    if (done) return { members: seen, floors };
  }
}
