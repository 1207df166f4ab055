import "server-only";
// What the platform answered for a coupon's discount, made final in one transaction: the status,
// the next try, or (refused for good) the points back, the coupon ended and the shopper told.
// The SQL is lib/db/queries/shop-discounts.ts.
import type { Database } from "../../db/connect";
import { enqueueNotification } from "../../db/queries/notifications";
import {
  insertShopDiscountCall,
  lockCouponShopState,
  markShopDiscountEnded,
  refundRefusedDiscount,
  setCouponShop,
  type DueShopDiscount,
  type ShopCallOutcome,
} from "../../db/queries/shop-discounts";
import type { ShopDiscountStatus } from "../../db/schema";
import type { ConnectorPlatform } from "../types";
import { nextDiscountAttempt } from "./retry";

/**
 * What the platform answered for a claimed coupon, made final: the status, the next try, or (a
 * create refused for good, or out of tries) the points back and the coupon ended, at once.
 */
export async function settleShopDiscount(db: Database, due: DueShopDiscount, outcome: ShopCallOutcome, durationMs: number, now: Date): Promise<ShopDiscountStatus> {
  return db.transaction(async (tx) => {
    const current = await lockCouponShopState(tx, due.couponId);
    const action = due.status === "pending" ? "create" : "disable";
    const call = { platform: due.platform, couponId: due.couponId, action, durationMs, at: now } as const;
    // This call outlived its lease and another worker has claimed the coupon since: that one decides.
    // Only the call is kept, for staff (a discount it created after all is named there).
    if (!current || current.lockedUntil?.getTime() !== due.leaseUntil.getTime()) {
      await insertShopDiscountCall(tx, {
        ...call,
        outcome: outcome.ok ? "ok" : outcome.retry ? "retry" : "refused",
        detail: `late answer, after the coupon was handed to another try${outcome.ok && outcome.externalId ? `; created ${outcome.externalId}` : ""}`,
      });
      return current?.status ?? due.status;
    }
    const next = outcome.ok ? null : nextDiscountAttempt(due.attempts, now);
    const giveUp = !outcome.ok && (!outcome.retry || next === null);
    await insertShopDiscountCall(tx, { ...call, outcome: outcome.ok ? "ok" : giveUp ? "refused" : "retry", detail: outcome.ok ? (outcome.externalId ?? null) : outcome.reason });
    const release = { shopLockedUntil: null, shopUpdatedAt: now };
    if (outcome.ok) {
      // Created while staff cancelled the coupon: it exists in the shop now, so it is ended there next
      // (with tries of its own).
      const status: ShopDiscountStatus = action === "create" ? (current.status === "pending" ? "created" : "disabling") : "disabled";
      await setCouponShop(tx, due.couponId, {
        ...release,
        shopStatus: status,
        shopError: null,
        shopNextAttemptAt: status === "disabling" ? now : null,
        ...(status === "disabling" && { shopAttempts: 0 }),
        ...(outcome.externalId && { shopDiscountId: outcome.externalId }),
      });
      return status;
    }
    if (!giveUp) {
      await setCouponShop(tx, due.couponId, { ...release, shopError: outcome.reason, shopNextAttemptAt: next });
      return current.status ?? due.status;
    }
    if (action === "disable") {
      // The shop would not end it: staff see it under failures to act on; no more tries.
      await setCouponShop(tx, due.couponId, { ...release, shopError: outcome.reason, shopNextAttemptAt: null });
      return "disabling";
    }
    // Cancelled (or created by another try) meanwhile: nothing to give up on here.
    if (current.status !== "pending") {
      await setCouponShop(tx, due.couponId, { ...release, shopError: outcome.reason });
      return current.status ?? due.status;
    }
    await setCouponShop(tx, due.couponId, { ...release, shopStatus: "failed", shopError: outcome.reason, shopNextAttemptAt: null, expiresAt: now });
    // A code the shop reported used (its discount was there after all) keeps its points spent.
    if (!current.usedAt && due.pointsCost > 0) await refundRefusedDiscount(tx, due, now);
    await enqueueNotification(tx, {
      memberId: due.memberId,
      category: "points",
      kind: "discount_failed",
      params: { points: due.pointsCost, reward_de: due.terms.name.de, reward_en: due.terms.name.en },
      url: "/wallet",
      dedupeKey: `discount-failed:${due.couponId}`,
      at: now,
      channels: "push-or-email",
    });
    return "failed";
  });
}

/** The shop ended the coupon's discount just now (at support's request): nothing is left to do there. */
export async function recordShopDiscountEnded(db: Database, couponId: string, platform: ConnectorPlatform, detail: string, durationMs: number, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    await markShopDiscountEnded(tx, couponId, now);
    await insertShopDiscountCall(tx, { platform, couponId, action: "disable", outcome: "ok", detail, durationMs, at: now });
  });
}
