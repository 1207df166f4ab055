import "server-only";
import { asc, eq, ne, sql } from "drizzle-orm";
import { ConsoleError } from "../../errors";
import { canAssignRole, type MemberRole, type StaffRole } from "../../loyalty/roles";
import type { Database } from "../connect";
import { members } from "../schema";
import { writeAudit, type AuditActor } from "./audit";

export type StaffEntry = { id: string; email: string; name: string | null; role: MemberRole; createdAt: Date };

export async function listStaff(db: Database): Promise<StaffEntry[]> {
  return db
    .select({ id: members.id, email: members.email, name: members.name, role: members.role, createdAt: members.createdAt })
    .from(members)
    .where(ne(members.role, "member"))
    .orderBy(asc(members.email));
}

/** Staff acting in the console: always a member with an id and a role. */
type StaffActor = AuditActor & { id: string; role: MemberRole };

/**
 * Gives an address a staff role: an existing member keeps their account (and points), a new
 * address gets an account that signing in with the magic link claims.
 */
export async function inviteStaff(db: Database, actor: StaffActor, email: string, role: StaffRole, ownerEmails: readonly string[], now = new Date()): Promise<{ id: string }> {
  return db.transaction(async (tx) => {
    const [before] = await tx.select({ id: members.id, role: members.role }).from(members).where(eq(members.email, email)).for("update");
    if (before) {
      const allowed = canAssignRole(actor, { id: before.id, envOwner: ownerEmails.includes(email) }, role);
      if (!allowed.ok) throw new ConsoleError("refused", `role.${allowed.reason}`);
    } else if (actor.role !== "owner") {
      throw new ConsoleError("refused", "role.not-owner");
    }
    const [row] = await tx
      .insert(members)
      .values({ email, role })
      .onConflictDoUpdate({ target: members.email, set: { role, updatedAt: now } })
      .returning({ id: members.id });
    await writeAudit(tx, actor, "staff.invite", `member:${row!.id}`, { email, role: before?.role ?? null }, { email, role }, now);
    return row!;
  });
}

/** Changes a staff member's role, or revokes it with "member". */
export async function setStaffRole(db: Database, actor: StaffActor, memberId: string, role: MemberRole, ownerEmails: readonly string[], now = new Date()): Promise<void> {
  await db.transaction(async (tx) => {
    const [target] = await tx.select({ id: members.id, email: members.email, role: members.role }).from(members).where(eq(members.id, memberId)).for("update");
    if (!target) throw new ConsoleError("not-found", "memberNotFound");
    const allowed = canAssignRole(actor, { id: target.id, envOwner: ownerEmails.includes(target.email) }, role);
    if (!allowed.ok) throw new ConsoleError("refused", `role.${allowed.reason}`);
    if (target.role === "owner" && role !== "owner") {
      const [{ owners } = { owners: 0 }] = await tx.select({ owners: sql<number>`count(*)::int` }).from(members).where(eq(members.role, "owner"));
      if (owners <= 1 && ownerEmails.length === 0) throw new ConsoleError("refused", "role.last-owner");
    }
    await tx.update(members).set({ role, updatedAt: now }).where(eq(members.id, memberId));
    await writeAudit(tx, actor, role === "member" ? "staff.revoke" : "staff.role", `member:${memberId}`, { role: target.role }, { role }, now);
  });
}
