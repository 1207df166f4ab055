import { NextResponse } from "next/server";
import { clientIp } from "@/lib/auth/client-ip";
import { currentMemberId } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { answerProblem, appProblem } from "@/lib/http/app-problem";
import { walletCardWait } from "@/lib/wallet/card-limit";
import { googleWalletEnabled } from "@/lib/wallet/google/config";
import { googleSaveLink } from "@/lib/wallet/google/save-link";

export const dynamic = "force-dynamic";

/** The signed-in shopper's "Add to Google Wallet": on to Google with their card in a signed link. */
export async function GET(request: Request) {
  if (!googleWalletEnabled()) return answerProblem("not-found", "googleWalletOff");
  const memberId = await currentMemberId();
  if (!memberId) return answerProblem("unauthenticated", "signedOut");
  const db = await getDb();
  const wait = await walletCardWait(db, memberId, clientIp(request.headers));
  if (wait !== null) {
    const answer = await answerProblem("rate-limited", "walletTooMany");
    answer.headers.set("retry-after", String(wait));
    return answer;
  }
  try {
    const link = await googleSaveLink(db, memberId, new Date());
    return NextResponse.redirect(link, { status: 303, headers: { "cache-control": "no-store" } });
  } catch (error) {
    if (error instanceof AppError) return appProblem(error);
    throw error;
  }
}
