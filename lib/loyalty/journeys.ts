// The automatic messages of the program ("journeys"): what each is about, when it goes out, and
// the shop's own words if it wrote any. Pure: parsing the console's settings with defaults.
import { z } from "zod";
import { msg } from "../validations/issue-message";
import { JOURNEY_DAYS, JOURNEY_SHORT_DAYS } from "../validations/limits";
import type { NotificationCategory } from "./notification-categories";
import { whatsappTemplateSchema } from "./whatsapp";

export const JOURNEY_KEYS = [
  "welcome",
  "points_digest",
  "expiring",
  "tier_reached",
  "tier_at_risk",
  "birthday",
  "reward_available",
  "win_back",
  "referral_qualified",
  "review_published",
] as const;
export type JourneyKey = (typeof JOURNEY_KEYS)[number];

/** The outbox's kind (the default text in lib/i18n/messages under push.* and mail.*) and the category a shopper can switch off. */
export const JOURNEY_MESSAGES: Record<JourneyKey, { kind: string; category: NotificationCategory }> = {
  welcome: { kind: "welcome", category: "points" },
  points_digest: { kind: "points_digest", category: "points" },
  expiring: { kind: "points_expiring", category: "expiring" },
  tier_reached: { kind: "tier_up", category: "tier" },
  tier_at_risk: { kind: "tier_at_risk", category: "tier" },
  birthday: { kind: "birthday", category: "offers" },
  reward_available: { kind: "reward_available", category: "offers" },
  win_back: { kind: "win_back", category: "offers" },
  referral_qualified: { kind: "referral_rewarded", category: "referral" },
  review_published: { kind: "task_approved", category: "task_result" },
};

const text = z.object({
  subject: z.string().trim().min(1).max(150).optional(),
  body: z.string().trim().min(1).max(2000).optional(),
});
/** The shop's own words, per language and part; what it left out is the built-in text. */
const texts = z.object({ de: text.optional(), en: text.optional() });
export type JourneyText = z.infer<typeof text>;

const days = (limit: { min: number; max: number }) => z.number().min(limit.min).max(limit.max).int();

export const journeySettingsSchema = z.object({
  enabled: z.boolean(),
  texts: texts.default({}),
  /** expiring: days before the points expire, one reminder each (30 and 7). */
  leadDays: z
    .array(days(JOURNEY_SHORT_DAYS))
    .min(1, msg("validation.journeyLeadDays"))
    .max(4)
    .refine((list) => new Set(list).size === list.length, msg("validation.leadDaysTwice"))
    .optional(),
  /** tier_at_risk: days before the tier window closes; win_back: days since the last order. */
  days: days(JOURNEY_DAYS).optional(),
  /** birthday and win_back: the reward given as a coupon (no points needed), and how long it stays valid. */
  rewardId: z.string().trim().min(1).max(64).optional(),
  validDays: days(JOURNEY_SHORT_DAYS).optional(),
  /** The approved WhatsApp template it goes out as to members on WhatsApp; none: they get it on their next channel. */
  whatsapp: whatsappTemplateSchema.optional(),
});
export type JourneySettings = z.infer<typeof journeySettingsSchema>;

export const JOURNEY_DEFAULTS: Record<JourneyKey, JourneySettings> = {
  welcome: { enabled: true, texts: {} },
  points_digest: { enabled: true, texts: {} },
  expiring: { enabled: true, texts: {}, leadDays: [30, 7] },
  tier_reached: { enabled: true, texts: {} },
  tier_at_risk: { enabled: true, texts: {}, days: 30 },
  birthday: { enabled: false, texts: {}, validDays: 30 },
  reward_available: { enabled: true, texts: {} },
  win_back: { enabled: false, texts: {}, days: 90, validDays: 14 },
  referral_qualified: { enabled: true, texts: {} },
  review_published: { enabled: true, texts: {} },
};

export type Journeys = Record<JourneyKey, JourneySettings>;

/** A journey that gives a coupon cannot be on without the reward it gives. */
export function journeySettingsProblem(key: JourneyKey, settings: JourneySettings): string | null {
  if (!settings.enabled) return null;
  if ((key === "birthday" || key === "win_back") && !settings.rewardId) return "validation.journeyReward";
  if (key === "expiring" && (settings.leadDays ?? []).length === 0) return "validation.journeyLeadDays";
  return null;
}

/** Every journey with its settings; what the console never saved (or saved in an older shape) is the default. */
export function parseJourneys(raw: unknown): Journeys {
  const stored = typeof raw === "object" && raw !== null ? (raw as Record<string, unknown>) : {};
  return Object.fromEntries(
    JOURNEY_KEYS.map((key) => {
      const parsed = journeySettingsSchema.partial().safeParse(stored[key] ?? {});
      return [key, { ...JOURNEY_DEFAULTS[key], ...(parsed.success ? dropUndefined(parsed.data) : {}) }];
    }),
  ) as Journeys;
}

function dropUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Fills {name}, {points}, {date} … in the shop's own words; an unknown placeholder stays as written. */
export function fillPlaceholders(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

/** The placeholders each journey's text may use, for the console's editor. */
export const JOURNEY_PLACEHOLDERS: Record<JourneyKey, string[]> = {
  welcome: ["name", "shop"],
  points_digest: ["name", "points", "balance"],
  expiring: ["name", "points", "date"],
  tier_reached: ["name", "tier"],
  tier_at_risk: ["name", "tier", "date", "missing"],
  birthday: ["name", "reward", "code", "date"],
  reward_available: ["name", "reward", "balance"],
  win_back: ["name", "reward", "code", "date"],
  referral_qualified: ["name", "points"],
  review_published: ["name", "title", "points"],
};

const DAY_MS = 86_400_000;

/**
 * Which reminder is due for something that happens `msUntil` from now, given the lead times
 * (30 and 7 days): the smallest lead it is already within, so a member first seen 5 days before
 * gets the 7-day reminder only, not the 30-day one as well. Null while it is further off.
 */
export function dueReminderLead(leadDays: number[], msUntil: number): number | null {
  if (msUntil <= 0) return null;
  const within = leadDays.filter((lead) => msUntil <= lead * DAY_MS);
  return within.length === 0 ? null : Math.min(...within);
}

/** Lead windows (after, upTo] in days, smallest lead first: the SQL form of dueReminderLead. */
export function leadWindows(leadDays: number[]): { lead: number; afterDays: number }[] {
  const sorted = [...new Set(leadDays)].sort((a, b) => a - b);
  return sorted.map((lead, i) => ({ lead, afterDays: i === 0 ? 0 : sorted[i - 1]! }));
}

/** The journey an outbox row's source names ("journey:expiring" → "expiring"), if any. */
export function journeyFromSource(source: string | null | undefined): JourneyKey | null {
  const key = source?.startsWith("journey:") ? source.slice("journey:".length) : null;
  return key && (JOURNEY_KEYS as readonly string[]).includes(key) ? (key as JourneyKey) : null;
}
