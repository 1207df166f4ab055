import "server-only";
// The statements of an order.refunded event, each inside the caller's transaction (what a refund
// takes back is decided in lib/server/orders/order-refunded.ts).
import { eq, sql } from "drizzle-orm";
import { orderSource, refundKey } from "../../loyalty/ledger-keys";
import type { TierRule } from "../../loyalty/tier-standing";
import type { Tx } from "../connect";
import { ledgerEntries, members, orders } from "../schema";
import { memberStateSql, parseMemberState, type MemberState } from "./member-state";

/** The order the shop calls `shopOrderId`, row-locked; undefined when Treue has no such paid order. */
export async function lockOrderByShopId(tx: Tx, shopOrderId: string) {
  const [order] = await tx.select().from(orders).where(eq(orders.shopOrderId, shopOrderId)).for("update");
  return order;
}

/** Locks the member by an UPDATE, so its state is read after the lock (see member-state.ts); null when it is gone. */
export async function lockMemberState(tx: Tx, memberId: string, tierRule: TierRule, now: Date): Promise<MemberState | null> {
  const { rows } = (await tx.execute(sql`
    update members set updated_at = updated_at where id = ${memberId}
    returning ${memberStateSql(sql`members.id`, tierRule, now)} as state`)) as unknown as { rows: { state: unknown }[] };
  return rows[0] ? parseMemberState(memberId, rows[0].state) : null;
}

/** What has been refunded of the order in all, and the points taken back for it in all. */
export async function recordOrderRefund(tx: Tx, orderId: string, refundedCents: number, pointsClawedBack: number): Promise<void> {
  await tx.update(orders).set({ refundedCents, pointsClawedBack }).where(eq(orders.id, orderId));
}

/** Takes `points` back from the balance (a refund_clawback row, once per refund event). */
export async function clawBackPoints(tx: Tx, memberId: string, points: number, shopOrderId: string, refundEventId: string): Promise<void> {
  await tx.insert(ledgerEntries).values({ memberId, delta: -points, kind: "refund_clawback", sourceRef: orderSource(shopOrderId), idempotencyKey: refundKey(refundEventId) });
}

/** Adds what the balance could not cover to the member's debt (the next orders pay it off). */
export async function addPointsDebt(tx: Tx, memberId: string, points: number): Promise<void> {
  await tx
    .update(members)
    .set({ pointsDebt: sql`${members.pointsDebt} + ${points}` })
    .where(eq(members.id, memberId));
}
