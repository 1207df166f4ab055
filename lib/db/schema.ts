// One Postgres schema for both PGlite and a real server. Changes go through
// `npm run db:generate`, which writes a new migration into lib/db/migrations.
import { sql } from "drizzle-orm";
import { memberRoles } from "../loyalty/roles";
import { ledgerKinds } from "../loyalty/ledger-keys";
import { rewardKinds, type RewardKind } from "../loyalty/rewards";
import { notificationCategories, type NotificationCategory } from "../push/categories";
import {
  bigserial,
  uniqueIndex,
  boolean,
  check,
  date,
  index,
  integer,
  json,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

/** Text shown to shoppers, one entry per supported language. */
export type LocalizedText = { de: string; en: string };

export type TierBenefits = { freeShipping?: boolean; exclusiveRewards?: boolean; earlyAccess?: boolean };

/** A shopper. Signing in creates one; a shop event may create one first, which sign-in then claims by e-mail. */
export const members = pgTable(
  "members",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull().unique(),
    emailVerified: timestamp("email_verified", { withTimezone: true }),
    name: text("name"),
    image: text("image"),
    shopCustomerId: text("shop_customer_id").unique(),
    locale: text("locale"),
    /** "member" for shoppers; staff roles open the console (lib/console/roles.ts). */
    role: text("role", { enum: memberRoles }).notNull().default("member"),
    birthday: date("birthday"),
    pointsBalance: integer("points_balance").notNull().default(0),
    /** Points a refund could not take back because they were already spent; later earnings settle it first. */
    pointsDebt: integer("points_debt").notNull().default(0),
    /** The tier last recorded for the member (the standing itself is computed from orders). */
    tierId: text("tier_id"),
    tierKeptUntil: timestamp("tier_kept_until", { withTimezone: true }),
    /** A tier kept until tier_floor_until although the orders earn less: set when the shop changes its tiers. */
    tierFloorId: text("tier_floor_id"),
    tierFloorUntil: timestamp("tier_floor_until", { withTimezone: true }),
    /** The highest tier the shopper has been congratulated on, so a tier-up is celebrated once. */
    tierCelebratedId: text("tier_celebrated_id"),
    /** The member's personal invite code (/r/CODE), made on first use. */
    referralCode: text("referral_code").unique(),
    /** Push categories the member switched off (lib/db/schema notificationCategories); offers stay off until asked for. */
    pushMuted: text("push_muted").array().notNull().default(sql`'{offers}'::text[]`),
    /** Categories the member switched off for e-mail (Profile, or an unsubscribe link). */
    emailMuted: text("email_muted").array().notNull().default(sql`'{}'::text[]`),
    /** Marketing e-mail (double opt-in): asked for at, then confirmed by the link in the confirmation mail. */
    marketingMailRequestedAt: timestamp("marketing_mail_requested_at", { withTimezone: true }),
    marketingMailConfirmedAt: timestamp("marketing_mail_confirmed_at", { withTimezone: true }),
    /** Mobile number (E.164) and when the member asked for texts instead of e-mail (its own opt-in). */
    phone: text("phone"),
    smsConsentAt: timestamp("sms_consent_at", { withTimezone: true }),
    /** Set when the member's personal data was erased on request (GDPR); the ledger sums stay. */
    erasedAt: timestamp("erased_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("members_email_lower", sql`${t.email} = lower(${t.email})`),
    check("members_balance_non_negative", sql`${t.pointsBalance} >= 0`),
    check("members_debt_non_negative", sql`${t.pointsDebt} >= 0`),
    check("members_role_known", sql`${t.role} in ('member', 'owner', 'admin', 'support', 'moderator')`),
    // Staff search: prefix matches on e-mail and name stay index scans on 100,000 members.
    index("members_email_prefix_idx").using("btree", sql`${t.email} text_pattern_ops`),
    index("members_name_prefix_idx").using("btree", sql`lower(${t.name}) text_pattern_ops`),
    index("members_staff_idx").on(t.role).where(sql`${t.role} <> 'member'`),
    // Insights count members by sign-up and enrolment; migration 0009 makes it covering (INCLUDE id,
    // role, email_verified: none of them change with the balance, so ledger writes stay HOT updates).
    index("members_created_idx").on(t.createdAt),
    check("members_locale_known", sql`${t.locale} is null or ${t.locale} in ('de', 'en')`),
  ],
);

/** next-auth: a member's link to an external identity provider (the shop's OIDC). */
export const accounts = pgTable(
  "accounts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    provider: text("provider").notNull(),
    providerAccountId: text("provider_account_id").notNull(),
    refreshToken: text("refresh_token"),
    accessToken: text("access_token"),
    expiresAt: integer("expires_at"),
    tokenType: text("token_type"),
    scope: text("scope"),
    idToken: text("id_token"),
    sessionState: text("session_state"),
  },
  (t) => [unique("accounts_provider_account").on(t.provider, t.providerAccountId), index("accounts_member_idx").on(t.memberId)],
);

/** next-auth: pending magic links (the token is stored hashed by next-auth). */
export const verificationTokens = pgTable(
  "verification_tokens",
  {
    identifier: text("identifier").notNull(),
    token: text("token").notNull(),
    expires: timestamp("expires", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.identifier, t.token] })],
);

/**
 * "Open my loyalty app" from the shop's pages (lib/storefront/handover.ts): a one-time token the
 * app exchanges for its own session, good for two minutes and once. Only its SHA-256 is kept, so
 * the table never holds a usable token.
 */
export const storefrontHandovers = pgTable(
  "storefront_handovers",
  {
    tokenHash: text("token_hash").primaryKey(),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("storefront_handovers_expires").on(t.expiresAt)],
);

/** The shop's loyalty program. One row per deployment today; the id keeps room for more. */
export const programs = pgTable("programs", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  currency: text("currency").notNull().default("EUR"),
  /** Parsed by lib/loyalty/earn-rule.ts. */
  earnRule: jsonb("earn_rule").notNull().default(sql`'{}'::jsonb`),
  /** Parsed by lib/loyalty/tier-standing.ts: qualification window and grace. */
  tierRule: jsonb("tier_rule").notNull().default(sql`'{}'::jsonb`),
  /** Parsed by lib/loyalty/referrals.ts: the friend's offer, the referrer's points, the limits. */
  referralRule: jsonb("referral_rule").notNull().default(sql`'{}'::jsonb`),
  /** Parsed by lib/loyalty/gamification.ts: challenges with a target per week or month and a bonus. */
  challenges: jsonb("challenges").notNull().default(sql`'[]'::jsonb`),
  /** Parsed by lib/loyalty/branding.ts: shop name and URL, logo, colours, imprint and privacy links. */
  branding: jsonb("branding").notNull().default(sql`'{}'::jsonb`),
  /** Parsed by lib/loyalty/journeys.ts: which automatic messages are on, their timing and texts. */
  journeys: jsonb("journeys").notNull().default(sql`'{}'::jsonb`),
  /** What one point is worth to the shop, in hundredths of a cent (100 = 1 cent): the liability figure. */
  pointValueMilliCents: integer("point_value_milli_cents").notNull().default(100),
  /** Shoppers see the program from this moment; null: still being set up ("starts soon"). */
  launchedAt: timestamp("launched_at", { withTimezone: true }),
  createdAt: createdAt(),
});

export const tiers = pgTable(
  "tiers",
  {
    id: text("id").primaryKey(),
    programId: text("program_id")
      .notNull()
      .references(() => programs.id, { onDelete: "cascade" }),
    name: jsonb("name").$type<LocalizedText>().notNull(),
    /** Qualifying spend (minor units) from which the tier is reached. */
    thresholdCents: integer("threshold_cents").notNull(),
    /** Earn multiplier in hundredths: 125 means 1.25x. Integers keep points exact. */
    multiplierPercent: integer("multiplier_percent").notNull().default(100),
    position: integer("position").notNull(),
    benefits: jsonb("benefits").$type<TierBenefits>().notNull().default(sql`'{}'::jsonb`),
    /** What the tier gives, in the shop's words, shown on the tiers screen. */
    perks: jsonb("perks").$type<LocalizedText>(),
  },
  (t) => [
    check("tiers_threshold_non_negative", sql`${t.thresholdCents} >= 0`),
    check("tiers_multiplier_positive", sql`${t.multiplierPercent} > 0`),
  ],
);

export { rewardKinds, type RewardKind };

export const rewards = pgTable(
  "rewards",
  {
    id: text("id").primaryKey(),
    programId: text("program_id")
      .notNull()
      .references(() => programs.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: rewardKinds }).notNull(),
    name: jsonb("name").$type<LocalizedText>().notNull(),
    description: jsonb("description").$type<LocalizedText>().notNull(),
    pointsCost: integer("points_cost").notNull(),
    /** amount_off: the discount; percent_off: the percentage; free_product: the SKU. */
    valueCents: integer("value_cents"),
    percentOff: integer("percent_off"),
    sku: text("sku"),
    /** The shop's product category the reward is about (as order items name it): shoppers who buy there see it first. */
    category: text("category"),
    minOrderCents: integer("min_order_cents"),
    /** Path of the picture under public/, e.g. /rewards/eur5.svg. */
    image: text("image"),
    /** Days an issued coupon stays valid. */
    couponValidDays: integer("coupon_valid_days").notNull().default(30),
    /** Coupons left; null: unlimited. */
    stock: integer("stock"),
    perMemberLimit: integer("per_member_limit"),
    /** Only members holding this tier or a higher one may redeem. */
    minTierId: text("min_tier_id").references(() => tiers.id),
    /** Codes come from coupon_codes (uploaded by the shop) instead of being generated. */
    usesCodePool: boolean("uses_code_pool").notNull().default(false),
    position: integer("position").notNull().default(0),
    active: boolean("active").notNull().default(true),
    /** The catalog shows the reward from this moment (null: at once) until that one (null: open-ended). */
    availableFrom: timestamp("available_from", { withTimezone: true }),
    availableUntil: timestamp("available_until", { withTimezone: true }),
    /** points_off: the money `pointsCost` points buy (one step), and the least and most money off per redemption, whole steps. */
    stepValueCents: integer("step_value_cents"),
    minValueCents: integer("min_value_cents"),
    maxValueCents: integer("max_value_cents"),
  },
  (t) => [
    check("rewards_cost_positive", sql`${t.pointsCost} > 0`),
    check("rewards_kind_known", sql`${t.kind} in ('amount_off','percent_off','free_shipping','free_product','sale_access','points_off')`),
    check(
      "rewards_points_off_steps",
      sql`${t.kind} <> 'points_off' or (${t.stepValueCents} > 0 and ${t.minValueCents} >= ${t.stepValueCents} and ${t.maxValueCents} >= ${t.minValueCents} and ${t.minValueCents} % ${t.stepValueCents} = 0 and ${t.maxValueCents} % ${t.stepValueCents} = 0)`,
    ),
    check("rewards_stock_non_negative", sql`${t.stock} is null or ${t.stock} >= 0`),
    check("rewards_percent_range", sql`${t.percentOff} is null or ${t.percentOff} between 1 and 100`),
    check("rewards_validity_positive", sql`${t.couponValidDays} > 0`),
  ],
);

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

export const tasks = pgTable(
  "tasks",
  {
    id: text("id").primaryKey(),
    programId: text("program_id")
      .notNull()
      .references(() => programs.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    title: jsonb("title").$type<LocalizedText>().notNull(),
    description: jsonb("description").$type<LocalizedText>(),
    points: integer("points").notNull(),
    /** Parsed by lib/loyalty/tasks.ts: caps, validity window, review length, survey questions. */
    config: jsonb("config").notNull().default(sql`'{}'::jsonb`),
    position: integer("position").notNull().default(0),
    active: boolean("active").notNull().default(true),
  },
  (t) => [check("tasks_points_non_negative", sql`${t.points} >= 0`)],
);

export const submissionStatuses = ["in_review", "approved", "rejected", "completed"] as const;
export type SubmissionStatus = (typeof submissionStatuses)[number];

/**
 * A member's answer to a task: a review, a photo, survey answers, a profile step. Keyed by the
 * client's id so a retry (or the offline outbox) is the same submission.
 */
export const taskSubmissions = pgTable(
  "task_submissions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    taskId: text("task_id")
      .notNull()
      .references(() => tasks.id),
    kind: text("kind").notNull(),
    clientId: text("client_id").notNull(),
    status: text("status", { enum: submissionStatuses }).notNull(),
    /** Reviews: the product; one live review per member and product. */
    productSku: text("product_sku"),
    /** Kind-specific content: rating and text, survey answers, photo path and size. */
    payload: jsonb("payload").notNull().default(sql`'{}'::jsonb`),
    points: integer("points").notNull(),
    reason: text("reason"),
    createdAt: createdAt(),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    decidedBy: uuid("decided_by").references(() => members.id),
  },
  (t) => [
    check("submissions_status_known", sql`${t.status} in ('in_review','approved','rejected','completed')`),
    unique("submissions_member_client_unique").on(t.memberId, t.clientId),
    uniqueIndex("submissions_one_review_per_product").on(t.memberId, t.productSku).where(sql`${t.kind} = 'product_review' and ${t.status} <> 'rejected'`),
    index("submissions_member_task_idx").on(t.memberId, t.taskId, t.createdAt),
    index("submissions_review_queue_idx").on(t.status, t.createdAt),
  ],
);

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

export { ledgerKinds, type LedgerKind } from "../loyalty/ledger-keys";

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
    index("ledger_member_created_idx").on(t.memberId, t.createdAt),
    // Covering (migration 0009 adds INCLUDE member_id, delta, kind) for the insights' period sums.
    index("ledger_created_idx").on(t.createdAt),
  ],
);

/** Mails captured instead of sent when no EMAIL_SERVER is configured (development and demo). */
export const devMails = pgTable(
  "dev_mails",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    to: text("to").notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    html: text("html"),
    /** Headers a mail client acts on (List-Unsubscribe), as sent. */
    headers: jsonb("headers").$type<Record<string, string>>(),
    url: text("url"),
    createdAt: createdAt(),
  },
  (t) => [index("dev_mails_to_idx").on(t.to, t.createdAt)],
);

/** Addresses no mail goes to any more: the receiving server bounced it, the person complained, or staff stopped it. */
export const emailSuppressions = pgTable(
  "email_suppressions",
  {
    email: text("email").primaryKey(),
    reason: text("reason", { enum: ["bounce", "complaint", "manual"] }).notNull(),
    detail: text("detail"),
    createdAt: createdAt(),
  },
  (t) => [check("email_suppressions_reason_known", sql`${t.reason} in ('bounce','complaint','manual')`), check("email_suppressions_lower", sql`${t.email} = lower(${t.email})`)],
);

/** Fixed-window counters shared by all app instances (magic-link requests per address and per IP). */
export const rateLimits = pgTable(
  "rate_limits",
  {
    key: text("key").notNull(),
    windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
    hits: integer("hits").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] })],
);

/** A platform connector's set-up: the webhook secret (encrypted, lib/connectors/secret-box.ts) and options. */
export const connectorSettings = pgTable("connector_settings", {
  platform: text("platform").primaryKey(),
  secretCiphertext: text("secret_ciphertext"),
  /** The secret's last four characters, so staff recognise it without ever seeing it again. */
  secretHint: text("secret_hint"),
  /** WooCommerce: the order statuses that count as paid. */
  paidStatuses: text("paid_statuses").array(),
  /** The shop's admin API for discounts: its base URL and credentials (JSON, sealed like the secret). */
  adminUrl: text("admin_url"),
  adminCredentialsCiphertext: text("admin_credentials_ciphertext"),
  /** Redeemed rewards become discounts in this shop (the owner's choice in Connections). */
  discountsEnabled: boolean("discounts_enabled").notNull().default(false),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** A Shopware shop that installed the Treue app: its per-shop secret and Admin API credentials, sealed. */
export const shopwareShops = pgTable("shopware_shops", {
  shopId: text("shop_id").primaryKey(),
  shopUrl: text("shop_url").notNull(),
  secretCiphertext: text("secret_ciphertext").notNull(),
  apiKeyCiphertext: text("api_key_ciphertext"),
  secretKeyCiphertext: text("secret_key_ciphertext"),
  confirmedAt: timestamp("confirmed_at", { withTimezone: true }),
  createdAt: createdAt(),
});

/**
 * What a connector kept of a platform's order when it earned: refunds are taken back at its shares.
 * An order id belongs to the one shop that first sent it (`shop`: the Shopware shop id; "" for
 * platforms with one shop per deployment), and only that shop's webhooks read its facts.
 */
export const connectorOrders = pgTable(
  "connector_orders",
  {
    platform: text("platform").notNull(),
    shop: text("shop").notNull().default(""),
    orderId: text("order_id").notNull(),
    taxesIncluded: boolean("taxes_included").notNull(),
    grossCents: integer("gross_cents").notNull(),
    netCents: integer("net_cents").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.platform, t.orderId] })],
);

/** Each webhook a platform delivered and what became of it (the console's Connections page). */
export const connectorDeliveries = pgTable(
  "connector_deliveries",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    platform: text("platform").notNull(),
    /** The platform's delivery id (Shopify X-Shopify-Webhook-Id, WooCommerce X-WC-Webhook-Delivery-ID). */
    deliveryId: text("delivery_id").notNull(),
    topic: text("topic").notNull(),
    outcome: text("outcome", { enum: ["applied", "duplicate", "ignored", "rejected", "failed", "ping", "test"] }).notNull(),
    detail: text("detail"),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("connector_deliveries_recent_idx").on(t.platform, t.receivedAt)],
);

/** Every shop event applied, keyed by the shop's event id: a replay returns the stored result. */
export const shopEvents = pgTable("shop_events", {
  id: text("id").primaryKey(),
  type: text("type").notNull(),
  /** sha256 of the canonical JSON body: tells a retry from a different event reusing an id. */
  bodyHash: text("body_hash").notNull(),
  result: jsonb("result"),
  createdAt: createdAt(),
});

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

/** Small server-wide values made once and shared by every instance (e.g. generated VAPID keys). */
export const appSettings = pgTable("app_settings", {
  key: text("key").primaryKey(),
  value: jsonb("value").notNull(),
  createdAt: createdAt(),
});

/**
 * Insights as computed for a period (lib/db/queries/metric-snapshots.ts): the console reads a
 * snapshot while it is fresh, so a year of a large shop opens at once; jobs refresh the presets.
 */
export const metricSnapshots = pgTable("metric_snapshots", {
  key: text("key").primaryKey(),
  computedAt: timestamp("computed_at", { withTimezone: true }).notNull(),
  // json, not jsonb: the numbers come back in the order they were computed (the CSV's columns).
  payload: json("payload").notNull(),
});

/** A browser's Web Push subscription; the push service's answer 404/410 removes it. */
export const pushSubscriptions = pgTable(
  "push_subscriptions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    endpoint: text("endpoint").notNull().unique(),
    p256dh: text("p256dh").notNull(),
    auth: text("auth").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("push_subscriptions_member_idx").on(t.memberId)],
);

export { notificationCategories, type NotificationCategory };
export const notificationStatuses = ["pending", "sent", "failed"] as const;
export const notificationChannels = ["push", "email", "sms"] as const;
export type NotificationChannel = (typeof notificationChannels)[number];

/**
 * The outbox of messages to shoppers: written in the transaction of its cause, with the channel
 * chosen then (push where subscribed, else e-mail; never both), sent by lib/push/outbox-worker.ts
 * and lib/mail/outbox-worker.ts. The text is rendered at send time from kind + params, in the
 * member's language then.
 */
export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    category: text("category", { enum: notificationCategories }).notNull(),
    channel: text("channel", { enum: notificationChannels }).notNull().default("push"),
    kind: text("kind").notNull(),
    /** What sent it, for Insights: a journey ("journey:expiring") or a campaign ("campaign:<id>"). */
    source: text("source"),
    params: jsonb("params").$type<Record<string, string | number>>().notNull().default(sql`'{}'::jsonb`),
    /** The screen a tap opens, a path inside the app. */
    url: text("url").notNull(),
    /** One notification per cause: a retried event or job run writes nothing new. */
    dedupeKey: text("dedupe_key").notNull(),
    status: text("status", { enum: notificationStatuses }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    /** When a worker may (re)try; a claim pushes it forward, so a crashed worker's claim lapses. */
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    lastError: text("last_error"),
    createdAt: createdAt(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    openedAt: timestamp("opened_at", { withTimezone: true }),
    /** The first click on a tracked link of the message (e-mail). */
    clickedAt: timestamp("clicked_at", { withTimezone: true }),
    /** The member unsubscribed from its category by this message's link (or after it, as the latest one of that category). */
    unsubscribedAt: timestamp("unsubscribed_at", { withTimezone: true }),
  },
  (t) => [
    unique("notifications_member_dedupe_unique").on(t.memberId, t.dedupeKey),
    index("notifications_due_idx").on(t.channel, t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    index("notifications_member_recent_idx").on(t.memberId, t.createdAt),
    // Insights: messages of journeys and campaigns by period.
    index("notifications_source_created_idx").on(t.createdAt).where(sql`${t.source} is not null`),
    check("notifications_status_known", sql`${t.status} in ('pending','sent','failed')`),
    check("notifications_channel_known", sql`${t.channel} in ('push','email','sms')`),
    check("notifications_url_in_app", sql`${t.url} like '/%' and ${t.url} not like '//%'`),
  ],
);

/**
 * Every version of the earn rule, effective from a moment (now or scheduled). An order earns under
 * the version in force when it was paid and keeps that version's number, so history stays explainable.
 */
export const earnRuleVersions = pgTable(
  "earn_rule_versions",
  {
    version: integer("version").primaryKey(),
    programId: text("program_id")
      .notNull()
      .references(() => programs.id, { onDelete: "cascade" }),
    rule: jsonb("rule").notNull(),
    effectiveFrom: timestamp("effective_from", { withTimezone: true }).notNull(),
    createdBy: uuid("created_by").references(() => members.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("earn_rule_versions_effective_idx").on(t.programId, t.effectiveFrom)],
);

/**
 * Append-only record of every console change: who, when, what, before and after. A trigger
 * (migration 0008) refuses updates and deletes.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    /** No foreign key: audit rows are never updated, whatever happens to the account. */
    actorId: uuid("actor_id"),
    /** Kept as text: the log must still say who after the actor's account is gone. */
    actorEmail: text("actor_email").notNull(),
    action: text("action").notNull(),
    /** What was changed, e.g. "member:<uuid>", "reward:eur5", "program:earn-rule". */
    target: text("target").notNull(),
    before: jsonb("before"),
    after: jsonb("after"),
    createdAt: createdAt(),
  },
  (t) => [index("audit_log_created_idx").on(t.createdAt), index("audit_log_target_idx").on(t.target, t.createdAt), index("audit_log_action_idx").on(t.action, t.createdAt)],
);

export const supportRequestStatuses = ["open", "resolved"] as const;

/** "Punkte fehlen?": a shopper names an order that earned nothing; staff answer with points or a reply. */
export const supportRequests = pgTable(
  "support_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    orderNumber: text("order_number").notNull(),
    orderDate: date("order_date").notNull(),
    message: text("message"),
    status: text("status", { enum: supportRequestStatuses }).notNull().default("open"),
    reply: text("reply"),
    pointsGranted: integer("points_granted"),
    resolvedBy: uuid("resolved_by").references(() => members.id, { onDelete: "set null" }),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    check("support_requests_status_known", sql`${t.status} in ('open','resolved')`),
    unique("support_requests_member_order_unique").on(t.memberId, t.orderNumber),
    index("support_requests_queue_idx").on(t.status, t.createdAt),
  ],
);

export const campaignStatuses = ["scheduled", "sending", "sent", "cancelled"] as const;
export type CampaignStatus = (typeof campaignStatuses)[number];

/**
 * A message the owner writes to a segment, sent at a time through the outbox in batches (the
 * cursor is the last member queued, so a restart carries on). It may make a reward exclusive to
 * its audience, or open one to them before its catalog date (early access), until reward_until.
 */
export const campaigns = pgTable(
  "campaigns",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    /** Title and text per language (lib/loyalty/campaigns.ts). */
    message: jsonb("message").notNull(),
    /** Who it is for (lib/loyalty/campaigns.ts segmentSchema). */
    segment: jsonb("segment").notNull().default(sql`'{}'::jsonb`),
    rewardId: text("reward_id").references(() => rewards.id),
    rewardMode: text("reward_mode", { enum: ["exclusive", "early_access"] }),
    rewardUntil: timestamp("reward_until", { withTimezone: true }),
    scheduledAt: timestamp("scheduled_at", { withTimezone: true }).notNull(),
    status: text("status", { enum: campaignStatuses }).notNull().default("scheduled"),
    /** Members in the audience when it was sent, and queued so far (the batches' cursor). */
    audience: integer("audience"),
    queued: integer("queued").notNull().default(0),
    cursor: uuid("cursor"),
    startedAt: timestamp("started_at", { withTimezone: true }),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    createdBy: uuid("created_by").references(() => members.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    check("campaigns_status_known", sql`${t.status} in ('scheduled','sending','sent','cancelled')`),
    check("campaigns_reward_mode", sql`(${t.rewardId} is null) = (${t.rewardMode} is null)`),
    index("campaigns_due_idx").on(t.scheduledAt).where(sql`${t.status} in ('scheduled','sending')`),
    index("campaigns_reward_idx").on(t.rewardId),
  ],
);

/** A campaign's audience as it was when sent: who was told, and who alone may see its exclusive reward. */
export const campaignMembers = pgTable(
  "campaign_members",
  {
    campaignId: uuid("campaign_id")
      .notNull()
      .references(() => campaigns.id, { onDelete: "cascade" }),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.memberId] }), index("campaign_members_member_idx").on(t.memberId)],
);
