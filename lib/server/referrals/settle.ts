// Paying referrers once the friend's order can no longer be returned.
import "server-only";
import type { Database } from "../../db/connect";
import { enqueueNotification } from "../../db/queries/notifications";
import { getProgramConfig } from "../../db/queries/program";
import { creditReferral, lockDueReferrals, updateReferral } from "../../db/queries/referrals";
import { env } from "../../env";
import { expiresAt } from "../../loyalty/expiry";

/**
 * Pending referral points whose return window has passed become ledger rows. Rows are claimed
 * with SKIP LOCKED and the ledger key is the referral's, so instances and repeats never pay twice.
 */
export async function settleDueReferrals(db: Database, now: Date, referrerId?: string): Promise<number> {
  const { earnRule } = await getProgramConfig(db);
  return db.transaction(async (tx) => {
    const due = await lockDueReferrals(tx, now, referrerId);
    for (const referral of due) {
      await creditReferral(tx, referral, now, expiresAt(now, earnRule.pointsValidMonths, env().timezone));
      await updateReferral(tx, referral.id, { status: "rewarded", rewardedAt: now });
      await enqueueNotification(tx, {
        memberId: referral.referrerId,
        category: "referral",
        kind: "referral_rewarded",
        params: { points: referral.points ?? 0 },
        url: "/invite",
        dedupeKey: `referral:${referral.id}`,
        at: now,
        channels: "push-or-email",
        source: "journey:referral_qualified",
      });
    }
    return due.length;
  });
}
