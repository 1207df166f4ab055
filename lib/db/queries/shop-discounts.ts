import "server-only";
// A redeemed reward as a discount in the shop, kept on the coupon row (shop_* columns). The
// redemption marks the coupon "pending" in its own transaction (points held, code not shown);
// lib/connectors/discounts/run.ts then asks the platform, and lib/connectors/discounts/settle.ts
// settles what it answers over the statements here: created (the code shows), a retry later, or
// refused for good (the points come back, in one transaction with the coupon's end, and the shopper is told). Claims use SKIP LOCKED and a lease,
// so any number of instances and the redemption's own first try never call twice at once.
import { and, eq, sql, type SQL } from "drizzle-orm";
import type { ConnectorPlatform } from "../../loyalty/shop-platforms";
import type { CouponTerms, ShopDiscountStatus } from "../schema";
import { coupons, ledgerEntries, shopDiscountCalls } from "../schema";
import type { Database, Tx } from "../connect";

/** How long one call may hold a coupon before another worker may try it again. */
const LEASE_MS = 2 * 60_000;

/** Within the redemption's transaction: the coupon waits for its discount in the shop. */
export async function holdForShop(tx: Tx, couponId: string, platform: ConnectorPlatform, now: Date): Promise<void> {
  await tx
    .update(coupons)
    .set({ shopStatus: "pending", shopPlatform: platform, shopNextAttemptAt: now, shopUpdatedAt: now })
    .where(eq(coupons.id, couponId));
}

export type DueShopDiscount = {
  couponId: string;
  memberId: string;
  code: string;
  terms: CouponTerms;
  issuedAt: Date;
  expiresAt: Date;
  pointsCost: number;
  status: Extract<ShopDiscountStatus, "pending" | "disabling">;
  platform: ConnectorPlatform;
  externalId: string | null;
  /** Including this one. */
  attempts: number;
  /** This claim's lease: a settle whose lease is no longer the coupon's came too late. */
  leaseUntil: Date;
  email: string;
  shopCustomerId: string | null;
  category: string | null;
};

/**
 * Takes up to `limit` coupons whose shop call is due (or the one `couponId`, if due) and leases
 * them to the caller; each claim counts as an attempt.
 */
export async function claimDueShopDiscounts(db: Database, now: Date, { limit = 20, couponId }: { limit?: number; couponId?: string } = {}): Promise<DueShopDiscount[]> {
  const { rows } = (await db.execute(sql`
    update coupons c set shop_locked_until = ${new Date(now.getTime() + LEASE_MS)}, shop_attempts = c.shop_attempts + 1
    from (
      select id from coupons
      where shop_status in ('pending', 'disabling') and shop_next_attempt_at <= ${now}
        and (shop_locked_until is null or shop_locked_until < ${now})
        ${couponId ? sql`and id = ${couponId}` : sql``}
      order by shop_next_attempt_at
      limit ${limit}
      for update skip locked
    ) due, members m, rewards r
    where c.id = due.id and m.id = c.member_id and r.id = c.reward_id
    returning c.id as coupon_id, c.member_id, c.code, c.terms, c.issued_at, c.expires_at, c.points_cost, c.shop_status, c.shop_platform,
      c.shop_discount_id, c.shop_attempts, c.shop_locked_until, m.email, m.shop_customer_id, r.category`)) as unknown as { rows: Record<string, unknown>[] };
  return rows.map((r) => ({
    couponId: r.coupon_id as string,
    memberId: r.member_id as string,
    code: r.code as string,
    terms: r.terms as CouponTerms,
    issuedAt: new Date(r.issued_at as string),
    expiresAt: new Date(r.expires_at as string),
    pointsCost: Number(r.points_cost),
    status: r.shop_status as DueShopDiscount["status"],
    platform: r.shop_platform as ConnectorPlatform,
    externalId: (r.shop_discount_id as string | null) ?? null,
    attempts: Number(r.shop_attempts),
    leaseUntil: new Date(r.shop_locked_until as string),
    email: r.email as string,
    shopCustomerId: (r.shop_customer_id as string | null) ?? null,
    category: (r.category as string | null) ?? null,
  }));
}

export type ShopCallOutcome = { ok: true; externalId?: string } | { ok: false; retry: boolean; reason: string };

/** The idempotency key of the points a refused discount gives back. */
export const shopRefusalRefundKey = (couponId: string) => `shop-discount-refused:${couponId}`;

/** The coupon's shop state, locked for the rest of the transaction. */
export async function lockCouponShopState(tx: Tx, couponId: string) {
  const [current] = await tx
    .select({ status: coupons.shopStatus, lockedUntil: coupons.shopLockedUntil, usedAt: coupons.usedAt })
    .from(coupons)
    .where(eq(coupons.id, couponId))
    .for("update");
  return current;
}

export type ShopDiscountCall = Omit<typeof shopDiscountCalls.$inferInsert, "id">;

/** One call to the shop, kept for staff (Console → Connections); the detail cut to 500 characters. */
export async function insertShopDiscountCall(tx: Tx | Database, call: ShopDiscountCall): Promise<void> {
  await tx.insert(shopDiscountCalls).values({ ...call, detail: call.detail?.slice(0, 500) ?? null, durationMs: Math.round(call.durationMs) });
}

type CouponShopValues = Partial<Pick<typeof coupons.$inferInsert, "shopStatus" | "shopError" | "shopNextAttemptAt" | "shopAttempts" | "shopDiscountId" | "shopLockedUntil" | "shopUpdatedAt" | "expiresAt">>;

/** Writes the shop side of one coupon. */
export async function setCouponShop(tx: Tx, couponId: string, values: CouponShopValues): Promise<void> {
  await tx.update(coupons).set(values).where(eq(coupons.id, couponId));
}

/** The points of a discount the shop refused for good, back to the member once. */
export async function refundRefusedDiscount(tx: Tx, due: Pick<DueShopDiscount, "memberId" | "couponId" | "pointsCost">, now: Date): Promise<void> {
  await tx
    .insert(ledgerEntries)
    .values({ memberId: due.memberId, delta: due.pointsCost, kind: "adjust", sourceRef: `coupon:${due.couponId}`, idempotencyKey: shopRefusalRefundKey(due.couponId), createdAt: now })
    .onConflictDoNothing();
}

/**
 * Within a cancellation's transaction: the shop's discount is ended too. One not created yet is
 * never created (a call in flight that creates it after all ends it right after).
 */
export async function endShopDiscount(tx: Tx, couponId: string, now: Date): Promise<void> {
  await endShopDiscounts(tx, eq(coupons.id, couponId), now);
}

/** Within an erasure: none of the member's coupons is created in the shop any more, live ones are ended there. */
export async function endMemberShopDiscounts(tx: Tx, memberId: string, now: Date): Promise<void> {
  await endShopDiscounts(tx, eq(coupons.memberId, memberId), now);
}

async function endShopDiscounts(tx: Tx, which: SQL, now: Date): Promise<void> {
  await tx
    .update(coupons)
    .set({
      shopStatus: sql`case when ${coupons.shopStatus} = 'created' then 'disabling' when ${coupons.shopStatus} = 'pending' then 'disabled' else ${coupons.shopStatus} end`,
      shopNextAttemptAt: sql`case when ${coupons.shopStatus} = 'created' then ${now}::timestamptz else null end`,
      // Ending gets tries of its own; a call in flight still settles by its lease, not by this count.
      shopAttempts: 0,
      shopUpdatedAt: now,
    })
    .where(and(which, sql`${coupons.shopStatus} in ('created', 'pending')`));
}

/** The latest calls to a platform and the coupons waiting or failed, for Console → Connections. */
export async function shopDiscountActivity(db: Database, platform: ConnectorPlatform, limit = 20) {
  const [calls, open] = await Promise.all([
    db.select().from(shopDiscountCalls).where(eq(shopDiscountCalls.platform, platform)).orderBy(sql`${shopDiscountCalls.at} desc`).limit(limit),
    db
      .select({ id: coupons.id, code: coupons.code, memberId: coupons.memberId, status: coupons.shopStatus, error: coupons.shopError, attempts: coupons.shopAttempts, nextAttemptAt: coupons.shopNextAttemptAt, updatedAt: coupons.shopUpdatedAt })
      .from(coupons)
      .where(and(eq(coupons.shopPlatform, platform), sql`(${coupons.shopStatus} in ('pending', 'disabling') or (${coupons.shopStatus} = 'failed' and ${coupons.shopUpdatedAt} > now() - interval '30 days'))`))
      .orderBy(sql`${coupons.shopUpdatedAt} desc`)
      .limit(limit),
  ]);
  return { calls, open };
}

/** A check of the credentials (Connections' button), kept with the calls. */
export async function recordShopCheck(db: Database, platform: ConnectorPlatform, ok: boolean, detail: string, durationMs: number, now = new Date()): Promise<void> {
  await db.insert(shopDiscountCalls).values({ platform, action: "check", outcome: ok ? "ok" : "refused", detail: detail.slice(0, 500), durationMs: Math.round(durationMs), at: now });
}

/** The shop side of one coupon, for ending its discount before support withdraws it. */
export async function couponShopState(db: Database, couponId: string) {
  const [row] = await db
    .select({ status: coupons.shopStatus, platform: coupons.shopPlatform, discountId: coupons.shopDiscountId, expiresAt: coupons.expiresAt, usedAt: coupons.usedAt })
    .from(coupons)
    .where(eq(coupons.id, couponId));
  return row ?? null;
}

/** The shop ended the coupon's discount just now (at support's request): nothing is left to do there. */
export async function markShopDiscountEnded(tx: Tx, couponId: string, now: Date): Promise<void> {
  await tx.update(coupons).set({ shopStatus: "disabled", shopNextAttemptAt: null, shopError: null, shopUpdatedAt: now }).where(and(eq(coupons.id, couponId), sql`${coupons.shopStatus} in ('created', 'disabling')`));
}

/** A call support's withdrawal made that the shop did not take (the withdrawal is refused). */
export async function recordShopDiscountCall(db: Database, call: { platform: ConnectorPlatform; couponId: string; action: "disable"; outcome: "retry" | "refused"; detail: string; durationMs: number }, now: Date): Promise<void> {
  await db.insert(shopDiscountCalls).values({ ...call, detail: call.detail.slice(0, 500), durationMs: Math.round(call.durationMs), at: now });
}
