// Paying a completed or approved task, and the challenges it completes.
import "server-only";
import type { Tx } from "../../db/connect";
import type { ProgramConfig } from "../../db/queries/program";
import { completionTimes, creditTaskPoints, type Submission } from "../../db/queries/tasks";
import { env } from "../../env";
import { expiresAt } from "../../loyalty/expiry";
import { challengeProgress, periodKey, periodStart, type Challenge, type Completion } from "../../loyalty/gamification";

async function payChallenges(tx: Tx, submission: Submission, now: Date, challenges: Challenge[], validMonths: number) {
  const relevant = challenges.filter((c) => c.taskKind === submission.kind);
  if (relevant.length === 0) return;
  const timeZone = env().timezone;
  // The member's completions of this kind since the earliest period start; challengeProgress counts them.
  const since = new Date(Math.min(...relevant.map((c) => periodStart(c.period, now, timeZone).getTime())));
  const completions: Completion[] = (await completionTimes(tx, submission.memberId, submission.kind, since)).map((at) => ({ kind: submission.kind as Completion["kind"], at }));
  for (const challenge of relevant) {
    if (!challengeProgress(challenge, completions, now, timeZone).done || challenge.bonusPoints === 0) continue;
    await creditTaskPoints(tx, {
      memberId: submission.memberId,
      delta: challenge.bonusPoints,
      sourceRef: `challenge:${challenge.id}`,
      idempotencyKey: `challenge:${challenge.id}:${submission.memberId}:${periodKey(challenge.period, now, timeZone)}`,
      createdAt: now,
      expiresAt: expiresAt(now, validMonths, timeZone),
    });
  }
}

/**
 * Pays a completed or approved submission, and the bonus of every challenge it completes for
 * this period (the bonus key names member, challenge and period, so it is paid once).
 */
export async function payTask(tx: Tx, submission: Submission, now: Date, config: ProgramConfig) {
  const validMonths = config.earnRule.pointsValidMonths;
  await payChallenges(tx, submission, now, config.challenges, validMonths);
  if (submission.points <= 0) return;
  await creditTaskPoints(tx, {
    memberId: submission.memberId,
    delta: submission.points,
    sourceRef: `task:${submission.taskId}`,
    idempotencyKey: `task:${submission.id}`,
    createdAt: now,
    expiresAt: expiresAt(now, validMonths, env().timezone),
  });
}
