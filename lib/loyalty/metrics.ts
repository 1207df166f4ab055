// The loyalty metrics of docs/metrics.md as pure arithmetic: counts in, the published numbers out.
// The SQL that counts lives in lib/db/queries/metrics.ts; every rounding and null rule is here.
import { TZDate } from "@date-fns/tz";
import { addDays, addMonths, addWeeks, differenceInCalendarDays, format, parseISO, startOfMonth, startOfWeek } from "date-fns";
import { z } from "zod";
import { DEFAULT_TIME_ZONE } from "./calendar";

const MAX_PERIOD_DAYS = 3 * 366;

const isoDate = z.iso.date("a calendar date YYYY-MM-DD");

/** `from` and `to` as the API and the console take them: dates, `to` exclusive, at most 3 years apart. */
// The span rules only speak about two valid dates: a malformed one has its own error already.
const bothDates = (p: { from: string; to: string }) => isoDate.safeParse(p.from).success && isoDate.safeParse(p.to).success;
export const periodSchema = z
  .object({ from: isoDate, to: isoDate })
  .refine((p) => !bothDates(p) || p.to > p.from, { message: "`to` must be after `from` (the period is [from, to))", path: ["to"] })
  .refine((p) => !bothDates(p) || differenceInCalendarDays(parseISO(p.to), parseISO(p.from)) <= MAX_PERIOD_DAYS, { message: "the period may span at most 3 years", path: ["to"] });
export type Period = z.infer<typeof periodSchema>;

/** The period's instants: [from 00:00, to 00:00) in the program's time zone (DST-aware). */
export function periodBounds(period: Period, timeZone = DEFAULT_TIME_ZONE): { start: Date; end: Date } {
  const at = (iso: string) => {
    const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
    return new Date(new TZDate(y, m - 1, d, 0, 0, timeZone).getTime());
  };
  return { start: at(period.from), end: at(period.to) };
}

/** The period of the same length just before (for "compared with"). */
export function previousPeriod(period: Period): Period {
  const days = differenceInCalendarDays(parseISO(period.to), parseISO(period.from));
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  return { from: iso(addDays(parseISO(`${period.from}T00:00:00Z`), -days)), to: period.from };
}

/** A share in [0, 1], or null when there is nothing to divide by (never 0 or NaN for an empty period). */
export function rate(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

/** Integer division rounded half up (cents stay integers). */
export function divideHalfUp(numerator: number, denominator: number): number | null {
  if (denominator === 0) return null;
  return Math.floor((2 * numerator + denominator) / (2 * denominator));
}

/**
 * A waiting time as the console shows it: under a minute, minutes, hours and minutes, or days and
 * hours (the finer unit rounded away once the coarser one is there).
 */
export type DurationParts = { unit: "underMinute" | "minutes" | "hours" | "days"; days: number; hours: number; minutes: number };
export function durationParts(seconds: number): DurationParts {
  if (seconds < 60) return { unit: "underMinute", days: 0, hours: 0, minutes: 0 };
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return { unit: "minutes", days: 0, hours: 0, minutes };
  const hours = Math.round(seconds / 3_600);
  if (hours < 24) return { unit: "hours", days: 0, hours: Math.floor(minutes / 60), minutes: minutes % 60 };
  return { unit: "days", days: Math.floor(hours / 24), hours: hours % 24, minutes: 0 };
}

export type NpsGroups = { promoters: number; passives: number; detractors: number };
export type Nps = NpsGroups & { answers: number; score: number | null };

/** Promoters 9–10, passives 7–8, detractors 0–6, from each member's latest answer. */
export function nps(latestAnswers: readonly number[]): Nps {
  const promoters = latestAnswers.filter((a) => a >= 9).length;
  const passives = latestAnswers.filter((a) => a >= 7 && a <= 8).length;
  const detractors = latestAnswers.filter((a) => a <= 6).length;
  const answers = latestAnswers.length;
  return { promoters, passives, detractors, answers, score: answers === 0 ? null : Math.round((100 * (promoters - detractors)) / answers) };
}

export type CliBand = "below-average" | "average" | "above-average";
export type Cli = { score: number | null; band: CliBand | null; respondents: number };

/** Each respondent's index is 10 × the mean of their three 0–10 answers; the score is the mean, one decimal. */
export function cli(respondents: readonly (readonly [number, number, number])[]): Cli {
  if (respondents.length === 0) return { score: null, band: null, respondents: 0 };
  const indices = respondents.map(([a, b, c]) => (10 * (a + b + c)) / 3);
  const score = Math.round((10 * indices.reduce((s, x) => s + x, 0)) / indices.length) / 10;
  return { score, band: score < 40 ? "below-average" : score <= 75 ? "average" : "above-average", respondents: respondents.length };
}

/** What the program owes: points at the value of a point (hundredths of a cent), in cents, rounded half up. */
export function liabilityCents(points: number, pointValueMilliCents: number): number {
  return divideHalfUp(points * pointValueMilliCents, 100)!;
}

export const periodPresets = ["thisMonth", "lastMonth", "last90", "thisYear"] as const;
export type PeriodPreset = (typeof periodPresets)[number];

/** The console's quick choices, as calendar dates in the program's time zone ("this month" = 1st until the 1st of the next). */
export function presetPeriod(preset: PeriodPreset, now: Date, timeZone = DEFAULT_TIME_ZONE): Period {
  const local = new TZDate(now.getTime(), timeZone);
  const y = local.getFullYear();
  const m = local.getMonth();
  const iso = (year: number, month: number, day: number) => {
    const d = new Date(Date.UTC(year, month, day));
    return d.toISOString().slice(0, 10);
  };
  const tomorrow = iso(y, m, local.getDate() + 1);
  switch (preset) {
    case "thisMonth":
      return { from: iso(y, m, 1), to: iso(y, m + 1, 1) };
    case "lastMonth":
      return { from: iso(y, m - 1, 1), to: iso(y, m, 1) };
    case "last90":
      return { from: iso(y, m, local.getDate() - 89), to: tomorrow };
    case "thisYear":
      return { from: iso(y, 0, 1), to: iso(y + 1, 0, 1) };
  }
}

export type Bucket = "week" | "month";

/** Charts count by week up to a quarter, by month beyond. */
export function defaultBucket(period: Period): Bucket {
  return differenceInCalendarDays(parseISO(period.to), parseISO(period.from)) > 93 ? "month" : "week";
}

/**
 * The weeks (from Monday) or months that a period touches, each as its local start date and the
 * instant it begins in the program's time zone; the first may begin before the period does.
 */
export function bucketStarts(period: Period, bucket: Bucket, timeZone = DEFAULT_TIME_ZONE): { label: string; start: Date }[] {
  const { start, end } = periodBounds(period, timeZone);
  const first = new TZDate(start.getTime(), timeZone);
  let at = bucket === "month" ? startOfMonth(first) : startOfWeek(first, { weekStartsOn: 1 });
  const starts: { label: string; start: Date }[] = [];
  while (at.getTime() < end.getTime()) {
    starts.push({ label: format(at, "yyyy-MM-dd"), start: new Date(at.getTime()) });
    at = bucket === "month" ? addMonths(at, 1) : addWeeks(at, 1);
  }
  return starts;
}
