import "server-only";
import { and, eq, isNotNull, lt, sql } from "drizzle-orm";
import { isTierUp } from "../../loyalty/tiers";
import { relevantSince, tierStanding, type QualifyingOrder, type TierRule, type TierStanding } from "../../loyalty/tier-standing";
import type { Database, Tx } from "../connect";
import { members } from "../schema";
import { enqueueNotification } from "./notifications";
import { getProgramConfig, type ProgramTier } from "./program";

export type MemberOrder = QualifyingOrder & { id: string };
export type Standing = TierStanding<ProgramTier>;

/**
 * The member's orders that can still matter for tiers, net of refunds, as a JSON subquery on the
 * members row in scope: it rides along with a statement that reads the member anyway.
 */
export function memberOrdersSql(rule: TierRule, now: Date) {
  return sql<[string, number, number][]>`(select coalesce(json_agg(json_build_array(o.id, floor(extract(epoch from o.paid_at) * 1000), o.subtotal_cents - o.refunded_cents)), '[]'::json)
    from orders o where o.member_id = members.id and o.paid_at >= ${relevantSince(rule, now)})`;
}

export function parseMemberOrders(rows: [string, number, number][]): MemberOrder[] {
  return rows.map(([id, paidAtMs, netCents]) => ({ id, paidAt: new Date(Number(paidAtMs)), netCents: Number(netCents) }));
}

export async function getMemberStanding(db: Database, memberId: string, now = new Date()): Promise<{ standing: Standing; tiers: ProgramTier[] }> {
  const config = await getProgramConfig(db);
  const [row] = await db.select({ orders: memberOrdersSql(config.tierRule, now) }).from(members).where(eq(members.id, memberId));
  const standing = tierStanding(config.tierRule, config.tiers, parseMemberOrders(row?.orders ?? []), now);
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
    });
  }
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
      .select({ id: members.id, tierId: members.tierId, orders: memberOrdersSql(config.tierRule, now) })
      .from(members)
      .where(and(isNotNull(members.tierKeptUntil), lt(members.tierKeptUntil, now)))
      .limit(batch)
      .for("update", { skipLocked: true });
    for (const member of due) {
      const standing = tierStanding(config.tierRule, config.tiers, parseMemberOrders(member.orders), now);
      await tx
        .update(members)
        .set({ tierId: standing.tier?.id ?? null, tierKeptUntil: standing.keptUntil })
        .where(eq(members.id, member.id));
    }
    return due.length;
  });
}
