// Who works in the console, with which role: invitations and role changes, by the rules of lib/loyalty/roles.ts.
import "server-only";
import type { Database } from "../../db/connect";
import { writeAudit, type AuditActor } from "../../db/queries/audit";
import { countOwners, lockMemberByEmail, lockMemberRole, setMemberRole, upsertStaffMember } from "../../db/queries/staff";
import { ConsoleError } from "../../errors";
import { canAssignRole, type MemberRole, type StaffRole } from "../../loyalty/roles";

/** Staff acting in the console: always a member with an id and a role. */
type StaffActor = AuditActor & { id: string; role: MemberRole };

/**
 * Gives an address a staff role: an existing member keeps their account (and points), a new
 * address gets an account that signing in with the magic link claims.
 */
export async function inviteStaff(db: Database, actor: StaffActor, email: string, role: StaffRole, ownerEmails: readonly string[], now = new Date()): Promise<{ id: string }> {
  return db.transaction(async (tx) => {
    const before = await lockMemberByEmail(tx, email);
    if (before) {
      const allowed = canAssignRole(actor, { id: before.id, envOwner: ownerEmails.includes(email) }, role);
      if (!allowed.ok) throw new ConsoleError("refused", `role.${allowed.reason}`);
    } else if (actor.role !== "owner") {
      throw new ConsoleError("refused", "role.not-owner");
    }
    const row = await upsertStaffMember(tx, email, role, now);
    await writeAudit(tx, actor, "staff.invite", `member:${row.id}`, { email, role: before?.role ?? null }, { email, role }, now);
    return row;
  });
}

/** Changes a staff member's role, or revokes it with "member". */
export async function setStaffRole(db: Database, actor: StaffActor, memberId: string, role: MemberRole, ownerEmails: readonly string[], now = new Date()): Promise<void> {
  await db.transaction(async (tx) => {
    const target = await lockMemberRole(tx, memberId);
    if (!target) throw new ConsoleError("not-found", "memberNotFound");
    const allowed = canAssignRole(actor, { id: target.id, envOwner: ownerEmails.includes(target.email) }, role);
    if (!allowed.ok) throw new ConsoleError("refused", `role.${allowed.reason}`);
    // Owners named in the environment can always sign back in; without them the last owner stays.
    if (target.role === "owner" && role !== "owner" && ownerEmails.length === 0 && (await countOwners(tx)) <= 1) throw new ConsoleError("refused", "role.last-owner");
    await setMemberRole(tx, memberId, role, now);
    await writeAudit(tx, actor, role === "member" ? "staff.revoke" : "staff.role", `member:${memberId}`, { role: target.role }, { role }, now);
  });
}
