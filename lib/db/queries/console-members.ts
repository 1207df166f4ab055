import "server-only";
import { and, asc, desc, eq, inArray, like, sql } from "drizzle-orm";
import { ConsoleError } from "../../errors";
import { generateCouponCode } from "../../loyalty/coupon-code";
import { couponExpiry } from "../../loyalty/rewards";
import { tierStanding } from "../../loyalty/tier-standing";
import type { Database } from "../connect";
import { coupons, ledgerEntries, rewards, members, orders, pushSubscriptions, referrals, supportRequests, taskSubmissions } from "../schema";
import { escapeLike, writeAudit, type AuditActor } from "./audit";
import { cancelKey, couponWithdrawal, reissueRequestId, type CouponWithdrawal } from "./coupons";
import { endShopDiscount, holdForShop } from "./shop-discounts";
import type { ConnectorPlatform } from "../../connectors/types";
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
    db.select().from(supportRequests).where(eq(supportRequests.memberId, memberId)).orderBy(desc(supportRequests.createdAt)),
    db.$count(pushSubscriptions, eq(pushSubscriptions.memberId, memberId)),
  ]);
  const standing = tierStanding(config.tierRule, config.tiers, parseMemberOrders(member.orders), now, parseTierFloor(member.floor));
  const { orders: _orders, floor: _floor, ...profile } = member;
  return { profile, standing, ledger, wallet: await withWithdrawals(db, memberId, wallet), orders: orderRows, referrals: invited, submissions, requests, pushDevices: devices };
}
export type MemberDossier = NonNullable<Awaited<ReturnType<typeof getMemberDossier>>>;

/**
 * A manual correction of the balance: one `adjust` ledger row with staff's reason, which the
 * shopper reads in their history. Never overdraws (the balance is locked, then checked); the
 * request id makes a double submit one adjustment.
 */
export async function adjustPoints(
  db: Database,
  actor: AuditActor,
  input: { memberId: string; points: number; reason: string; requestId: string },
  now = new Date(),
): Promise<{ balance: number; duplicate: boolean }> {
  return db.transaction(async (tx) => {
    const [member] = await tx.select({ balance: members.pointsBalance }).from(members).where(eq(members.id, input.memberId)).for("update");
    if (!member) throw new ConsoleError("not-found", "memberNotFound");
    const key = `adjust:${input.requestId}`;
    const [earlier] = await tx.select({ id: ledgerEntries.id }).from(ledgerEntries).where(eq(ledgerEntries.idempotencyKey, key));
    if (earlier) return { balance: member.balance, duplicate: true };
    const after = member.balance + input.points;
    if (after < 0) throw new ConsoleError("refused", "adjustOverdraw", { balance: member.balance, points: -input.points });
    await tx.insert(ledgerEntries).values({
      memberId: input.memberId,
      delta: input.points,
      kind: "adjust",
      sourceRef: `staff:${actor.email}`,
      idempotencyKey: key,
      note: input.reason,
      actorId: actor.id,
      createdAt: now,
    });
    await writeAudit(tx, actor, "member.adjust", `member:${input.memberId}`, { balance: member.balance }, { balance: after, points: input.points, reason: input.reason }, now);
    return { balance: after, duplicate: false };
  });
}

/**
 * Cancels an unused coupon; its points go back to the member (a ledger row, audited). A coupon
 * already cancelled, or replaced by a reissued code, is refused: its points were paid out once.
 */
export async function cancelCoupon(db: Database, actor: AuditActor, couponId: string, reason: string, now = new Date()): Promise<void> {
  await db.transaction(async (tx) => {
    const [coupon] = await tx.select().from(coupons).where(eq(coupons.id, couponId)).for("update");
    if (!coupon) throw new ConsoleError("not-found", "couponNotFound");
    if (coupon.usedAt) throw new ConsoleError("conflict", "couponUsed");
    const withdrawn = await couponWithdrawal(tx, coupon);
    if (withdrawn?.reason === "cancelled") throw new ConsoleError("conflict", "couponCancelled");
    if (withdrawn?.reason === "replaced") throw new ConsoleError("conflict", "couponReissued", { code: withdrawn.code });
    if (coupon.expiresAt <= now) throw new ConsoleError("conflict", "couponExpired");
    await tx.update(coupons).set({ expiresAt: now }).where(eq(coupons.id, couponId));
    await endShopDiscount(tx, couponId, now);
    await tx.insert(ledgerEntries).values({
      memberId: coupon.memberId,
      delta: coupon.pointsCost,
      kind: "adjust",
      sourceRef: `coupon:${coupon.code}`,
      idempotencyKey: cancelKey(coupon.id),
      note: reason,
      actorId: actor.id,
      createdAt: now,
    });
    await writeAudit(tx, actor, "coupon.cancel", `member:${coupon.memberId}`, { coupon: coupon.code, expiresAt: coupon.expiresAt }, { coupon: coupon.code, expiresAt: now, refundedPoints: coupon.pointsCost, reason }, now);
  });
}

/**
 * A fresh code for a coupon that expired unused or got lost: same terms, a new validity, no points
 * charged (they were paid once); the old code stops working. Reissuing the same coupon twice gives
 * the first replacement back. A used coupon, or a cancelled one (its points went back), is refused.
 */
export async function reissueCoupon(db: Database, actor: AuditActor, couponId: string, reason: string, now = new Date()): Promise<{ code: string; duplicate: boolean }> {
  return db.transaction(async (tx) => {
    const [coupon] = await tx.select().from(coupons).where(eq(coupons.id, couponId)).for("update");
    if (!coupon) throw new ConsoleError("not-found", "couponNotFound");
    if (coupon.usedAt) throw new ConsoleError("conflict", "couponUsedNoReissue");
    const withdrawn = await couponWithdrawal(tx, coupon);
    if (withdrawn?.reason === "replaced") return { code: withdrawn.code, duplicate: true };
    if (withdrawn?.reason === "cancelled") throw new ConsoleError("conflict", "couponCancelled");
    const requestId = reissueRequestId(coupon.id);
    const [reward] = await tx.select({ validDays: rewards.couponValidDays }).from(rewards).where(eq(rewards.id, coupon.rewardId));
    const code = generateCouponCode();
    const [replacement] = await tx
      .insert(coupons)
      .values({
        memberId: coupon.memberId,
        rewardId: coupon.rewardId,
        code,
        requestId,
        pointsCost: coupon.pointsCost,
        terms: coupon.terms,
        issuedAt: now,
        expiresAt: couponExpiry(now, reward?.validDays ?? 30),
      })
      .returning({ id: coupons.id });
    if (coupon.expiresAt > now) await tx.update(coupons).set({ expiresAt: now }).where(eq(coupons.id, coupon.id));
    // A coupon that lived in the shop: the old discount ends there, the new code is created there.
    if (coupon.shopPlatform) {
      await endShopDiscount(tx, coupon.id, now);
      await holdForShop(tx, replacement!.id, coupon.shopPlatform as ConnectorPlatform, now);
    }
    await writeAudit(tx, actor, "coupon.reissue", `member:${coupon.memberId}`, { coupon: coupon.code, expiresAt: coupon.expiresAt }, { coupon: code, replaces: coupon.code, reason }, now);
    return { code, duplicate: false };
  });
}
