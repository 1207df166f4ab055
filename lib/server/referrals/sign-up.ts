// A friend's claim on the landing page, and the sign-up that turns it into a referral.
import "server-only";
import type { Database } from "../../db/connect";
import { getProgramConfig } from "../../db/queries/program";
import { claimFacts, findReferrer, insertClaim, insertRejectedClaim, issueWelcomeCoupon, lockOpenClaim, updateReferral } from "../../db/queries/referrals";
import { canonicalEmail, checkClaim } from "../../loyalty/referrals";

const DAY_MS = 86_400_000;

/**
 * A friend claims the offer on the landing page (before signing in). Accepted or not, a row
 * records it: rejections keep their reason for staff, and the friend sees the same neutral
 * answer either way.
 */
export async function claimReferral(
  db: Database,
  input: { code: string; email: string; ipHash: string | null; now: Date },
): Promise<{ status: "claimed" } | { status: "rejected"; reason: string } | { status: "unknown-code" }> {
  const { referralRule: rule } = await getProgramConfig(db);
  const referrer = await findReferrer(db, input.code);
  if (!referrer) return { status: "unknown-code" };
  const verdict = checkClaim({ rule, referrer, ...(await claimFacts(db, input)) });
  const row = { referrerId: referrer.id, friendEmail: canonicalEmail(input.email), claimIpHash: input.ipHash, claimedAt: input.now };
  if (!verdict.ok) {
    await insertRejectedClaim(db, row, verdict.reason);
    return { status: "rejected", reason: verdict.reason };
  }
  // Two claims for one mailbox at once: one gets through, the other is recorded as refused.
  if (!(await insertClaim(db, row))) {
    await insertRejectedClaim(db, row, "already-referred");
    return { status: "rejected", reason: "already-referred" };
  }
  return { status: "claimed" };
}

/**
 * At sign-in: a claim waiting for this mailbox becomes the member's referral, and the friend's
 * welcome coupon is issued (once: its request id is the referral's).
 */
export async function completeReferralSignUp(db: Database, memberId: string, email: string, now: Date): Promise<boolean> {
  const { referralRule: rule, currency } = await getProgramConfig(db);
  return db.transaction(async (tx) => {
    const claim = await lockOpenClaim(tx, email, new Date(now.getTime() - rule.attributionDays * DAY_MS));
    if (!claim) return false;
    if (claim.referrerId === memberId) {
      await updateReferral(tx, claim.id, { status: "rejected", reason: "self-referral" });
      return false;
    }
    await updateReferral(tx, claim.id, { status: "joined", friendId: memberId, joinedAt: now });
    await issueWelcomeCoupon(tx, rule, currency, memberId, claim.id, now);
    return true;
  });
}
