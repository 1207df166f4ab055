import { currentMemberId } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { getMemberState } from "@/lib/db/queries/members";
import { answerProblem } from "@/lib/http/app-problem";
import { jsonAnswer } from "@/lib/http/json";

export const dynamic = "force-dynamic";

/** The signed-in shopper's balance and data version, for screens that keep current on their own (components/live). */
export async function GET() {
  const memberId = await currentMemberId();
  const state = memberId ? await getMemberState(await getDb(), memberId) : null;
  if (!state) return answerProblem("unauthenticated", "signedOut");
  return jsonAnswer(200, state);
}
