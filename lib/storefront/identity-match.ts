// Who a verified storefront identity is in Treue. Only the shop's customer id names a member: it is
// the shop's own key for the customer, and its orders carry it. The e-mail alone never does: many
// shops let anyone open an account under any address without confirming it, so a shop account with
// someone else's address must not reach that person's points. A member who signed up in the app
// first is tied to the shop's id by the shop's first order event (or by signing in to the app);
// until then the launcher treats them as a guest who should sign in to the app.

import type { StorefrontCandidate } from "../db/queries/storefront";
import type { MemberRole } from "../loyalty/roles";

export type { StorefrontCandidate };

export type StorefrontMatch =
  | { kind: "member"; memberId: string; role: MemberRole }
  | { kind: "unknown" }
  /** A member has this e-mail but no shop customer id yet: theirs only once they sign in to the app or the shop sends an order. */
  | { kind: "email-only" }
  | { kind: "conflict"; reason: "customer-id-taken" | "erased" };

/** The member `rows` (found by the id or the e-mail) make of the identity `customerId`, `email`. */
export function matchStorefrontIdentity(rows: readonly StorefrontCandidate[], customerId: string, email: string): StorefrontMatch {
  const byId = rows.find((row) => row.shopCustomerId === customerId);
  if (byId) return byId.erased ? { kind: "conflict", reason: "erased" } : { kind: "member", memberId: byId.id, role: byId.role };
  const byEmail = rows.find((row) => row.email === email);
  if (!byEmail) return { kind: "unknown" };
  if (byEmail.erased) return { kind: "conflict", reason: "erased" };
  if (byEmail.shopCustomerId !== null) return { kind: "conflict", reason: "customer-id-taken" };
  return { kind: "email-only" };
}
