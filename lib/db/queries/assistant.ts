// The orders the assistant reads for one shopper: the latest ones, and one they name.
import "server-only";
import { and, desc, eq } from "drizzle-orm";
import type { OrderFact } from "../../loyalty/assistant/facts";
import type { OrderLine } from "../../loyalty/earn-rule";
import type { Database } from "../connect";
import { orders } from "../schema";

const columns = { orderId: orders.shopOrderId, paidAt: orders.paidAt, subtotalCents: orders.subtotalCents, items: orders.items, pointsEarned: orders.pointsEarned, refundedCents: orders.refundedCents, pointsClawedBack: orders.pointsClawedBack };
const toFact = (row: { items: unknown } & Omit<OrderFact, "items">): OrderFact => ({ ...row, items: (Array.isArray(row.items) ? row.items : []) as OrderLine[] });

/** The member's latest paid orders, newest first. */
export async function recentOrderFacts(db: Database, memberId: string, limit = 10): Promise<OrderFact[]> {
  const rows = await db.select(columns).from(orders).where(eq(orders.memberId, memberId)).orderBy(desc(orders.paidAt)).limit(limit);
  return rows.map(toFact);
}

/** One of the member's orders by the number the shop gave it (never another member's). */
export async function orderFact(db: Database, memberId: string, shopOrderId: string): Promise<OrderFact | null> {
  const [row] = await db.select(columns).from(orders).where(and(eq(orders.memberId, memberId), eq(orders.shopOrderId, shopOrderId)));
  return row ? toFact(row) : null;
}
