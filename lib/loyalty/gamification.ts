// Challenges, streaks and badges: reasons to come back between purchases. Pure.
import { z } from "zod";
import { CHALLENGE_BONUS_POINTS, CHALLENGE_TARGET } from "../validations/limits";
import { taskKinds, type TaskKind } from "./tasks";
import { monthStartIn, weekStartIn } from "./calendar";

export const challengeSchema = z.object({
  id: z.string().min(1).max(40),
  title: z.object({ de: z.string().min(1).max(200), en: z.string().min(1).max(200) }),
  /** Which completed tasks count. */
  taskKind: z.enum(taskKinds),
  target: z.number().min(CHALLENGE_TARGET.min).max(CHALLENGE_TARGET.max).int(),
  period: z.enum(["week", "month"]).default("month"),
  bonusPoints: z.number().min(CHALLENGE_BONUS_POINTS.min).max(CHALLENGE_BONUS_POINTS.max).int(),
});
export type Challenge = z.infer<typeof challengeSchema>;

export function parseChallenges(raw: unknown): Challenge[] {
  return z.array(challengeSchema).max(20).parse(raw ?? []);
}

/** Where the challenge's current week (from local Monday) or month began, in the program's time zone. */
export function periodStart(period: Challenge["period"], at: Date, timeZone: string): Date {
  return period === "week" ? weekStartIn(at, timeZone) : monthStartIn(at, timeZone);
}

/** A stable name for the period, for the bonus's idempotency key: W2026-11-23 (its Monday) or 2026-11. */
export function periodKey(period: Challenge["period"], at: Date, timeZone: string): string {
  const day = (d: Date) => new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(d);
  const start = day(periodStart(period, at, timeZone));
  return period === "month" ? start.slice(0, 7) : `W${start}`;
}

export type Completion = { kind: TaskKind; at: Date };

export function challengeProgress(challenge: Challenge, completions: readonly Completion[], now: Date, timeZone: string): { count: number; done: boolean } {
  const from = periodStart(challenge.period, now, timeZone);
  const count = completions.filter((c) => c.kind === challenge.taskKind && c.at >= from && c.at <= now).length;
  return { count: Math.min(count, challenge.target), done: count >= challenge.target };
}

/**
 * Consecutive weeks, up to this one, with at least one activity. The current week counts once
 * it has an activity; until then last week keeps the streak alive.
 */
export function weeklyStreak(activity: readonly Date[], now: Date, timeZone: string): number {
  const weeks = new Set(activity.filter((a) => a <= now).map((a) => weekStartIn(a, timeZone).getTime()));
  // The week before: a DST change makes some weeks 167 or 169 hours long, so no fixed step.
  const weekBefore = (start: number) => weekStartIn(new Date(start - 1), timeZone).getTime();
  let cursor = weekStartIn(now, timeZone).getTime();
  if (!weeks.has(cursor)) cursor = weekBefore(cursor);
  let streak = 0;
  while (weeks.has(cursor)) {
    streak += 1;
    cursor = weekBefore(cursor);
  }
  return streak;
}

export const badgeIds = ["first-review", "five-photos", "ambassador", "voice", "streak-4"] as const;
export type BadgeId = (typeof badgeIds)[number];

export function earnedBadges(facts: { approvedReviews: number; approvedPhotos: number; rewardedReferrals: number; surveys: number; streak: number }): BadgeId[] {
  const earned: BadgeId[] = [];
  if (facts.approvedReviews >= 1) earned.push("first-review");
  if (facts.approvedPhotos >= 5) earned.push("five-photos");
  if (facts.rewardedReferrals >= 1) earned.push("ambassador");
  if (facts.surveys >= 1) earned.push("voice");
  if (facts.streak >= 4) earned.push("streak-4");
  return earned;
}
