import { currentMemberId } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { getMemberSummary } from "@/lib/db/queries/members";
import { jsonAnswer } from "@/lib/http/json";

export const dynamic = "force-dynamic";

/** The signed-in shopper's balance, for screens that keep it current on their own (components/live). */
export async function GET() {
  const memberId = await currentMemberId();
  if (!memberId) return jsonAnswer(401, { error: "signed-out" });
  const member = await getMemberSummary(await getDb(), memberId);
  if (!member) return jsonAnswer(401, { error: "signed-out" });
  return jsonAnswer(200, { balance: member.pointsBalance, debt: member.pointsDebt, at: new Date().toISOString() });
}
