import "server-only";
// What became of the deliveries to POST /api/v1/events, for Connections: the shop events applied
// (shop_events, read only here) and the deliveries that applied nothing new (shop_api_deliveries).
import { and, desc, lt, notLike } from "drizzle-orm";
import type { Database } from "../connect";
import { shopApiDeliveries, shopEvents } from "../schema";

export type ShopApiDeliveryOutcome = "applied" | (typeof shopApiDeliveries.$inferInsert)["outcome"];

export type ShopApiDelivery = {
  at: Date;
  eventId: string;
  type: string;
  outcome: ShopApiDeliveryOutcome;
  /** Why it was refused (the problem's detail), or what a duplicate or test was answered. */
  detail: string | null;
  /** An applied event's points for its member. */
  pointsDelta: number | null;
};

/** A delivery log row is kept this long; the shop events themselves are kept for good. */
const KEEP_DAYS = 30;

/** Logs a delivery that applied nothing new (a duplicate, a refusal after the signature checked out, a test). */
export async function recordShopApiDelivery(
  db: Database,
  delivery: { eventId: string; type: string; outcome: Exclude<ShopApiDeliveryOutcome, "applied">; status: number; detail: string | null },
  now = new Date(),
): Promise<void> {
  await db.insert(shopApiDeliveries).values({
    eventId: storable(delivery.eventId, 128),
    type: storable(delivery.type, 64),
    outcome: delivery.outcome,
    status: delivery.status,
    detail: delivery.detail === null ? null : storable(delivery.detail, 1_000),
    receivedAt: now,
  });
  await db.delete(shopApiDeliveries).where(lt(shopApiDeliveries.receivedAt, new Date(now.getTime() - KEEP_DAYS * 86_400_000)));
}

/**
 * A refused body's id, type and the detail quoting it are the shop's bytes: PostgreSQL text holds
 * neither NUL nor a lone surrogate, so those become U+FFFD (a log line must never turn into a 500).
 */
function storable(text: string, max: number): string {
  return text.slice(0, max).toWellFormed().replaceAll("\u0000", "\uFFFD");
}

/** Events the platform connectors applied carry their platform's prefix (lib/connectors/*): not the shop API's. */
const CONNECTOR_EVENT_PREFIXES = ["shopify:", "woocommerce:", "shopware:"];

/** The latest deliveries to the shop API, newest first. */
export async function listShopApiDeliveries(db: Database, limit = 50): Promise<ShopApiDelivery[]> {
  const [applied, logged] = await Promise.all([
    db
      .select({ id: shopEvents.id, type: shopEvents.type, result: shopEvents.result, createdAt: shopEvents.createdAt })
      .from(shopEvents)
      .where(and(...CONNECTOR_EVENT_PREFIXES.map((prefix) => notLike(shopEvents.id, `${prefix}%`))))
      .orderBy(desc(shopEvents.createdAt))
      .limit(limit),
    db.select().from(shopApiDeliveries).orderBy(desc(shopApiDeliveries.receivedAt), desc(shopApiDeliveries.id)).limit(limit),
  ]);
  const deliveries: ShopApiDelivery[] = [
    ...applied.map((e) => ({ at: e.createdAt, eventId: e.id, type: e.type, outcome: "applied" as const, detail: null, pointsDelta: pointsOf(e.result) })),
    ...logged.map((d) => ({ at: d.receivedAt, eventId: d.eventId, type: d.type, outcome: d.outcome, detail: d.detail, pointsDelta: null })),
  ];
  return deliveries.sort((a, b) => b.at.getTime() - a.at.getTime()).slice(0, limit);
}

function pointsOf(result: unknown): number | null {
  const points = (result as { points_delta?: unknown } | null)?.points_delta;
  return typeof points === "number" ? points : null;
}
