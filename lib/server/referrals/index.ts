// Referrals as the app runs them: a friend's claim, the friend's sign-up, the referrer's points.
// The rules are lib/loyalty/referrals.ts; the SQL is lib/db/queries/referrals.ts (which also
// qualifies and cancels a referral inside the order transactions).
export { claimReferral, completeReferralSignUp } from "./sign-up";
export { settleDueReferrals } from "./settle";
