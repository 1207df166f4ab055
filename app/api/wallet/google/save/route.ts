import { NextResponse } from "next/server";
import { currentMemberId } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { answerProblem, appProblem } from "@/lib/http/app-problem";
import { googleWalletEnabled } from "@/lib/wallet/google/config";
import { googleSaveLink } from "@/lib/wallet/google/save-link";

export const dynamic = "force-dynamic";

/** The signed-in shopper's "Add to Google Wallet": on to Google with their card in a signed link. */
export async function GET() {
  if (!googleWalletEnabled()) return answerProblem("not-found", "googleWalletOff");
  const memberId = await currentMemberId();
  if (!memberId) return answerProblem("unauthenticated", "signedOut");
  try {
    const link = await googleSaveLink(await getDb(), memberId, new Date());
    return NextResponse.redirect(link, { status: 303, headers: { "cache-control": "no-store" } });
  } catch (error) {
    if (error instanceof AppError) return appProblem(error);
    throw error;
  }
}
