import "server-only";
import { and, asc, eq, gt, inArray, isNotNull, lt, sql } from "drizzle-orm";
import { isTierUp } from "../../loyalty/tiers";
import { relevantSince, tierFloorAfterChange, tierStanding, type QualifyingOrder, type TierFloor, type TierRule, type TierStanding } from "../../loyalty/tier-standing";
import type { Database, Tx } from "../connect";
import { members } from "../schema";
import { enqueueNotification } from "./notifications";
import { getProgramConfig, type ProgramTier } from "./program";

export type MemberOrder = QualifyingOrder & { id: string };
export type Standing = TierStanding<ProgramTier>;

/**
 * The member's orders that can still matter for tiers, net of refunds, as a column on the members
 * row in scope (the database function treue_member_orders, migration 0011): it rides along with a
 * statement that reads the member anyway.
 */
export function memberOrdersSql(rule: TierRule, now: Date) {
  return sql<[string, number, number][]>`treue_member_orders(members.id, ${relevantSince(rule, now)})`;
}

/** The member row's tier floor (lib/loyalty/tier-standing TierFloor), as a column beside memberOrdersSql. */
export const memberTierFloorSql = sql<[string | null, number | null]>`json_build_array(members.tier_floor_id, floor(extract(epoch from members.tier_floor_until) * 1000))`;

export function parseTierFloor(raw: [string | null, number | null] | null | undefined): TierFloor | null {
  if (!raw || raw[0] === null || raw[1] === null) return null;
  return { tierId: raw[0], until: new Date(Number(raw[1])) };
}

export function parseMemberOrders(rows: [string, number, number][]): MemberOrder[] {
  return rows.map(([id, paidAtMs, netCents]) => ({ id, paidAt: new Date(Number(paidAtMs)), netCents: Number(netCents) }));
}

export async function getMemberStanding(db: Database, memberId: string, now = new Date()): Promise<{ standing: Standing; tiers: ProgramTier[] }> {
  const config = await getProgramConfig(db);
  const [row] = await db.select({ orders: memberOrdersSql(config.tierRule, now), floor: memberTierFloorSql }).from(members).where(eq(members.id, memberId));
  const standing = tierStanding(config.tierRule, config.tiers, parseMemberOrders(row?.orders ?? []), now, parseTierFloor(row?.floor));
  return { standing, tiers: config.tiers };
}

/**
 * Records the standing on the member row when its tier changed (the caller holds the row lock),
 * and queues the "welcome to your new tier" push for a step up.
 */
export async function recordTier(tx: Tx | Database, tiers: ProgramTier[], memberId: string, previousTierId: string | null, standing: Standing, now: Date) {
  const tierId = standing.tier?.id ?? null;
  if (tierId === previousTierId) return;
  await tx.update(members).set({ tierId, tierKeptUntil: standing.keptUntil }).where(eq(members.id, memberId));
  if (standing.tier && isTierUp(tiers, previousTierId, standing.tier)) {
    await enqueueNotification(tx, {
      memberId,
      category: "tier",
      kind: "tier_up",
      params: { tier_de: standing.tier.name.de, tier_en: standing.tier.name.en },
      url: "/tiers",
      dedupeKey: `tier-up:${standing.tier.id}:${now.toISOString().slice(0, 10)}`,
      at: now,
      channels: "push-or-email",
      source: "journey:tier_reached",
    });
  }
}

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
    changed += await db.transaction(async (tx) => {
      const rows = await tx
        .select({ id: members.id, tierId: members.tierId, keptUntil: members.tierKeptUntil, orders: memberOrdersSql(config.tierRule, now), floor: memberTierFloorSql })
        .from(members)
        .where(inArray(members.id, ids))
        .for("update");
      let n = 0;
      for (const member of rows) {
        const standing = tierStanding(config.tierRule, config.tiers, parseMemberOrders(member.orders), now, parseTierFloor(member.floor));
        const tierId = standing.tier?.id ?? null;
        if (tierId === member.tierId && standing.keptUntil?.getTime() === member.keptUntil?.getTime()) continue;
        await tx.update(members).set({ tierId, tierKeptUntil: standing.keptUntil }).where(eq(members.id, member.id));
        n += 1;
      }
      return n;
    });
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
    const due = await tx
      .select({ id: members.id, tierId: members.tierId, orders: memberOrdersSql(config.tierRule, now), floor: memberTierFloorSql })
      .from(members)
      .where(and(isNotNull(members.tierKeptUntil), lt(members.tierKeptUntil, now)))
      .limit(batch)
      .for("update", { skipLocked: true });
    for (const member of due) {
      const standing = tierStanding(config.tierRule, config.tiers, parseMemberOrders(member.orders), now, parseTierFloor(member.floor));
      await tx
        .update(members)
        .set({ tierId: standing.tier?.id ?? null, tierKeptUntil: standing.keptUntil })
        .where(eq(members.id, member.id));
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
      const rows = await tx
        .select({ id: members.id, tierId: members.tierId, orders: memberOrdersSql(config.tierRule, now) })
        .from(members)
        .where(and(isNotNull(members.tierId), gt(members.id, after)))
        .orderBy(asc(members.id))
        .limit(batch)
        .for("update");
      for (const member of rows) {
        const standing = tierStanding(config.tierRule, config.tiers, parseMemberOrders(member.orders), now);
        const floor = tierFloorAfterChange(config.tierRule, config.tiers, member.tierId, standing, now);
        if (floor) floors += 1;
        const kept = floor ? tierStanding(config.tierRule, config.tiers, parseMemberOrders(member.orders), now, floor) : standing;
        await tx
          .update(members)
          .set({ tierId: kept.tier?.id ?? null, tierKeptUntil: kept.keptUntil, tierFloorId: floor?.tierId ?? null, tierFloorUntil: floor?.until ?? null })
          .where(eq(members.id, member.id));
      }
      seen += rows.length;
      if (rows.length > 0) after = rows.at(-1)!.id;
      return rows.length < batch;
    });
    if (done) return { members: seen, floors };
  }
}
