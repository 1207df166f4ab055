// Who a verified storefront identity is in Treue. The shop's customer id is its own key for the
// customer (its orders carry it), so it wins over the e-mail; the e-mail finds a member the shop's
// id has not reached yet (someone who signed up in the app first). A member already tied to another
// shop customer is not someone else's by e-mail: that is a conflict, shown as a guest and logged.

export type StorefrontCandidate = { id: string; email: string; shopCustomerId: string | null; role: string; erased: boolean };

export type StorefrontMatch =
  | { kind: "member"; memberId: string; role: string }
  | { kind: "unknown" }
  | { kind: "conflict"; reason: "customer-id-taken" | "erased" };

/** The member `rows` (found by the id or the e-mail) make of the identity `customerId`, `email`. */
export function matchStorefrontIdentity(rows: readonly StorefrontCandidate[], customerId: string, email: string): StorefrontMatch {
  const byId = rows.find((row) => row.shopCustomerId === customerId);
  if (byId) return byId.erased ? { kind: "conflict", reason: "erased" } : { kind: "member", memberId: byId.id, role: byId.role };
  const byEmail = rows.find((row) => row.email === email);
  if (!byEmail) return { kind: "unknown" };
  if (byEmail.erased) return { kind: "conflict", reason: "erased" };
  if (byEmail.shopCustomerId !== null) return { kind: "conflict", reason: "customer-id-taken" };
  return { kind: "member", memberId: byEmail.id, role: byEmail.role };
}
