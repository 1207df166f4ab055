import "server-only";
import { asc, eq, ne, sql } from "drizzle-orm";
import type { MemberRole, StaffRole } from "../../loyalty/roles";
import type { Database, Tx } from "../connect";
import { members } from "../schema";

export type StaffEntry = { id: string; email: string; name: string | null; role: MemberRole; createdAt: Date };

export async function listStaff(db: Database): Promise<StaffEntry[]> {
  return db
    .select({ id: members.id, email: members.email, name: members.name, role: members.role, createdAt: members.createdAt })
    .from(members)
    .where(ne(members.role, "member"))
    .orderBy(asc(members.email));
}

/** The member with this address, locked for the rest of the transaction. */
export async function lockMemberByEmail(tx: Tx, email: string): Promise<{ id: string; role: MemberRole } | undefined> {
  const [member] = await tx.select({ id: members.id, role: members.role }).from(members).where(eq(members.email, email)).for("update");
  return member;
}

/** The member, locked for the rest of the transaction. */
export async function lockMemberRole(tx: Tx, memberId: string): Promise<{ id: string; email: string; role: MemberRole } | undefined> {
  const [member] = await tx.select({ id: members.id, email: members.email, role: members.role }).from(members).where(eq(members.id, memberId)).for("update");
  return member;
}

/** Gives the address the role; a new address gets an account that signing in with the magic link claims. */
export async function upsertStaffMember(tx: Tx, email: string, role: StaffRole, now: Date): Promise<{ id: string }> {
  const [row] = await tx.insert(members).values({ email, role }).onConflictDoUpdate({ target: members.email, set: { role, updatedAt: now } }).returning({ id: members.id });
  return row!;
}

export async function countOwners(tx: Tx): Promise<number> {
  const [{ owners } = { owners: 0 }] = await tx.select({ owners: sql<number>`count(*)::int` }).from(members).where(eq(members.role, "owner"));
  return owners;
}

export async function setMemberRole(tx: Tx, memberId: string, role: MemberRole, now: Date): Promise<void> {
  await tx.update(members).set({ role, updatedAt: now }).where(eq(members.id, memberId));
}
