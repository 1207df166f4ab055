// Tasks that earn points between purchases: what each kind asks for, when it can be done, what
// it pays. Pure: configuration and facts in, decisions out.
import { TZDate } from "@date-fns/tz";
import { startOfMonth, startOfQuarter, startOfYear } from "date-fns";
import { dayStartIn, yearMonthIn } from "./calendar";
import { z } from "zod";
import { TASK_MAX_PER_MEMBER } from "../validations/limits";

export const taskKinds = ["product_review", "photo_upload", "survey", "profile_completion", "birthday", "newsletter", "social_follow"] as const;
export type TaskKind = (typeof taskKinds)[number];

/** Kinds a person checks before points are paid; the rest pay on submission. */
export const MODERATED_KINDS: ReadonlySet<TaskKind> = new Set(["product_review", "photo_upload"]);

const localized = z.object({ de: z.string().min(1).max(500), en: z.string().min(1).max(500) });

export const surveyQuestionSchema = z.discriminatedUnion("type", [
  z.object({ id: z.string().min(1).max(40), type: z.literal("nps"), label: localized }),
  z.object({ id: z.string().min(1).max(40), type: z.literal("single"), label: localized, options: z.array(localized).min(2).max(12) }),
  z.object({ id: z.string().min(1).max(40), type: z.literal("multiple"), label: localized, options: z.array(localized).min(2).max(12) }),
  z.object({ id: z.string().min(1).max(40), type: z.literal("scale"), label: localized, min: z.number().min(0).max(10).int(), max: z.number().min(1).max(10).int() }),
  z.object({ id: z.string().min(1).max(40), type: z.literal("text"), label: localized, required: z.boolean().default(false), maxLength: z.number().min(1).max(2_000).int().default(1_000) }),
]);
export type SurveyQuestion = z.infer<typeof surveyQuestionSchema>;

/** A task's settings in the program (tasks.config). */
export const taskConfigSchema = z.object({
  /** Submissions of this task per member and calendar day (the program's time zone). */
  dailyCap: z.number().min(1).max(100).int().default(3),
  /** Submissions per member in all (reviews: per product instead), or per repeat period. */
  maxPerMember: z.number().min(TASK_MAX_PER_MEMBER.min).max(TASK_MAX_PER_MEMBER.max).int().nullable().default(1),
  /**
   * Whether the limit starts again each calendar month, quarter or year (the program's time zone):
   * an NPS survey asked every quarter is answered at most once a quarter, so each answer counts.
   */
  repeatEvery: z.enum(["never", "month", "quarter", "year"]).default("never"),
  validFrom: z.iso.datetime().nullable().default(null),
  validUntil: z.iso.datetime().nullable().default(null),
  /** Reviews: the shortest text that counts. */
  minTextLength: z.number().min(0).max(2_000).int().default(40),
  questions: z.array(surveyQuestionSchema).max(20).default([]),
  /** The product category the task is about (a photo of tents): shoppers who buy there see it first. */
  category: z.string().trim().min(1).max(100).nullable().default(null),
  /** Social follow: the shop's profiles, each followed (honour system) once. */
  socialLinks: z.array(z.object({ network: z.string().min(1).max(40), url: z.url() })).max(10).default([]),
});
export type TaskConfig = z.infer<typeof taskConfigSchema>;

export function parseTaskConfig(raw: unknown): TaskConfig {
  return taskConfigSchema.parse(raw ?? {});
}

export type RepeatEvery = TaskConfig["repeatEvery"];
export type TaskBlock = "not-yet" | "ended" | "daily-cap" | "done" | "done-month" | "done-quarter" | "done-year";

/** Where the current repeat period began (the program's time zone); null when the limit never starts again. */
export function repeatPeriodStart(repeatEvery: RepeatEvery, now: Date, timeZone: string): Date | null {
  if (repeatEvery === "never") return null;
  const local = new TZDate(now.getTime(), timeZone);
  const start = repeatEvery === "month" ? startOfMonth(local) : repeatEvery === "quarter" ? startOfQuarter(local) : startOfYear(local);
  return new Date(start.getTime());
}

/**
 * Whether a member can submit this task now. `submittedInPeriod` counts the member's submissions
 * (not rejected) since the repeat period began, or in all when the task does not repeat.
 */
export function taskAvailability(
  config: TaskConfig,
  facts: { now: Date; submittedToday: number; submittedInPeriod: number },
): { ok: true } | { ok: false; reason: TaskBlock } {
  if (config.validFrom && facts.now < new Date(config.validFrom)) return { ok: false, reason: "not-yet" };
  if (config.validUntil && facts.now > new Date(config.validUntil)) return { ok: false, reason: "ended" };
  if (config.maxPerMember !== null && facts.submittedInPeriod >= config.maxPerMember) {
    return { ok: false, reason: config.repeatEvery === "never" ? "done" : `done-${config.repeatEvery}` };
  }
  if (facts.submittedToday >= config.dailyCap) return { ok: false, reason: "daily-cap" };
  return { ok: true };
}

export type OrderItem = { sku: string; name: string };

/** Products a member may still review: bought (from order items), not yet reviewed. */
export function reviewableProducts(orderItems: readonly OrderItem[], reviewedSkus: ReadonlySet<string>): OrderItem[] {
  const seen = new Map<string, OrderItem>();
  for (const item of orderItems) if (!reviewedSkus.has(item.sku) && !seen.has(item.sku)) seen.set(item.sku, { sku: item.sku, name: item.name });
  return [...seen.values()];
}

export function reviewSchema(config: TaskConfig) {
  return z.object({
    sku: z.string().trim().min(1).max(128),
    rating: z.coerce.number().int("rating").min(1, "rating").max(5, "rating"),
    text: z.string().trim().min(config.minTextLength, "text-too-short").max(4_000, "text-too-long"),
  });
}

/** Answers to a survey, checked against its questions: every NPS/single/scale answered, in range. */
export function surveyAnswersSchema(questions: readonly SurveyQuestion[]) {
  const shape: Record<string, z.ZodType> = {};
  for (const q of questions) {
    switch (q.type) {
      case "nps":
        shape[q.id] = z.coerce.number().min(0).max(10).int();
        break;
      case "scale":
        shape[q.id] = z.coerce.number().min(q.min).max(q.max).int();
        break;
      case "single":
        shape[q.id] = z.coerce.number().min(0).max(q.options.length - 1).int();
        break;
      case "multiple":
        shape[q.id] = z.array(z.coerce.number().min(0).max(q.options.length - 1).int()).max(q.options.length);
        break;
      case "text": {
        const text = z.string().trim().max(q.maxLength);
        shape[q.id] = q.required ? text.min(1) : text.optional();
        break;
      }
    }
  }
  return z.object(shape);
}

/** The NPS bucket of a 0–10 answer. */
export function npsCategory(score: number): "detractor" | "passive" | "promoter" {
  return score >= 9 ? "promoter" : score >= 7 ? "passive" : "detractor";
}

/** Local midnight of the day `now` is in (the program's time zone): daily caps count from here. */
export function dayStart(now: Date, timeZone: string): Date {
  return dayStartIn(now, timeZone);
}

/**
 * The birthday bonus: in the birthday month, once per calendar year, both as the program's time
 * zone reads the calendar. Replaces the per-member limit for this kind.
 */
export function birthdayBonus(
  birthday: string | null,
  now: Date,
  lastClaimedAt: Date | null,
  timeZone: string,
): { ok: true } | { ok: false; reason: "no-birthday" | "not-birthday-month" | "done" } {
  if (!birthday) return { ok: false, reason: "no-birthday" };
  const today = yearMonthIn(now, timeZone);
  if (Number(birthday.slice(5, 7)) - 1 !== today.month) return { ok: false, reason: "not-birthday-month" };
  if (lastClaimedAt && yearMonthIn(lastClaimedAt, timeZone).year === today.year) return { ok: false, reason: "done" };
  return { ok: true };
}
