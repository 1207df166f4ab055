import { getDb } from "@/lib/db";
import { getMemberState } from "@/lib/db/queries/members";
import { LiveRefresh } from "./live-refresh";

/** Put on a signed-in screen that must follow changes made elsewhere (see LiveRefresh). */
export async function KeepCurrent({ memberId }: { memberId: string }) {
  const state = await getMemberState(await getDb(), memberId);
  return state ? <LiveRefresh initial={state} initialAt={new Date().getTime()} /> : null;
}
