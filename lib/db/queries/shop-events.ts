import "server-only";
// The shop's events as rows: claiming an event id once, the result kept for it, and the member a
// shop customer is. What an event does is lib/server/orders/apply-shop-event.ts.
import { sql } from "drizzle-orm";
import type { TierFloor, TierRule } from "../../loyalty/tier-standing";
import type { Database, Tx } from "../connect";
import { runPrepared } from "../prepared";
import { shopEvents } from "../schema";
import { customerDetailsSet, memberStateSql, parseMemberState, type MemberState } from "./member-state";
import { memberOrdersSql, memberTierFloorSql, parseMemberOrders, parseTierFloor, type MemberOrder } from "./tiers";

/** An event id already claimed: its body hash and the result kept for it. */
export type Seen = [bodyHash: string, result: unknown];
export type ClaimedEvent = { id: string; type: string; bodyHash: string };
export type ShopCustomer = { id?: string; email: string; name?: string; birthday?: string };

/** Claims the event id; false when another delivery claimed it (committed by now: the claim waited for it). */
export async function claimEventId(tx: Tx, event: ClaimedEvent): Promise<boolean> {
  const claimed = await tx.insert(shopEvents).values({ id: event.id, type: event.type, bodyHash: event.bodyHash }).onConflictDoNothing().returning({ id: shopEvents.id });
  return claimed.length > 0;
}

/**
 * Locks the member the shop's customer id names, then claims the event id and, when claimed,
 * records the customer's details on the member and reads its state, in one statement. The member
 * is locked before the claim as in the direct order statements (writeKnownCustomerOrder): the
 * same event down both ways at once then waits for the other, where the opposite order would
 * deadlock. `member` null: the customer is not known by the shop's id (or nothing was claimed).
 */
export async function claimEventLockingCustomer(tx: Tx, event: ClaimedEvent, customer: ShopCustomer & { id: string }, tierRule: TierRule, now: Date): Promise<{ claimed: boolean; member: MemberState | null }> {
  const rows = await runPrepared<{ claimed: boolean; id: string | null; state: unknown }>(tx, "treue_event_claim", sql`
    with target as materialized (
      select members.id from members where members.shop_customer_id = ${customer.id} for update),
    claimed as (
      insert into shop_events (id, type, body_hash)
      select ${event.id}, ${event.type}, ${event.bodyHash} from (select count(*) from target) as member_locked_first
      on conflict do nothing returning id),
    known as (
      update members set ${customerDetailsSet(customer)}
      where members.id = (select id from target) and exists (select 1 from claimed)
      returning members.id, ${memberStateSql(sql`members.id`, tierRule, now)} as state)
    select exists (select 1 from claimed) as claimed, known.id, known.state from (select 1) as one left join known on true`);
  const row = rows[0]!;
  return { claimed: row.claimed, member: row.id ? parseMemberState(row.id, row.state) : null };
}

/**
 * The member for a shop customer not known by the shop's id: found by e-mail (claiming it for
 * this id) or made new, row-locked, with its state.
 */
export async function upsertShopCustomer(tx: Tx, customer: ShopCustomer, tierRule: TierRule, now: Date): Promise<MemberState> {
  const rows = await runPrepared<{ id: string; state: unknown }>(tx, "treue_shop_customer_upsert", sql`
    insert into members (email, name, birthday, shop_customer_id)
    values (${customer.email}, ${customer.name ?? null}, ${customer.birthday ?? null}, ${customer.id ?? null})
    on conflict (email) do update set
      shop_customer_id = coalesce(members.shop_customer_id, excluded.shop_customer_id),
      name = coalesce(members.name, excluded.name),
      birthday = coalesce(excluded.birthday, members.birthday),
      updated_at = now()
    returning members.id, ${memberStateSql(sql`members.id`, tierRule, now)} as state`);
  return parseMemberState(rows[0]!.id, rows[0]!.state);
}

/** Replaces the result kept for an event id (answered to its re-deliveries). */
export async function keepEventResult(db: Database | Tx, eventId: string, result: unknown): Promise<void> {
  await db.execute(sql`update shop_events set result = ${JSON.stringify(result)}::jsonb where id = ${eventId}`);
}

/** The claim of an event id another delivery made (committed by now: the claim waited for it). */
export async function readSeen(db: Database | Tx, eventId: string): Promise<Seen | null> {
  const [row] = await runPrepared<{ seen: Seen }>(db, "treue_event_seen", sql`select jsonb_build_array(body_hash, result) as seen from shop_events where id = ${eventId}`);
  return row?.seen ?? null;
}

export type ShopCustomerRow = { id: string; balance: number; orders: MemberOrder[]; floor: TierFloor | null };

/** The member a shop customer id names: balance, the orders the tier window counts, the tier floor. */
export async function readShopCustomer(db: Database, shopCustomerId: string, tierRule: TierRule, now: Date): Promise<ShopCustomerRow | null> {
  // Every shop asks this on its checkout and account pages: prepared, planned once per connection.
  const [member] = await runPrepared<{ id: string; balance: number; orders: [string, number, number][]; floor: [string | null, number | null] }>(
    db,
    "treue_shop_customer",
    sql`select members.id, members.points_balance as balance, ${memberOrdersSql(tierRule, now)} as orders, ${memberTierFloorSql} as floor
        from members where members.shop_customer_id = ${shopCustomerId}`,
  );
  return member ? { id: member.id, balance: member.balance, orders: parseMemberOrders(member.orders), floor: parseTierFloor(member.floor) } : null;
}
