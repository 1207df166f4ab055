// The shop's program: its settings, tiers, rewards and the earn rule's versions. (lib/db/schema/index.ts gathers every part.)
import { sql } from "drizzle-orm";
import { boolean, check, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { rewardKinds, type RewardKind } from "../../loyalty/rewards";
import {
  COUPON_VALID_DAYS,
  LIST_POSITION,
  MIN_ORDER_CENTS,
  PER_MEMBER_LIMIT,
  POINT_VALUE_MILLI_CENTS,
  POINTS_OFF_VALUE_CENTS,
  REWARD_PERCENT_OFF,
  REWARD_POINTS_COST,
  REWARD_STOCK,
  REWARD_VALUE_CENTS,
  TEXT,
  TIER_MULTIPLIER_PERCENT,
  TIER_THRESHOLD_CENTS,
} from "../../validations/limits";
import { createdAt, lengthWithin, type LocalizedText, type TierBenefits, unsetOrLengthWithin, unsetOrWithin, within } from "./columns";
import { members } from "./members";

// The console's limits (lib/validations/limits.ts) are CHECKs on the plain columns below, so a write
// that skips the forms is refused too. What sits in JSON documents (localized names and texts, the
// earn, tier and referral rules, challenges, branding, journeys) stays checked by its zod schema.

/** The shop's loyalty program. One row per deployment today; the id keeps room for more. */
export const programs = pgTable(
  "programs",
  {
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
  },
  (t) => [check("programs_name_length", lengthWithin(t.name, TEXT.programName)), check("programs_point_value_range", within(t.pointValueMilliCents, POINT_VALUE_MILLI_CENTS))],
);

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
    check("tiers_threshold_range", within(t.thresholdCents, TIER_THRESHOLD_CENTS)),
    check("tiers_multiplier_range", within(t.multiplierPercent, TIER_MULTIPLIER_PERCENT)),
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
    check("rewards_cost_range", within(t.pointsCost, REWARD_POINTS_COST)),
    check("rewards_kind_known", sql`${t.kind} in ('amount_off','percent_off','free_shipping','free_product','sale_access','points_off')`),
    check(
      "rewards_points_off_steps",
      sql`${t.kind} <> 'points_off' or (${t.stepValueCents} > 0 and ${t.minValueCents} >= ${t.stepValueCents} and ${t.maxValueCents} >= ${t.minValueCents} and ${t.minValueCents} % ${t.stepValueCents} = 0 and ${t.maxValueCents} % ${t.stepValueCents} = 0)`,
    ),
    check("rewards_value_range", unsetOrWithin(t.valueCents, REWARD_VALUE_CENTS)),
    check("rewards_percent_range", unsetOrWithin(t.percentOff, REWARD_PERCENT_OFF)),
    check("rewards_min_order_range", unsetOrWithin(t.minOrderCents, MIN_ORDER_CENTS)),
    check("rewards_validity_range", within(t.couponValidDays, COUPON_VALID_DAYS)),
    check("rewards_stock_range", unsetOrWithin(t.stock, REWARD_STOCK)),
    check("rewards_per_member_range", unsetOrWithin(t.perMemberLimit, PER_MEMBER_LIMIT)),
    check("rewards_position_range", within(t.position, LIST_POSITION)),
    check("rewards_step_value_range", unsetOrWithin(t.stepValueCents, REWARD_VALUE_CENTS)),
    check("rewards_min_value_range", unsetOrWithin(t.minValueCents, POINTS_OFF_VALUE_CENTS)),
    check("rewards_max_value_range", unsetOrWithin(t.maxValueCents, POINTS_OFF_VALUE_CENTS)),
    check("rewards_sku_length", unsetOrLengthWithin(t.sku, TEXT.sku)),
    check("rewards_category_length", unsetOrLengthWithin(t.category, TEXT.category)),
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
