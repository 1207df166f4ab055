import { clientIp } from "@/lib/auth/client-ip";
import { currentMemberId } from "@/lib/auth/session";
import { answerProblem } from "@/lib/http/app-problem";
import { appleWalletRoute, pkpassAnswer } from "@/lib/wallet/apple/route";
import { shopperPass } from "@/lib/wallet/apple/web-service";
import { walletCardWait } from "@/lib/wallet/card-limit";

export const dynamic = "force-dynamic";

/** The signed-in shopper's loyalty card for Apple Wallet (Safari offers to add it). */
export function GET(request: Request) {
  return appleWalletRoute(request, async (db, config) => {
    const memberId = await currentMemberId();
    if (!memberId) return answerProblem("unauthenticated", "signedOut");
    const wait = await walletCardWait(db, memberId, clientIp(request.headers));
    if (wait !== null) {
      const answer = await answerProblem("rate-limited", "walletTooMany");
      answer.headers.set("retry-after", String(wait));
      return answer;
    }
    const pass = await shopperPass(db, config, memberId);
    if (!pass) return answerProblem("unauthenticated", "signedOut");
    return pkpassAnswer(pass.body, pass.lastModified);
  });
}
