import "server-only";
import { and, asc, eq, gt, inArray, isNotNull, lt, sql } from "drizzle-orm";
import { isTierUp } from "../../loyalty/tiers";
import { relevantSince, tierStanding, type QualifyingOrder, type TierFloor, type TierRule, type TierStanding } from "../../loyalty/tier-standing";
import type { Database, Tx } from "../connect";
import { members } from "../schema";
import { enqueueNotification, type NewNotification } from "./notifications";
import { getProgramConfig, type ProgramConfig, type ProgramTier } from "./program";

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
  const told = tierUpNotification(tiers, memberId, previousTierId, standing, now);
  if (told) await enqueueNotification(tx, told);
}

/** The "welcome to your new tier" message for a step up from `previousTierId` to the standing's tier; null for none. */
export function tierUpNotification(tiers: ProgramTier[], memberId: string, previousTierId: string | null, standing: Standing, now: Date): NewNotification | null {
  if (!standing.tier || !isTierUp(tiers, previousTierId, standing.tier)) return null;
  return {
    memberId,
    category: "tier",
    kind: "tier_up",
    params: { tier_de: standing.tier.name.de, tier_en: standing.tier.name.en },
    url: "/tiers",
    dedupeKey: `tier-up:${standing.tier.id}:${now.toISOString().slice(0, 10)}`,
    at: now,
    channels: "push-or-email",
    source: TIER_UP_SOURCE,
  };
}

/** Tier-up messages are the tier_reached journey's (its switch in the console turns them off). */
export const TIER_UP_SOURCE = "journey:tier_reached";

/**
 * Records the tier each of these members holds by their orders now, without telling them (their
 * orders came in as history), with the rows locked; the standing is the one rule
 * (lib/loyalty/tier-standing.ts), so a repeat changes nothing. The number of members whose tier changed.
 */
export async function settleTiersIn(tx: Tx, config: Pick<ProgramConfig, "tierRule" | "tiers">, memberIds: readonly string[], now: Date): Promise<number> {
  const rows = await tx
    .select({ id: members.id, tierId: members.tierId, keptUntil: members.tierKeptUntil, orders: memberOrdersSql(config.tierRule, now), floor: memberTierFloorSql })
    .from(members)
    .where(inArray(members.id, [...memberIds]))
    .for("update");
  let changed = 0;
  for (const member of rows) {
    const standing = tierStanding(config.tierRule, config.tiers, parseMemberOrders(member.orders), now, parseTierFloor(member.floor));
    const tierId = standing.tier?.id ?? null;
    if (tierId === member.tierId && standing.keptUntil?.getTime() === member.keptUntil?.getTime()) continue;
    await setMemberTier(tx, member.id, { tierId, tierKeptUntil: standing.keptUntil });
    changed += 1;
  }
  return changed;
}

/** Writes a member's recorded tier, its guarantee and (when given) its floor. */
export async function setMemberTier(
  tx: Tx,
  memberId: string,
  values: { tierId: string | null; tierKeptUntil: Date | null; tierFloorId?: string | null; tierFloorUntil?: Date | null },
): Promise<void> {
  await tx.update(members).set(values).where(eq(members.id, memberId));
}

/** Up to `batch` members whose recorded tier guarantee has passed, with their orders and floor; claimed with SKIP LOCKED. */
export async function claimDueTierMembers(tx: Tx, rule: TierRule, now: Date, batch: number) {
  const rows = await tx
    .select({ id: members.id, tierId: members.tierId, orders: memberOrdersSql(rule, now), floor: memberTierFloorSql })
    .from(members)
    .where(and(isNotNull(members.tierKeptUntil), lt(members.tierKeptUntil, now)))
    .limit(batch)
    .for("update", { skipLocked: true });
  return rows.map((r) => ({ id: r.id, tierId: r.tierId, orders: parseMemberOrders(r.orders), floor: parseTierFloor(r.floor) }));
}

/** The next `batch` members with a recorded tier after id `after`, with their orders, locked. */
export async function lockTieredMembersAfter(tx: Tx, rule: TierRule, after: string, now: Date, batch: number) {
  const rows = await tx
    .select({ id: members.id, tierId: members.tierId, orders: memberOrdersSql(rule, now) })
    .from(members)
    .where(and(isNotNull(members.tierId), gt(members.id, after)))
    .orderBy(asc(members.id))
    .limit(batch)
    .for("update");
  return rows.map((r) => ({ id: r.id, tierId: r.tierId, orders: parseMemberOrders(r.orders) }));
}
