// The app's side of "open my loyalty app" (lib/storefront/handover.ts): the token the shop's page
// got for a member is exchanged, once, for the app's normal session.
import "server-only";
import { getDb } from "../db";
import { getMemberSummary } from "../db/queries/members";
import { consumeHandover, readHandover } from "../db/queries/storefront";
import { handoverState, handoverTokenHash, isHandoverToken, type HandoverState } from "../storefront/handover";

/** next-auth's provider id for the exchange (a credentials provider: the token is the credential). */
export const HANDOVER_PROVIDER_ID = "handover";

/** What a token is now, without using it: the landing page says why one cannot sign in. */
export async function peekHandover(token: unknown, now = new Date()): Promise<HandoverState> {
  if (!isHandoverToken(token)) return "unknown";
  return handoverState(await readHandover(await getDb(), handoverTokenHash(token)), now);
}

/** The member a token signs in, using it up; null when it was used, expired, unknown, or names no shopper now. */
export async function exchangeHandover(token: unknown, now = new Date()): Promise<{ id: string; email: string; name: string | null } | null> {
  if (!isHandoverToken(token)) return null;
  const db = await getDb();
  const used = await consumeHandover(db, handoverTokenHash(token), now);
  if (!used) return null;
  const member = await getMemberSummary(db, used.memberId);
  // Erased since, or made staff since: staff never sign in from the shop's pages.
  if (!member || member.role !== "member") return null;
  return { id: member.id, email: member.email, name: member.name };
}
