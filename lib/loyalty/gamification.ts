// Challenges, streaks and badges: reasons to come back between purchases. Pure.
import { z } from "zod";
import { taskKinds, type TaskKind } from "./tasks";

export const challengeSchema = z.object({
  id: z.string().min(1).max(40),
  title: z.object({ de: z.string().min(1).max(200), en: z.string().min(1).max(200) }),
  /** Which completed tasks count. */
  taskKind: z.enum(taskKinds),
  target: z.number().int().min(1).max(100),
  period: z.enum(["week", "month"]).default("month"),
  bonusPoints: z.number().int().min(0).max(100_000),
});
export type Challenge = z.infer<typeof challengeSchema>;

export function parseChallenges(raw: unknown): Challenge[] {
  return z.array(challengeSchema).max(20).parse(raw ?? []);
}

/** Monday 00:00 UTC of the ISO week `at` falls in. */
export function weekStart(at: Date): Date {
  const day = (at.getUTCDay() + 6) % 7; // Monday = 0
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate() - day));
}

export function periodStart(period: Challenge["period"], at: Date): Date {
  return period === "week" ? weekStart(at) : new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
}

/** A stable name for the period, for the bonus's idempotency key: 2026-W48 or 2026-11. */
export function periodKey(period: Challenge["period"], at: Date): string {
  const start = periodStart(period, at);
  if (period === "month") return start.toISOString().slice(0, 7);
  return `W${start.toISOString().slice(0, 10)}`;
}

export type Completion = { kind: TaskKind; at: Date };

export function challengeProgress(challenge: Challenge, completions: readonly Completion[], now: Date): { count: number; done: boolean } {
  const from = periodStart(challenge.period, now);
  const count = completions.filter((c) => c.kind === challenge.taskKind && c.at >= from && c.at <= now).length;
  return { count: Math.min(count, challenge.target), done: count >= challenge.target };
}

/**
 * Consecutive weeks, up to this one, with at least one activity. The current week counts once
 * it has an activity; until then last week keeps the streak alive.
 */
export function weeklyStreak(activity: readonly Date[], now: Date): number {
  const weeks = new Set(activity.filter((a) => a <= now).map((a) => weekStart(a).getTime()));
  const WEEK = 7 * 86_400_000;
  let cursor = weekStart(now).getTime();
  if (!weeks.has(cursor)) cursor -= WEEK;
  let streak = 0;
  while (weeks.has(cursor)) {
    streak += 1;
    cursor -= WEEK;
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
