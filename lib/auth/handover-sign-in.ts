// The app's side of "open my loyalty app" (lib/storefront/handover.ts): the token the shop's page
// got for a member is exchanged, once, for the app's normal session.
import "server-only";
import { effectiveRole } from "../loyalty/roles";
import { getDb } from "../db";
import { getMemberSummary } from "../db/queries/members";
import { consumeHandover, readHandover } from "../db/queries/storefront";
import { env } from "../env";
import { handoverState, handoverTokenHash, isHandoverToken, type HandoverState } from "../storefront/handover";

/** next-auth's provider id for the exchange (a credentials provider: the token is the credential). */
export const HANDOVER_PROVIDER_ID = "handover";

/**
 * What a token is now, without using it: the landing page says why one cannot sign in, or whom it
 * would sign in (so a shopper sent a link made for someone else's account sees that before it counts).
 */
export async function peekHandover(token: unknown, now = new Date()): Promise<{ state: HandoverState; memberId?: string; email?: string }> {
  if (!isHandoverToken(token)) return { state: "unknown" };
  const db = await getDb();
  const row = await readHandover(db, handoverTokenHash(token));
  const state = handoverState(row, now);
  if (state !== "valid" || !row) return { state };
  const member = await getMemberSummary(db, row.memberId);
  return member ? { state, memberId: member.id, email: member.email } : { state: "unknown" };
}

/** "anna@example.com" as "a***@example.com": enough to recognise one's own account, not to learn someone else's. */
export function maskedEmail(email: string): string {
  const at = email.lastIndexOf("@");
  return at <= 0 ? "***" : `${email[0]}***${email.slice(at)}`;
}

/** The member a token signs in, using it up; null when it was used, expired, unknown, or names no shopper now. */
export async function exchangeHandover(token: unknown, now = new Date()): Promise<{ id: string; email: string; name: string | null } | null> {
  if (!isHandoverToken(token)) return null;
  const db = await getDb();
  const used = await consumeHandover(db, handoverTokenHash(token), now);
  if (!used) return null;
  const member = await getMemberSummary(db, used.memberId);
  // Erased since, or made staff since (or an owner by configuration): staff never sign in from the shop's pages.
  if (!member || effectiveRole(member.role, member.email, env().ownerEmails) !== "member") return null;
  return { id: member.id, email: member.email, name: member.name };
}
