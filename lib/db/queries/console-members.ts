import "server-only";
import { and, asc, desc, eq, inArray, like, sql } from "drizzle-orm";
import { tierStanding } from "../../loyalty/tier-standing";
import type { Database, Tx } from "../connect";
import { coupons, ledgerEntries, rewards, members, orders, pushSubscriptions, referrals, conversations, taskSubmissions } from "../schema";
import { escapeLike } from "./audit";
import { cancelKey, reissueRequestId, type CouponWithdrawal } from "./coupons";
import { getProgramConfig } from "./program";
import { shopperWhere } from "../shoppers";
import { memberOrdersSql, memberTierFloorSql, parseMemberOrders, parseTierFloor } from "./tiers";

export type MemberHit = {
  id: string;
  email: string;
  name: string | null;
  shopCustomerId: string | null;
  balance: number;
  tierId: string | null;
  role: string;
  createdAt: Date;
};

/**
 * Staff search among shoppers (lib/db/shoppers.ts: staff only once they bought) over e-mail and name (prefix, case-insensitive), shop customer id and coupon code
 * (exact). Each branch is an index scan, so a short prefix on 100,000 members stays fast; pages of
 * `limit` ordered by e-mail, `hasMore` from one extra row.
 */
export async function searchMembers(db: Database, query: string, { limit = 25, offset = 0 } = {}): Promise<{ hits: MemberHit[]; hasMore: boolean }> {
  const q = query.trim().toLowerCase();
  const columns = {
    id: members.id,
    email: members.email,
    name: members.name,
    shopCustomerId: members.shopCustomerId,
    balance: members.pointsBalance,
    tierId: members.tierId,
    role: members.role,
    createdAt: members.createdAt,
  };
  let rows: MemberHit[];
  if (q === "") {
    rows = await db.select(columns).from(members).where(shopperWhere("members")).orderBy(desc(members.createdAt), asc(members.id)).limit(limit + 1).offset(offset);
  } else {
    const prefix = `${escapeLike(q)}%`;
    const ids = sql`(
      select id from members where email like ${prefix}
      union select id from members where lower(name) like ${prefix}
      union select id from members where shop_customer_id = ${query.trim()}
      union select member_id from coupons where code = ${query.trim().toUpperCase()}
    )`;
    rows = await db
      .select(columns)
      .from(members)
      .where(sql`${members.id} in ${ids} and ${shopperWhere("members")}`)
      .orderBy(asc(members.email))
      .limit(limit + 1)
      .offset(offset);
  }
  return { hits: rows.slice(0, limit), hasMore: rows.length > limit };
}


/**
 * Each coupon with what became of it beyond its own row: what support did to it, as coupons.ts
 * tells it (the refund's ledger row, the replacement's request id), so the console offers no action
 * on it; and the order that used it, with whether that order was refunded since (the coupon's points
 * do not come back then, but staff should see it).
 */
async function withWithdrawals<C extends { id: string; code: string; requestId: string; usedOrderId: string | null }>(
  db: Database,
  memberId: string,
  wallet: C[],
): Promise<(C & { withdrawn: CouponWithdrawal | null; usedOrderRefunded: boolean })[]> {
  const usedOrders = wallet.map((c) => c.usedOrderId).filter((id): id is string => id !== null);
  const [refunds, refundedOrders] = await Promise.all([
    db
      .select({ key: ledgerEntries.idempotencyKey })
      .from(ledgerEntries)
      .where(and(eq(ledgerEntries.memberId, memberId), like(ledgerEntries.idempotencyKey, cancelKey("%")))),
    usedOrders.length === 0
      ? []
      : db.select({ id: orders.shopOrderId }).from(orders).where(and(inArray(orders.shopOrderId, usedOrders), sql`${orders.refundedCents} > 0`)),
  ]);
  const cancelled = new Set(refunds.map((r) => r.key));
  const refunded = new Set(refundedOrders.map((o) => o.id));
  const replacements = new Map(wallet.map((c) => [c.requestId, c.code]));
  return wallet.map((coupon) => {
    const replacement = replacements.get(reissueRequestId(coupon.id));
    const withdrawn: CouponWithdrawal | null = cancelled.has(cancelKey(coupon.id)) ? { reason: "cancelled" } : replacement ? { reason: "replaced", code: replacement } : null;
    return { ...coupon, withdrawn, usedOrderRefunded: coupon.usedOrderId !== null && refunded.has(coupon.usedOrderId) };
  });
}

export async function getMemberDossier(db: Database, memberId: string, now = new Date()) {
  const config = await getProgramConfig(db);
  const [member] = await db
    .select({
      id: members.id,
      email: members.email,
      name: members.name,
      shopCustomerId: members.shopCustomerId,
      locale: members.locale,
      role: members.role,
      birthday: members.birthday,
      balance: members.pointsBalance,
      debt: members.pointsDebt,
      pushMuted: members.pushMuted,
      referralCode: members.referralCode,
      erasedAt: members.erasedAt,
      createdAt: members.createdAt,
      orders: memberOrdersSql(config.tierRule, now),
      floor: memberTierFloorSql,
    })
    .from(members)
    .where(eq(members.id, memberId));
  if (!member) return null;
  const [ledger, wallet, orderRows, invited, submissions, requests, devices] = await Promise.all([
    db.select().from(ledgerEntries).where(eq(ledgerEntries.memberId, memberId)).orderBy(desc(ledgerEntries.createdAt), desc(ledgerEntries.id)).limit(100),
    db.select().from(coupons).where(eq(coupons.memberId, memberId)).orderBy(desc(coupons.issuedAt)),
    db.select().from(orders).where(eq(orders.memberId, memberId)).orderBy(desc(orders.paidAt)).limit(50),
    db.select().from(referrals).where(eq(referrals.referrerId, memberId)).orderBy(desc(referrals.claimedAt)),
    db.select().from(taskSubmissions).where(eq(taskSubmissions.memberId, memberId)).orderBy(desc(taskSubmissions.createdAt)).limit(50),
    db.select().from(conversations).where(eq(conversations.memberId, memberId)).orderBy(desc(conversations.lastMessageAt)).limit(50),
    db.$count(pushSubscriptions, eq(pushSubscriptions.memberId, memberId)),
  ]);
  const standing = tierStanding(config.tierRule, config.tiers, parseMemberOrders(member.orders), now, parseTierFloor(member.floor));
  const { orders: _orders, floor: _floor, ...profile } = member;
  return { profile, standing, ledger, wallet: await withWithdrawals(db, memberId, wallet), orders: orderRows, referrals: invited, submissions, conversations: requests, pushDevices: devices };
}
export type MemberDossier = NonNullable<Awaited<ReturnType<typeof getMemberDossier>>>;

/** The member's balance, locked for the rest of the transaction; undefined when there is no such member. */
export async function lockMemberBalance(tx: Tx, memberId: string): Promise<{ balance: number } | undefined> {
  const [member] = await tx.select({ balance: members.pointsBalance }).from(members).where(eq(members.id, memberId)).for("update");
  return member;
}

/** Whether a ledger row with this idempotency key exists (a double submit). */
export async function hasLedgerRow(tx: Tx, idempotencyKey: string): Promise<boolean> {
  const [row] = await tx.select({ id: ledgerEntries.id }).from(ledgerEntries).where(eq(ledgerEntries.idempotencyKey, idempotencyKey));
  return row !== undefined;
}

/** A staff correction of a member's balance: an `adjust` row the shopper reads with its note. */
export async function insertAdjustment(
  tx: Tx,
  row: { memberId: string; delta: number; sourceRef: string; idempotencyKey: string; note: string; actorId: string | null; createdAt: Date },
): Promise<void> {
  await tx.insert(ledgerEntries).values({ ...row, kind: "adjust" });
}

export type CouponRow = typeof coupons.$inferSelect;

/** The coupon, locked for the rest of the transaction. */
export async function lockCoupon(tx: Tx, couponId: string): Promise<CouponRow | undefined> {
  const [coupon] = await tx.select().from(coupons).where(eq(coupons.id, couponId)).for("update");
  return coupon;
}

/** Ends a coupon's validity now: its code stops working. */
export async function expireCouponNow(tx: Tx, couponId: string, now: Date): Promise<void> {
  await tx.update(coupons).set({ expiresAt: now }).where(eq(coupons.id, couponId));
}

/** How many days a coupon of this reward is valid; undefined when the reward is gone. */
export async function rewardCouponValidDays(tx: Tx, rewardId: string): Promise<number | undefined> {
  const [reward] = await tx.select({ validDays: rewards.couponValidDays }).from(rewards).where(eq(rewards.id, rewardId));
  return reward?.validDays;
}

/** A replacement with the old coupon's member, reward, cost and terms under a new code; its id. */
export async function insertReplacementCoupon(tx: Tx, old: CouponRow, replacement: { code: string; requestId: string; issuedAt: Date; expiresAt: Date }): Promise<string> {
  const [row] = await tx
    .insert(coupons)
    .values({ memberId: old.memberId, rewardId: old.rewardId, pointsCost: old.pointsCost, terms: old.terms, ...replacement })
    .returning({ id: coupons.id });
  return row!.id;
}
