// The facts challenges, the streak and badges are computed from.
import "server-only";
import { and, count, eq, gte, inArray, sql } from "drizzle-orm";
import type { TaskKind } from "../../../loyalty/tasks";
import type { Completion } from "../../../loyalty/gamification";
import type { Database } from "../../connect";
import { orders, referrals, taskSubmissions } from "../../schema";

export type GamificationFacts = {
  completions: Completion[];
  activity: Date[];
  approvedReviews: number;
  approvedPhotos: number;
  surveys: number;
  rewardedReferrals: number;
};

/** What challenges, the streak and badges are computed from (lib/loyalty/gamification.ts). */
export async function getGamificationFacts(db: Database, memberId: string, now = new Date()): Promise<GamificationFacts> {
  const since = new Date(now.getTime() - 26 * 7 * 86_400_000);
  const doneAt = sql<Date>`coalesce(${taskSubmissions.decidedAt}, ${taskSubmissions.createdAt})`.mapWith(taskSubmissions.createdAt);
  const [done, paid, [totals], [referred]] = await Promise.all([
    db
      .select({ kind: taskSubmissions.kind, at: doneAt })
      .from(taskSubmissions)
      .where(and(eq(taskSubmissions.memberId, memberId), inArray(taskSubmissions.status, ["approved", "completed"]), gte(doneAt, since))),
    db.select({ at: orders.paidAt }).from(orders).where(and(eq(orders.memberId, memberId), gte(orders.paidAt, since))),
    db
      .select({
        reviews: sql<number>`count(*) filter (where ${taskSubmissions.kind} = 'product_review' and ${taskSubmissions.status} = 'approved')`,
        photos: sql<number>`count(*) filter (where ${taskSubmissions.kind} = 'photo_upload' and ${taskSubmissions.status} = 'approved')`,
        surveys: sql<number>`count(*) filter (where ${taskSubmissions.kind} = 'survey')`,
      })
      .from(taskSubmissions)
      .where(eq(taskSubmissions.memberId, memberId)),
    db.select({ n: count() }).from(referrals).where(and(eq(referrals.referrerId, memberId), eq(referrals.status, "rewarded"))),
  ]);
  const completions = done.map((d) => ({ kind: d.kind as TaskKind, at: d.at }));
  return {
    completions,
    activity: [...completions.map((c) => c.at), ...paid.map((p) => p.at)],
    approvedReviews: Number(totals?.reviews ?? 0),
    approvedPhotos: Number(totals?.photos ?? 0),
    surveys: Number(totals?.surveys ?? 0),
    rewardedReferrals: referred?.n ?? 0,
  };
}
