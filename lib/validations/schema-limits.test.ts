import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { challengeSchema } from "../loyalty/gamification";
import { earnRuleSchema } from "../loyalty/earn-rule";
import { journeySettingsSchema } from "../loyalty/journeys";
import { referralRuleSchema } from "../loyalty/referrals";
import { taskConfigSchema } from "../loyalty/tasks";
import { tierRuleSchema } from "../loyalty/tier-standing";
import { challengesSchema } from "./console";
import * as limits from "./limits";

/** The schema takes the limit's ends and refuses one past either. */
function holdsTo(schema: z.ZodType, base: Record<string, unknown>, field: string, { min, max }: { min: number; max: number }) {
  for (const ok of [min, max]) expect(schema.safeParse({ ...base, [field]: ok }).success, `${field}=${ok}`).toBe(true);
  for (const bad of [min - 1, max + 1]) expect(schema.safeParse({ ...base, [field]: bad }).success, `${field}=${bad}`).toBe(false);
}

describe("schemas read their limits from limits.ts", () => {
  it("rules and challenges refuse exactly past the shared limits", () => {
    const challenge = { id: "reviews-month", title: { de: "Drei Bewertungen", en: "Three reviews" }, taskKind: "product_review", target: 3, period: "month", bonusPoints: 100 };
    holdsTo(challengeSchema, challenge, "target", limits.CHALLENGE_TARGET);
    holdsTo(challengeSchema, challenge, "bonusPoints", limits.CHALLENGE_BONUS_POINTS);
    holdsTo(tierRuleSchema, {}, "graceDays", limits.TIER_GRACE_DAYS);
    holdsTo(taskConfigSchema, {}, "maxPerMember", limits.TASK_MAX_PER_MEMBER);
    holdsTo(earnRuleSchema, {}, "pointsPerUnit", limits.POINTS_PER_UNIT);
    holdsTo(earnRuleSchema, {}, "pointsValidMonths", limits.POINTS_VALID_MONTHS);
    holdsTo(earnRuleSchema, {}, "expiryWarningDays", limits.EXPIRY_WARNING_DAYS);
    holdsTo(referralRuleSchema, {}, "returnWindowDays", limits.REFERRAL_RETURN_WINDOW_DAYS);
    holdsTo(referralRuleSchema, {}, "attributionDays", limits.REFERRAL_ATTRIBUTION_DAYS);
    holdsTo(referralRuleSchema, {}, "monthlyLimit", limits.REFERRALS_PER_MONTH);
    holdsTo(referralRuleSchema, {}, "ipClaimLimit", limits.REFERRAL_CLAIMS_PER_IP);
    holdsTo(journeySettingsSchema, { enabled: true }, "days", limits.JOURNEY_DAYS);
    holdsTo(journeySettingsSchema, { enabled: true }, "validDays", limits.JOURNEY_SHORT_DAYS);
  });

  it("a challenge saved from the console needs a slug id, and the refusal points at that row's id", () => {
    const row = { id: "Neue Challenge!", title: { de: "Neu", en: "New" }, taskKind: "product_review", target: 3, period: "month", bonusPoints: 100 };
    const result = challengesSchema.safeParse({ challenges: [row] });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join("/"))).toEqual(["challenges/0/id"]);
    expect(challengesSchema.safeParse({ challenges: [{ ...row, id: "neue-challenge" }] }).success).toBe(true);
  });
});
