// Orders, the points ledger, the shop's events and referrals: what credits and debits points. (lib/db/schema/index.ts gathers every part.)
import { sql } from "drizzle-orm";
import { bigserial, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { ledgerKinds, type LedgerKind } from "../../loyalty/ledger-keys";
import { POINTS_ADJUSTMENT } from "../../validations/limits";
import { createdAt, within } from "./columns";
import { members } from "./members";

export const orderChannels = ["online", "store"] as const;
export type OrderChannel = (typeof orderChannels)[number];

export const orders = pgTable(
  "orders",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    shopOrderId: text("shop_order_id").notNull().unique(),
    currency: text("currency").notNull(),
    subtotalCents: integer("subtotal_cents").notNull(),
    items: jsonb("items").notNull().default(sql`'[]'::jsonb`),
    paidAt: timestamp("paid_at", { withTimezone: true }).notNull(),
    pointsEarned: integer("points_earned").notNull().default(0),
    /** The earn-rule version the order earned under (null: before versions were kept). */
    ruleVersion: integer("rule_version"),
    refundedCents: integer("refunded_cents").notNull().default(0),
    pointsClawedBack: integer("points_clawed_back").notNull().default(0),
    /**
     * The smallest and largest product type (category, else SKU) among the items, byte-ordered: a
     * customer bought two or more types in a period exactly when the smallest of their orders' minima
     * differs from the largest of their maxima, so the upsell ratio needs no unnesting of items.
     * Kept by PostgreSQL itself (function in migration 0009).
     */
    productTypeMin: text("product_type_min").generatedAlwaysAs(sql`treue_product_type_bound(items, false)`),
    productTypeMax: text("product_type_max").generatedAlwaysAs(sql`treue_product_type_bound(items, true)`),
    /** Where the order was bought: "store" for a purchase booked at the till (its id starts "store:"), else "online". */
    channel: text("channel", { enum: orderChannels }).generatedAlwaysAs(sql`case when shop_order_id like 'store:%' then 'store' else 'online' end`),
  },
  (t) => [
    check("orders_subtotal_non_negative", sql`${t.subtotalCents} >= 0`),
    check("orders_refund_within_subtotal", sql`${t.refundedCents} between 0 and ${t.subtotalCents}`),
    check("orders_clawback_within_earned", sql`${t.pointsClawedBack} between 0 and ${t.pointsEarned}`),
    index("orders_member_idx").on(t.memberId, t.paidAt),
    // Insights read orders by period (docs/metrics.md counts by when the order was paid). Migration 0009
    // rebuilds it covering the columns they sum (INCLUDE, which drizzle cannot declare), so they read the index alone.
    index("orders_paid_at_idx").on(t.paidAt),
  ],
);

export { ledgerKinds, type LedgerKind };

/**
 * Append-only points ledger. A trigger (migration 0001) applies each row's delta to
 * members.points_balance in the same statement, so the balance can only move with a
 * ledger row and the balance CHECK rejects any overdraw.
 */
export const ledgerEntries = pgTable(
  "ledger_entries",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    delta: integer("delta").notNull(),
    kind: text("kind", { enum: ledgerKinds }).notNull(),
    /** What caused the row, e.g. "order:1042"; rendered into a human description. */
    sourceRef: text("source_ref").notNull(),
    idempotencyKey: text("idempotency_key").notNull().unique(),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    /** The earn-rule version an earning was computed under. */
    ruleVersion: integer("rule_version"),
    /** Why staff adjusted the balance; the shopper reads it in their history. */
    note: text("note"),
    /** The staff member behind an adjustment (no foreign key: ledger rows are never updated). */
    actorId: uuid("actor_id"),
  },
  (t) => [
    check(
      "ledger_kind_known",
      sql`${t.kind} in ('earn_order','earn_task','referral','redeem','refund_clawback','expire','adjust')`,
    ),
    // Staff's corrections, support's points and returned coupons are `adjust` rows, each within the
    // adjustment's bounds. Migration 0024 adds it NOT VALID (see there): ledger rows are never rewritten.
    check("ledger_adjust_range", sql`${t.kind} <> 'adjust' or ${within(t.delta, POINTS_ADJUSTMENT)}`),
    index("ledger_member_created_idx").on(t.memberId, t.createdAt),
    // Covering (migration 0009 adds INCLUDE member_id, delta, kind) for the insights' period sums.
    index("ledger_created_idx").on(t.createdAt),
  ],
);

/** Every shop event applied, keyed by the shop's event id: a replay returns the stored result. */
export const shopEvents = pgTable(
  "shop_events",
  {
    id: text("id").primaryKey(),
    type: text("type").notNull(),
    /** sha256 of the canonical JSON body: tells a retry from a different event reusing an id. */
    bodyHash: text("body_hash").notNull(),
    result: jsonb("result"),
    createdAt: createdAt(),
  },
  // Connections lists the latest deliveries, newest first.
  (t) => [index("shop_events_recent_idx").on(t.createdAt)],
);

export const referralStatuses = ["claimed", "joined", "pending", "rewarded", "cancelled", "rejected"] as const;
export type ReferralStatus = (typeof referralStatuses)[number];

/**
 * One friend invited by one member: claimed on the landing page, joined at sign-up (welcome
 * coupon), pending once the first order qualifies, rewarded after the return window, or
 * cancelled/rejected with the reason (kept for staff).
 */
export const referrals = pgTable(
  "referrals",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    referrerId: uuid("referrer_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    friendId: uuid("friend_id").references(() => members.id, { onDelete: "set null" }),
    /** Canonical form (lib/loyalty/referrals.ts canonicalEmail): one mailbox, one referral. */
    friendEmail: text("friend_email").notNull(),
    status: text("status", { enum: referralStatuses }).notNull(),
    reason: text("reason"),
    /** sha256 of the claiming IP under the server secret: enough to count, nothing to trace. */
    claimIpHash: text("claim_ip_hash"),
    claimedAt: timestamp("claimed_at", { withTimezone: true }).notNull(),
    joinedAt: timestamp("joined_at", { withTimezone: true }),
    qualifyingOrderId: uuid("qualifying_order_id").references(() => orders.id),
    points: integer("points"),
    qualifiedAt: timestamp("qualified_at", { withTimezone: true }),
    pendingUntil: timestamp("pending_until", { withTimezone: true }),
    rewardedAt: timestamp("rewarded_at", { withTimezone: true }),
  },
  (t) => [
    check("referrals_status_known", sql`${t.status} in ('claimed','joined','pending','rewarded','cancelled','rejected')`),
    uniqueIndex("referrals_friend_email_live").on(t.friendEmail).where(sql`${t.status} <> 'rejected'`),
    index("referrals_referrer_idx").on(t.referrerId, t.status),
    index("referrals_friend_idx").on(t.friendId),
    index("referrals_due_idx").on(t.status, t.pendingUntil),
    index("referrals_ip_idx").on(t.claimIpHash, t.claimedAt),
  ],
);
