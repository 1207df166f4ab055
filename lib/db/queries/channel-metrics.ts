import "server-only";
// Insights by channel (docs/metrics.md, "By channel"): the period's orders, revenue and points
// online and in the store (booked at the till: orders.channel, generated from the order's id).
import { sql } from "drizzle-orm";
import { periodBounds, type Period } from "../../loyalty/metrics";
import type { Database } from "../connect";
import { orderChannels, type OrderChannel } from "../schema";
import { all, COUNTED_ORDER } from "./metrics";

export type ChannelFigures = { orders: number; revenue_cents: number; points: number };

/** Counted as the headline `orders` and `revenue_cents` are (by payment, fully refunded ones out); points net of clawbacks. */
export async function getChannelMetrics(db: Database, period: Period, timezone: string): Promise<Record<OrderChannel, ChannelFigures>> {
  const { start, end } = periodBounds(period, timezone);
  const rows = await all<{ channel: string; orders: unknown; revenue: unknown; points: unknown }>(
    db,
    sql`select o.channel, count(*) as orders, coalesce(sum(o.subtotal_cents - o.refunded_cents), 0) as revenue,
               coalesce(sum(o.points_earned - o.points_clawed_back), 0) as points
        from orders o where o.paid_at >= ${start} and o.paid_at < ${end} and ${COUNTED_ORDER}
        group by o.channel`,
  );
  const figures = (channel: OrderChannel): ChannelFigures => {
    const row = rows.find((r) => r.channel === channel);
    return { orders: Number(row?.orders ?? 0), revenue_cents: Number(row?.revenue ?? 0), points: Number(row?.points ?? 0) };
  };
  return Object.fromEntries(orderChannels.map((c) => [c, figures(c)])) as Record<OrderChannel, ChannelFigures>;
}
