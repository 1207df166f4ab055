// What staff do to one member from the console: correct the balance, cancel or reissue a coupon.
// Each is one transaction with its audit row; a refusal (ConsoleError) writes nothing.
// The SQL is lib/db/queries/console-members.ts.
import "server-only";
import type { Database, Tx } from "../../db/connect";
import { writeAudit, type AuditActor } from "../../db/queries/audit";
import {
  expireCouponNow,
  hasLedgerRow,
  insertAdjustment,
  insertReplacementCoupon,
  lockCoupon,
  lockMemberBalance,
  rewardCouponValidDays,
} from "../../db/queries/console-members";
import { cancelKey, couponWithdrawal, reissueRequestId } from "../../db/queries/coupons";
import { endShopDiscount, holdForShop } from "../../db/queries/shop-discounts";
import { ConsoleError } from "../../errors";
import { generateCouponCode } from "../../loyalty/coupon-code";
import { couponExpiry } from "../../loyalty/rewards";
import type { ConnectorPlatform } from "../../loyalty/shop-platforms";

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
  return db.transaction((tx) => adjustPointsIn(tx, actor, input, now));
}

/** adjustPoints inside the caller's transaction (a conversation resolved with points: one transaction for both). */
export async function adjustPointsIn(
  tx: Tx,
  actor: AuditActor,
  input: { memberId: string; points: number; reason: string; requestId: string },
  now: Date,
): Promise<{ balance: number; duplicate: boolean }> {
  const member = await lockMemberBalance(tx, input.memberId);
  if (!member) throw new ConsoleError("not-found", "memberNotFound");
  const key = `adjust:${input.requestId}`;
  if (await hasLedgerRow(tx, key)) return { balance: member.balance, duplicate: true };
  const after = member.balance + input.points;
  if (after < 0) throw new ConsoleError("refused", "adjustOverdraw", { balance: member.balance, points: -input.points });
  await insertAdjustment(tx, { memberId: input.memberId, delta: input.points, sourceRef: `staff:${actor.email}`, idempotencyKey: key, note: input.reason, actorId: actor.id, createdAt: now });
  await writeAudit(tx, actor, "member.adjust", `member:${input.memberId}`, { balance: member.balance }, { balance: after, points: input.points, reason: input.reason }, now);
  return { balance: after, duplicate: false };
}

/**
 * Cancels an unused coupon; its points go back to the member (a ledger row, audited). A coupon
 * already cancelled, or replaced by a reissued code, is refused: its points were paid out once.
 */
export async function cancelCoupon(db: Database, actor: AuditActor, couponId: string, reason: string, now = new Date()): Promise<void> {
  await db.transaction(async (tx) => {
    const coupon = await lockCoupon(tx, couponId);
    if (!coupon) throw new ConsoleError("not-found", "couponNotFound");
    if (coupon.usedAt) throw new ConsoleError("conflict", "couponUsed");
    const withdrawn = await couponWithdrawal(tx, coupon);
    if (withdrawn?.reason === "cancelled") throw new ConsoleError("conflict", "couponCancelled");
    if (withdrawn?.reason === "replaced") throw new ConsoleError("conflict", "couponReissued", { code: withdrawn.code });
    if (coupon.expiresAt <= now) throw new ConsoleError("conflict", "couponExpired");
    await expireCouponNow(tx, couponId, now);
    await endShopDiscount(tx, couponId, now);
    await insertAdjustment(tx, { memberId: coupon.memberId, delta: coupon.pointsCost, sourceRef: `coupon:${coupon.code}`, idempotencyKey: cancelKey(coupon.id), note: reason, actorId: actor.id, createdAt: now });
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
    const coupon = await lockCoupon(tx, couponId);
    if (!coupon) throw new ConsoleError("not-found", "couponNotFound");
    if (coupon.usedAt) throw new ConsoleError("conflict", "couponUsedNoReissue");
    const withdrawn = await couponWithdrawal(tx, coupon);
    if (withdrawn?.reason === "replaced") return { code: withdrawn.code, duplicate: true };
    if (withdrawn?.reason === "cancelled") throw new ConsoleError("conflict", "couponCancelled");
    const validDays = await rewardCouponValidDays(tx, coupon.rewardId);
    const code = generateCouponCode();
    const replacementId = await insertReplacementCoupon(tx, coupon, { code, requestId: reissueRequestId(coupon.id), issuedAt: now, expiresAt: couponExpiry(now, validDays ?? 30) });
    if (coupon.expiresAt > now) await expireCouponNow(tx, coupon.id, now);
    // A coupon that lived in the shop: the old discount ends there, the new code is created there.
    if (coupon.shopPlatform) {
      await endShopDiscount(tx, coupon.id, now);
      await holdForShop(tx, replacementId, coupon.shopPlatform as ConnectorPlatform, now);
    }
    await writeAudit(tx, actor, "coupon.reissue", `member:${coupon.memberId}`, { coupon: coupon.code, expiresAt: coupon.expiresAt }, { coupon: code, replaces: coupon.code, reason }, now);
    return { code, duplicate: false };
  });
}
