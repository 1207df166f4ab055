import "server-only";
// The till's reads and its one small write (lib/server/till): the member a card names with what
// the till shows of them, a coupon by its code, a receipt already booked, and the stores' names as
// the tills typed them (app_settings "till.stores", the store id → its name), so the shopper's
// history says "Einkauf im Laden · Laden Mitte" rather than the id.
import { and, desc, eq, gt, isNull, sql, type SQLWrapper } from "drizzle-orm";
import { tierStanding } from "../../loyalty/tier-standing";
import type { Database } from "../connect";
import { appSettings, coupons, members, orders, shopEvents, type LocalizedText } from "../schema";
import { getProgramConfig } from "./program";
import { memberOrdersSql, memberTierFloorSql, parseMemberOrders, parseTierFloor } from "./tiers";

export const TILL_STORES_KEY = "till.stores";

/** A coupon as the till lists it. */
export type TillCoupon = { id: string; code: string; name: LocalizedText; expiresAt: string };

/** The member as the till shows them: who, their tier and balance, their coupons that can be redeemed now. */
export type TillMember = {
  id: string;
  name: string | null;
  email: string;
  memberNumber: string | null;
  balance: number;
  tier: { id: string; name: LocalizedText } | null;
  coupons: TillCoupon[];
};

export async function getTillMember(db: Database, memberId: string, now: Date): Promise<TillMember | null> {
  const config = await getProgramConfig(db);
  const [member] = await db
    .select({
      id: members.id,
      name: members.name,
      email: members.email,
      memberNumber: members.memberNumber,
      balance: members.pointsBalance,
      orders: memberOrdersSql(config.tierRule, now),
      floor: memberTierFloorSql,
    })
    .from(members)
    .where(and(eq(members.id, memberId), isNull(members.erasedAt)));
  if (!member) return null;
  const standing = tierStanding(config.tierRule, config.tiers, parseMemberOrders(member.orders), now, parseTierFloor(member.floor));
  // Active: not used, not expired (a cancelled or replaced coupon ends at once), its discount live in the shop.
  const active = await db
    .select({ id: coupons.id, code: coupons.code, terms: coupons.terms, expiresAt: coupons.expiresAt })
    .from(coupons)
    .where(and(eq(coupons.memberId, memberId), isNull(coupons.usedAt), gt(coupons.expiresAt, now), sql`coalesce(${coupons.shopStatus}, 'active') not in ('pending', 'failed')`))
    .orderBy(coupons.expiresAt);
  return {
    id: member.id,
    name: member.name,
    email: member.email,
    memberNumber: member.memberNumber,
    balance: member.balance,
    tier: standing.tier ? { id: standing.tier.id, name: standing.tier.name } : null,
    coupons: active.map((c) => ({ id: c.id, code: c.code, name: c.terms.name, expiresAt: c.expiresAt.toISOString() })),
  };
}

/** What booking an order for the member needs: how the shop's order path finds them. Erased members are gone. */
export async function getMemberForBooking(db: Database, memberId: string) {
  const [row] = await db.select({ id: members.id, email: members.email, shopCustomerId: members.shopCustomerId }).from(members).where(and(eq(members.id, memberId), isNull(members.erasedAt)));
  return row ?? null;
}

/** The coupon with this code and whose it is (the till redeems a code shown from a phone). */
export async function findTillCoupon(db: Database, code: string) {
  const [row] = await db.select({ id: coupons.id, code: coupons.code, memberId: coupons.memberId }).from(coupons).where(eq(coupons.code, code));
  return row ?? null;
}

/** When a receipt was booked, if it was: the order's payment, else the event's arrival (a claim not yet written as an order). */
export async function receiptBookedAt(db: Database, orderId: string): Promise<Date | null> {
  const [order] = await db.select({ at: orders.paidAt }).from(orders).where(eq(orders.shopOrderId, orderId));
  if (order) return order.at;
  const [event] = await db.select({ at: shopEvents.createdAt }).from(shopEvents).where(eq(shopEvents.id, orderId)).orderBy(desc(shopEvents.createdAt));
  return event?.at ?? null;
}

/** Keeps the store's name as the till typed it last (one row for all stores; a concurrent till's name is merged, not lost). */
export async function rememberStoreName(db: Database, slug: string, name: string): Promise<void> {
  const entry = JSON.stringify({ [slug]: name });
  await db
    .insert(appSettings)
    .values({ key: TILL_STORES_KEY, value: sql`${entry}::jsonb` })
    .onConflictDoUpdate({ target: appSettings.key, set: { value: sql`${appSettings.value} || ${entry}::jsonb` } });
}

/** The stores' names by their id part (empty before the first booking). */
export async function getStoreNames(db: Database): Promise<Record<string, string>> {
  const [row] = await db.select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.key, TILL_STORES_KEY));
  return (row?.value as Record<string, string> | undefined) ?? {};
}

/** SQL: the name of the store an order id (a column or expression) names, null for an online order. */
export function storeNameSql(orderId: SQLWrapper) {
  return sql<string | null>`case when ${orderId} like 'store:%' then (select s.value ->> split_part(${orderId}, ':', 2) from app_settings s where s.key = ${TILL_STORES_KEY}) end`;
}
