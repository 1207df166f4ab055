import "server-only";
import { cookies } from "next/headers";
import { now } from "../clock";
import { getDb } from "../db";
import { hasReferral } from "../db/queries/referrals";
import { claimReferral, completeReferralSignUp } from "../server/referrals";
import { isReferralCode } from "../loyalty/referrals";
import { REFERRAL_COOKIE } from "../referral-cookie";
import { errorField, log } from "../log";

/**
 * At every sign-in: a friend who arrived through an invite link (cookie) but signed up the
 * ordinary way is attributed now, and a waiting claim becomes the member's referral with its
 * welcome coupon. Never lets a referral problem stand in the way of signing in.
 */
export async function attachReferral(memberId: string, email: string): Promise<void> {
  try {
    const db = await getDb();
    const jar = await cookies();
    const code = jar.get(REFERRAL_COOKIE)?.value;
    if (code && isReferralCode(code) && !(await hasReferral(db, email))) await claimReferral(db, { code, email, ipHash: null, now: now() });
    if (await completeReferralSignUp(db, memberId, email, now())) jar.delete(REFERRAL_COOKIE);
  } catch (error) {
    log.error({ err: errorField(error) }, "referral at sign-in failed");
  }
}
