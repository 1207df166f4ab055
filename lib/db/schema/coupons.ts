// Redeemed rewards as coupons, the pool of shop codes, and the calls that make them discounts in the shop. (lib/db/schema/index.ts gathers every part.)
import { sql } from "drizzle-orm";
import { bigserial, check, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { type LocalizedText } from "./columns";
import type { RewardKind } from "../../loyalty/rewards";
import { members } from "./members";
import { rewards } from "./program";

export const shopDiscountStatuses = ["pending", "created", "failed", "disabling", "disabled"] as const;
export type ShopDiscountStatus = (typeof shopDiscountStatuses)[number];

/** A coupon issued for a redeemed reward: the shopper's wallet entry and the code the shop accepts. */
export const coupons = pgTable(
  "coupons",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    rewardId: text("reward_id")
      .notNull()
      .references(() => rewards.id),
    code: text("code").notNull().unique(),
    /** The client's id for the redemption: a retried or double-tapped request finds this row. */
    requestId: text("request_id").notNull(),
    pointsCost: integer("points_cost").notNull(),
    /** What the coupon is worth, frozen at redemption (the reward may change later). */
    terms: jsonb("terms").$type<CouponTerms>().notNull(),
    issuedAt: timestamp("issued_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    usedOrderId: text("used_order_id"),
    /**
     * The coupon as a discount in the shop (lib/db/queries/shop-discounts.ts): null when the shop
     * creates none (no credentials, a pool code, a kind it cannot express); "pending" until the
     * platform has it (the code is shown only then), "created", "failed" for good (points returned),
     * "disabling" and "disabled" after a cancellation.
     */
    shopStatus: text("shop_status", { enum: shopDiscountStatuses }),
    shopPlatform: text("shop_platform"),
    /** The platform's id of the discount, to disable it. */
    shopDiscountId: text("shop_discount_id"),
    shopAttempts: integer("shop_attempts").notNull().default(0),
    shopNextAttemptAt: timestamp("shop_next_attempt_at", { withTimezone: true }),
    /** A worker's lease on the call in flight: others skip the coupon until then. */
    shopLockedUntil: timestamp("shop_locked_until", { withTimezone: true }),
    /** Why the last call failed, in staff's words (never the platform's raw answer). */
    shopError: text("shop_error"),
    shopUpdatedAt: timestamp("shop_updated_at", { withTimezone: true }),
  },
  (t) => [
    unique("coupons_member_request_unique").on(t.memberId, t.requestId),
    index("coupons_member_idx").on(t.memberId, t.issuedAt),
    index("coupons_reward_member_idx").on(t.rewardId, t.memberId),
    check("coupons_shop_status_known", sql`${t.shopStatus} is null or ${t.shopStatus} in ('pending','created','failed','disabling','disabled')`),
    index("coupons_shop_due_idx").on(t.shopNextAttemptAt).where(sql`${t.shopStatus} in ('pending','disabling')`),
  ],
);

/** Every call Treue made to a shop's admin API about a discount, for Console → Connections. */
export const shopDiscountCalls = pgTable(
  "shop_discount_calls",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    platform: text("platform").notNull(),
    couponId: uuid("coupon_id"),
    action: text("action", { enum: ["create", "disable", "check"] }).notNull(),
    outcome: text("outcome", { enum: ["ok", "retry", "refused"] }).notNull(),
    detail: text("detail"),
    durationMs: integer("duration_ms").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("shop_discount_calls_recent_idx").on(t.platform, t.at)],
);

export type CouponTerms = {
  kind: RewardKind;
  name: LocalizedText;
  valueCents: number | null;
  percentOff: number | null;
  sku: string | null;
  minOrderCents: number | null;
};

/** Codes a shop uploaded for a reward; redemption takes the next free one. */
export const couponCodes = pgTable(
  "coupon_codes",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    rewardId: text("reward_id")
      .notNull()
      .references(() => rewards.id, { onDelete: "cascade" }),
    code: text("code").notNull().unique(),
    couponId: uuid("coupon_id").references(() => coupons.id),
  },
  (t) => [index("coupon_codes_free_idx").on(t.rewardId, t.id)],
);
