// Who on the shop's staff may do what in the console. Pure: a role in, a yes or no out.
// The table here is the one the README shows; every console page and action asks `can`.

export const staffRoles = ["owner", "admin", "support", "moderator", "store"] as const;
export type StaffRole = (typeof staffRoles)[number];
export const memberRoles = ["member", ...staffRoles] as const;
export type MemberRole = (typeof memberRoles)[number];

export const capabilities = [
  /** Review and photo queue: approve, reject. */
  "moderate",
  /** Find members, read their account. */
  "members.read",
  /** Add or take points, cancel and reissue coupons. */
  "members.adjust",
  /** Answer "Punkte fehlen?" requests. */
  "support",
  /** GDPR export and erasure of a member. */
  "members.privacy",
  /** Earn rule, tiers, rewards, tasks, referral, expiry, branding, import/export. */
  "program.edit",
  /** Read the audit log. */
  "audit.read",
  /** Insights: whether the program works (docs/metrics.md), with CSV exports. */
  "insights",
  /** Background jobs: their last runs and failures, and retrying a failed one. */
  "operations",
  /** Invite staff, change or revoke roles. */
  "staff.manage",
  /** Console → Kasse: find a member by their card, book an in-store purchase, redeem a coupon at the till. */
  "till",
] as const;
export type Capability = (typeof capabilities)[number];

const grants: Record<StaffRole, readonly Capability[]> = {
  owner: capabilities,
  admin: capabilities.filter((c) => c !== "staff.manage"),
  support: ["members.read", "members.adjust", "support"],
  moderator: ["moderate"],
  store: ["till"],
};

export function isStaffRole(role: string | null | undefined): role is StaffRole {
  return (staffRoles as readonly string[]).includes(role ?? "");
}

export function can(role: MemberRole | null | undefined, capability: Capability): boolean {
  return isStaffRole(role) && grants[role].includes(capability);
}

/** The capabilities a role holds, in the table's order (for the console's navigation and docs). */
export function capabilitiesOf(role: MemberRole | null | undefined): Capability[] {
  return isStaffRole(role) ? capabilities.filter((c) => grants[role].includes(c)) : [];
}

/**
 * The role in force: owners named in TREUE_OWNER_EMAILS are owners whatever the database says,
 * so the first owner exists before anyone could invite one.
 */
export function effectiveRole(stored: MemberRole, email: string, ownerEmails: readonly string[]): MemberRole {
  return ownerEmails.includes(email.toLowerCase()) ? "owner" : stored;
}

/**
 * Whether `actor` may give `target` the role `next` (or revoke with "member"). Only owners manage
 * staff; an owner cannot demote themselves (a shop must never lock itself out), and owners named
 * in the environment cannot be demoted from the console.
 */
export function canAssignRole(
  actor: { id: string; role: MemberRole },
  target: { id: string; envOwner: boolean },
  next: MemberRole,
): { ok: true } | { ok: false; reason: "not-owner" | "self" | "env-owner" } {
  if (actor.role !== "owner") return { ok: false, reason: "not-owner" };
  if (target.id === actor.id && next !== "owner") return { ok: false, reason: "self" };
  if (target.envOwner && next !== "owner") return { ok: false, reason: "env-owner" };
  return { ok: true };
}

/** A role whose one capability is the till (the store role): its console is Console → Kasse alone. */
export function tillOnlyRole(role: MemberRole | null | undefined): boolean {
  const held = capabilitiesOf(role);
  return held.length > 0 && held.every((c) => c === "till");
}
