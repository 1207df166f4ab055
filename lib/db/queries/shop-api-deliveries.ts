import "server-only";
// What became of the deliveries to POST /api/v1/events, for Connections: the shop events applied
// (shop_events, read only here) and the deliveries that applied nothing new (shop_api_deliveries).
// A shop replaying an event, or sending test after test, must not flood the log: a repeated event
// id with the same outcome is one row with a count and the last time seen, and the log keeps its
// latest rows only.
import { and, desc, notLike, sql } from "drizzle-orm";
import { CONNECTOR_EVENT_ID_PREFIXES } from "../../loyalty/shop-event-ids";
import type { Database } from "../connect";
import { runPrepared } from "../prepared";
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
  /** How often this event id got this outcome; `at` is the last time (an applied event: 1). */
  count: number;
};

/** A delivery log row is kept this long, and only the latest ones; the shop events themselves are kept for good. */
const KEEP_DAYS = 30;
export const SHOP_API_DELIVERIES_KEPT = 1_000;

/**
 * Logs a delivery that applied nothing new (a duplicate, a refusal after the signature checked out,
 * a test). The same event id with the same outcome again counts up its row, with the latest type,
 * status and detail.
 */
export async function recordShopApiDelivery(
  db: Database,
  delivery: { eventId: string; type: string; outcome: Exclude<ShopApiDeliveryOutcome, "applied">; status: number; detail: string | null },
  now = new Date(),
): Promise<void> {
  const row = {
    eventId: storable(delivery.eventId, 128),
    type: storable(delivery.type, 64),
    outcome: delivery.outcome,
    status: delivery.status,
    detail: delivery.detail === null ? null : storable(delivery.detail, 1_000),
    receivedAt: now,
  };
  // One named statement: every re-delivery of an event a shop retries passes here, and it waits
  // for this before it is answered. The trims cannot see the row this statement writes (one
  // snapshot), so they spare it by id and keep the latest others beside it. They skip rows another
  // delivery is counting up (two trims waiting on each other's rows would deadlock), and what
  // they delete must still be old when locked: a row counted up meanwhile is re-checked against
  // its new time (a bare id list would delete it).
  await runPrepared(db, "treue_shop_api_delivery_log", sql`
    with logged as (
      insert into shop_api_deliveries (event_id, type, outcome, status, detail, received_at)
      values (${row.eventId}, ${row.type}, ${row.outcome}, ${row.status}, ${row.detail}::text, ${row.receivedAt})
      on conflict (event_id, outcome) do update set
        type = excluded.type, status = excluded.status, detail = excluded.detail, received_at = excluded.received_at, count = shop_api_deliveries.count + 1
      returning id),
    aged as (
      delete from shop_api_deliveries where id in (
        select id from shop_api_deliveries
        where received_at < ${new Date(now.getTime() - KEEP_DAYS * 86_400_000)} and id not in (select id from logged)
        for update skip locked))
    delete from shop_api_deliveries where id in (
      select id from shop_api_deliveries
      where id not in (select id from logged) and (received_at, id) < (
        select received_at, id from shop_api_deliveries where id not in (select id from logged)
        order by received_at desc, id desc offset ${SHOP_API_DELIVERIES_KEPT - 2} limit 1)
      for update skip locked)`);
}

/**
 * A refused body's id, type and the detail quoting it are the shop's bytes: PostgreSQL text holds
 * neither NUL nor a lone surrogate, so those become U+FFFD (a log line must never turn into a 500).
 */
function storable(text: string, max: number): string {
  return text.slice(0, max).toWellFormed().replaceAll("\u0000", "\uFFFD");
}

/** The latest deliveries to the shop API, newest first. */
export async function listShopApiDeliveries(db: Database, limit = 50): Promise<ShopApiDelivery[]> {
  const [applied, logged] = await Promise.all([
    db
      .select({ id: shopEvents.id, type: shopEvents.type, result: shopEvents.result, createdAt: shopEvents.createdAt })
      .from(shopEvents)
      .where(and(...CONNECTOR_EVENT_ID_PREFIXES.map((prefix) => notLike(shopEvents.id, `${prefix}%`))))
      .orderBy(desc(shopEvents.createdAt))
      .limit(limit),
    db.select().from(shopApiDeliveries).orderBy(desc(shopApiDeliveries.receivedAt), desc(shopApiDeliveries.id)).limit(limit),
  ]);
  const deliveries: ShopApiDelivery[] = [
    ...applied.map((e) => ({ at: e.createdAt, eventId: e.id, type: e.type, outcome: "applied" as const, detail: null, pointsDelta: pointsOf(e.result), count: 1 })),
    ...logged.map((d) => ({ at: d.receivedAt, eventId: d.eventId, type: d.type, outcome: d.outcome, detail: d.detail, pointsDelta: null, count: d.count })),
  ];
  return deliveries.sort((a, b) => b.at.getTime() - a.at.getTime()).slice(0, limit);
}

function pointsOf(result: unknown): number | null {
  const points = (result as { points_delta?: unknown } | null)?.points_delta;
  return typeof points === "number" ? points : null;
}
