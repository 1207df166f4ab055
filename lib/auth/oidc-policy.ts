// Whom the shop's own sign-in (OpenID Connect) may sign in. The shop vouches for its customers,
// not for Treue's staff, and only for addresses it says it has verified: an unverified address
// would otherwise attach a stranger to the member (and the points) the shop's orders created.
import { effectiveRole, type MemberRole } from "../loyalty/roles";

export type OidcRefusal = "OidcUnverified" | "OidcStaff";

type Known = { role: MemberRole; email: string } | null;

/** OIDC's `email_verified` claim; some providers send it as a string. */
export function emailVerifiedClaim(value: unknown): boolean {
  return value === true || value === "true";
}

/**
 * `linked`: the member this provider account is already linked to; `byEmail`: the member with the
 * profile's address (the one a first sign-in would link to). Null when the sign-in may go ahead:
 * the shop has verified the address, and neither member is staff.
 */
export function oidcSignInRefusal(input: {
  email: string | null | undefined;
  emailVerified: unknown;
  linked: Known;
  byEmail: Known;
  ownerEmails: readonly string[];
}): OidcRefusal | null {
  const isStaff = (m: Known) => m !== null && effectiveRole(m.role, m.email, input.ownerEmails) !== "member";
  const email = input.email?.toLowerCase();
  if (isStaff(input.linked) || isStaff(input.byEmail) || (email && input.ownerEmails.includes(email))) return "OidcStaff";
  // Every time, not only at the first link: a link made before this rule, through an address the
  // shop never verified, must not go on signing a stranger in to someone else's points.
  if (!email || !emailVerifiedClaim(input.emailVerified)) return "OidcUnverified";
  return null;
}
