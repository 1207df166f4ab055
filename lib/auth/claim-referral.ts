import "server-only";
import { createHash } from "node:crypto";
import { cookies, headers } from "next/headers";
import { clientIp } from "./client-ip";
import { now } from "../clock";
import { getDb } from "../db";
import { getProgramConfig } from "../db/queries/program";
import { hitRateLimit } from "../db/queries/rate-limits";
import { claimReferral } from "../server/referrals";
import { env } from "../env";
import { isReferralCode } from "../loyalty/referrals";
import { REFERRAL_COOKIE } from "../referral-cookie";
import { emailSchema } from "../validations/auth";

/**
 * The invite landing page's claim, before the magic link goes out. The friend is not signed in.
 * Called by the sign-in route only, after its CSRF check: not a server action, which anyone could
 * call with any address.
 * The outcome is deliberately not returned: a rejected claim looks exactly like an accepted one.
 */
export async function claimReferralAtSignIn(code: string, email: string): Promise<void> {
  const parsedEmail = emailSchema.safeParse(email);
  if (!isReferralCode(code) || !parsedEmail.success) return;
  const db = await getDb();
  const ip = clientIp(await headers());
  // Unauthenticated writes: a flood from one address stops here before it can fill the table.
  if (!(await hitRateLimit(db, `referral-claim:${ip}`, { limit: 20, windowSeconds: 3_600 })).allowed) return;
  const { referralRule } = await getProgramConfig(db);
  (await cookies()).set(REFERRAL_COOKIE, code, { path: "/", maxAge: referralRule.attributionDays * 86_400, sameSite: "lax", httpOnly: true });
  const ipHash = createHash("sha256").update(`${env().authSecret ?? ""}:${ip}`).digest("hex");
  await claimReferral(db, { code, email: parsedEmail.data, ipHash, now: now() });
}
