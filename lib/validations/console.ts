// What console forms send. The same schemas check the form in the browser and the request on
// the server (app/api/console/[action]), so a message shown before sending is the one the server gives.
import { z } from "zod";
import { adminBaseUrl } from "../connectors/discounts/admin-url";
import { segmentSchema } from "../loyalty/campaigns";
import { JOURNEY_KEYS, journeySettingsProblem, journeySettingsSchema } from "../loyalty/journeys";
import { brandingSchema } from "../loyalty/branding";
import { earnRuleSchema } from "../loyalty/earn-rule";
import { challengeSchema } from "../loyalty/gamification";
import { referralRuleSchema } from "../loyalty/referrals";
import { tierRuleSchema } from "../loyalty/tier-standing";
import { memberRoles, staffRoles } from "../loyalty/roles";
import { rewardKinds } from "../loyalty/rewards";
import { pointsOffSettingsProblems } from "../loyalty/points-off";
import { JOB_NAMES } from "../jobs/job-names";
import { msg } from "./issue-message";
import {
  COUPON_VALID_DAYS,
  GENERATED_CODES,
  LIST_POSITION,
  MIN_ORDER_CENTS,
  PER_MEMBER_LIMIT,
  POINT_VALUE_MILLI_CENTS,
  POINTS_ADJUSTMENT,
  POINTS_OFF_VALUE_CENTS,
  REWARD_PERCENT_OFF,
  REWARD_POINTS_COST,
  REWARD_STOCK,
  REWARD_VALUE_CENTS,
  SLUG,
  TEXT,
  TIER_MULTIPLIER_PERCENT,
  TIER_THRESHOLD_CENTS,
} from "./limits";

const reason = z.string().trim().min(TEXT.reason.min, msg("validation.reasonTooShort")).max(TEXT.reason.max);
const localized = (max: number) => z.object({ de: z.string().trim().min(1).max(max), en: z.string().trim().min(1).max(max) });
const slug = z.string().trim().min(1).regex(SLUG.pattern, msg("validation.slug"));
const futureOrNow = z.iso.datetime({ offset: true }).optional();

export const adjustPointsSchema = z.object({
  memberId: z.uuid(),
  points: z
    .number()
    .min(POINTS_ADJUSTMENT.min)
    .max(POINTS_ADJUSTMENT.max)
    .int()
    .refine((n) => n !== 0, msg("validation.adjustZero")),
  reason,
  requestId: z.uuid(),
});

export const cancelCouponSchema = z.object({ couponId: z.uuid(), reason });

export const earnRuleChangeSchema = z.object({
  rule: earnRuleSchema,
  /** Unset: from now. */
  effectiveFrom: futureOrNow,
});

export const tiersChangeSchema = z
  .object({
    rule: tierRuleSchema,
    /** Unset: from now; else the moment the new ladder takes over. */
    effectiveFrom: futureOrNow,
    tiers: z
      .array(
        z.object({
          id: slug,
          name: localized(TEXT.tierName.max),
          thresholdCents: z.number().min(TIER_THRESHOLD_CENTS.min).max(TIER_THRESHOLD_CENTS.max).int(),
          multiplierPercent: z.number().min(TIER_MULTIPLIER_PERCENT.min).max(TIER_MULTIPLIER_PERCENT.max).int(),
          perks: localized(TEXT.tierPerks.max).optional(),
          benefits: z.object({ freeShipping: z.boolean().default(false), exclusiveRewards: z.boolean().default(false), earlyAccess: z.boolean().default(false) }),
        }),
      )
      .min(1)
      .max(10),
  })
  .superRefine((v, ctx) => {
    const sorted = [...v.tiers].sort((a, b) => a.thresholdCents - b.thresholdCents);
    if (sorted[0]!.thresholdCents !== 0) ctx.addIssue({ code: "custom", path: ["tiers", 0, "thresholdCents"], message: msg("validation.firstTierFromZero") });
    const ids = new Set<string>();
    v.tiers.forEach((t, i) => {
      if (ids.has(t.id)) ctx.addIssue({ code: "custom", path: ["tiers", i, "id"], message: msg("validation.tierIdTwice") });
      ids.add(t.id);
    });
    for (let i = 1; i < sorted.length; i++) {
      if (sorted[i]!.thresholdCents === sorted[i - 1]!.thresholdCents) ctx.addIssue({ code: "custom", path: ["tiers"], message: msg("validation.tierThresholdTwice") });
    }
  });

export const rewardSchema = z
  .object({
    id: slug,
    kind: z.enum(rewardKinds),
    name: localized(TEXT.rewardName.max),
    description: localized(TEXT.rewardDescription.max),
    pointsCost: z.number().min(REWARD_POINTS_COST.min).max(REWARD_POINTS_COST.max).int(),
    valueCents: z.number().min(REWARD_VALUE_CENTS.min).max(REWARD_VALUE_CENTS.max).int().nullable().default(null),
    percentOff: z.number().min(REWARD_PERCENT_OFF.min).max(REWARD_PERCENT_OFF.max).int().nullable().default(null),
    sku: z.string().trim().min(TEXT.sku.min).max(TEXT.sku.max).nullable().default(null),
    category: z.string().trim().min(TEXT.category.min).max(TEXT.category.max).nullable().default(null),
    minOrderCents: z.number().min(MIN_ORDER_CENTS.min).max(MIN_ORDER_CENTS.max).int().nullable().default(null),
    couponValidDays: z.number().min(COUPON_VALID_DAYS.min).max(COUPON_VALID_DAYS.max).int().default(30),
    stock: z.number().min(REWARD_STOCK.min).max(REWARD_STOCK.max).int().nullable().default(null),
    perMemberLimit: z.number().min(PER_MEMBER_LIMIT.min).max(PER_MEMBER_LIMIT.max).int().nullable().default(null),
    minTierId: z.string().min(1).max(40).nullable().default(null),
    position: z.number().min(LIST_POSITION.min).max(LIST_POSITION.max).int().default(0),
    active: z.boolean().default(true),
    /** Shown in the catalog from / until (null: at once / open-ended). */
    availableFrom: z.iso.datetime({ offset: true }).nullable().default(null),
    availableUntil: z.iso.datetime({ offset: true }).nullable().default(null),
    /** points_off: money per step (for `pointsCost` points), least and most money off per redemption. */
    stepValueCents: z.number().min(REWARD_VALUE_CENTS.min).max(REWARD_VALUE_CENTS.max).int().nullable().default(null),
    minValueCents: z.number().min(POINTS_OFF_VALUE_CENTS.min).max(POINTS_OFF_VALUE_CENTS.max).int().nullable().default(null),
    maxValueCents: z.number().min(POINTS_OFF_VALUE_CENTS.min).max(POINTS_OFF_VALUE_CENTS.max).int().nullable().default(null),
  })
  .superRefine((r, ctx) => {
    if (r.availableFrom && r.availableUntil && Date.parse(r.availableUntil) <= Date.parse(r.availableFrom)) {
      ctx.addIssue({ code: "custom", path: ["availableUntil"], message: msg("validation.endAfterStart") });
    }
    if (r.kind === "amount_off" && r.valueCents === null) ctx.addIssue({ code: "custom", path: ["valueCents"], message: msg("validation.amountOffNeedsValue") });
    if (r.kind === "percent_off" && r.percentOff === null) ctx.addIssue({ code: "custom", path: ["percentOff"], message: msg("validation.percentOffNeedsPercent") });
    if (r.kind === "free_product" && r.sku === null) ctx.addIssue({ code: "custom", path: ["sku"], message: msg("validation.freeProductNeedsSku") });
    if (r.kind === "points_off") {
      for (const { field, problem } of pointsOffSettingsProblems(r)) ctx.addIssue({ code: "custom", path: [field], message: msg(`rewards.pointsOffErrors.${problem}`, r.stepValueCents === null ? undefined : { stepCents: r.stepValueCents }) });
    }
  });

export type RewardInput = z.input<typeof rewardSchema>;
export type RewardDefinition = z.output<typeof rewardSchema>;

export const rewardCodesSchema = z.object({
  rewardId: slug,
  /** The shop's codes, one per line or as CSV (first column). */
  csv: z.string().max(1_000_000).optional(),
  /** Or let Treue generate this many. */
  generate: z.number().min(GENERATED_CODES.min).max(GENERATED_CODES.max).int().optional(),
});

export const moderationSchema = z
  .object({
    submissionIds: z.array(z.uuid()).min(1).max(100),
    decision: z.enum(["approve", "reject"]),
    reason: reason.optional(),
  })
  .refine((v) => v.decision === "approve" || v.reason !== undefined, { path: ["reason"], message: msg("validation.rejectNeedsReason") });

export const staffInviteSchema = z.object({ email: z.email().transform((e) => e.trim().toLowerCase()), role: z.enum(staffRoles) });
export const staffRoleSchema = z.object({ memberId: z.uuid(), role: z.enum(memberRoles) });

/** Retry a failed run of a background job (lib/jobs/definitions.ts names them). */
export const jobRetrySchema = z.object({ job: z.enum(JOB_NAMES), id: z.uuid() });

export const programSettingsSchema = z.object({
  /** Unset: from now. */
  effectiveFrom: futureOrNow,
  name: z.string().trim().min(TEXT.programName.min).max(TEXT.programName.max),
  referralRule: referralRuleSchema,
  /** What one point is worth, in hundredths of a cent (100 = 1 cent). */
  pointValueMilliCents: z.number().min(POINT_VALUE_MILLI_CENTS.min).max(POINT_VALUE_MILLI_CENTS.max).int(),
  branding: brandingSchema,
});

export const eraseMemberSchema = z.object({
  memberId: z.uuid(),
  /** Typed by staff to confirm: the member's e-mail address. */
  confirmEmail: z.string().trim().min(3).max(320),
});

/** The first-run wizard: the shop's name; everything else starts from the default program. */
export const programSetupSchema = z.object({ name: z.string().trim().min(TEXT.programName.min).max(TEXT.programName.max) });

export const challengesSchema = z.object({
  challenges: z
    // A challenge's id names its bonus in the ledger's keys: the console holds it to the slug form.
    .array(challengeSchema.extend({ id: slug }))
    .max(20)
    .superRefine((list, ctx) => {
      const seen = new Set<string>();
      list.forEach((c, i) => {
        if (seen.has(c.id)) ctx.addIssue({ code: "custom", path: [i, "id"], message: msg("validation.idTwice", { id: c.id }) });
        seen.add(c.id);
      });
    }),
});

const platform = z.enum(["shopify", "woocommerce"]);

/** A webhook secret as the platform shows it; set or rotated, never shown again in full. */
export const connectorSecretSchema = z.object({
  platform,
  secret: z.string().trim().min(16, msg("validation.secretTooShort")).max(200),
});

export const wooStatuses = ["processing", "completed", "on-hold"] as const;
export const connectorPaidStatusesSchema = z.object({ statuses: z.array(z.enum(wooStatuses)).min(1, msg("validation.paidStatusRequired")) });

export const connectorTestSchema = z.object({ platform });

const adminUrl = z
  .string()
  .trim()
  .max(300)
  .refine((v) => v === "" || adminBaseUrl(v) !== null, msg("validation.shopAdminUrl"));
const credential = z.string().trim().min(8, msg("validation.credential")).max(300);

/**
 * Redeemed rewards as discounts in the shop, per connection: on or off, and the admin API access
 * (left out: the stored access stays). Shopware uses the access its app registration handed over.
 */
export const connectorDiscountsSchema = z.discriminatedUnion("platform", [
  z.object({ platform: z.literal("shopify"), enabled: z.boolean(), adminUrl: adminUrl.optional(), accessToken: credential.optional() }),
  z.object({ platform: z.literal("woocommerce"), enabled: z.boolean(), adminUrl: adminUrl.optional(), consumerKey: credential.optional(), consumerSecret: credential.optional() }),
  z.object({ platform: z.literal("shopware"), enabled: z.boolean() }),
]);

export const connectorDiscountCheckSchema = z.object({ platform: z.enum(["shopify", "woocommerce", "shopware"]) });

/** One journey's settings (console → Journeys): on or off, timing, gift, the shop's own words. */
export const journeySaveSchema = z
  .object({ key: z.enum(JOURNEY_KEYS), settings: journeySettingsSchema })
  .superRefine((input, ctx) => {
    const problem = journeySettingsProblem(input.key, input.settings);
    if (problem) ctx.addIssue({ code: "custom", path: ["settings", input.key === "expiring" ? "leadDays" : "rewardId"], message: msg(problem) });
  });

/** Counting a segment's audience before scheduling (console → Campaigns). */
export const campaignPreviewSchema = z.object({ segment: segmentSchema });
export const campaignCancelSchema = z.object({ id: z.uuid() });

/**
 * The shop API's secret (console → Connections → Shop API): left empty, Treue makes a strong one;
 * typed, at least 32 visible characters (a secret a shop already uses, say from TREUE_SHOP_SECRET).
 * `endPrevious`: the replaced secret stops at once instead of after its grace period (a leaked one).
 */
export const shopApiSecretSchema = z.object({
  secret: z
    .string()
    .trim()
    .max(200, "Höchstens 200 Zeichen.")
    .refine((v) => v === "" || v.length >= 32, "Mindestens 32 Zeichen – oder leer lassen, dann erzeugt Treue ein sicheres Secret.")
    .refine((v) => /^[\x21-\x7e]*$/.test(v), "Nur sichtbare ASCII-Zeichen, ohne Leerzeichen.")
    .optional()
    .transform((v) => (v ? v : undefined)),
  endPrevious: z.boolean().default(false),
});

export const shopApiTestSchema = z.object({});
export const shopApiSecretDeleteSchema = z.object({});
