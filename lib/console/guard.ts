import "server-only";
import { notFound } from "next/navigation";
import { cache } from "react";
import { currentMember } from "../auth/session";
import type { MemberSummary } from "../db/queries/members";
import { can, isStaffRole, type Capability, type StaffRole } from "../loyalty/roles";

export type Staff = MemberSummary & { role: StaffRole };

/**
 * The signed-in staff member. Anyone else gets the ordinary 404: the console does not admit
 * that it exists to a shopper.
 */
export const requireStaff = cache(async (): Promise<Staff> => {
  const member = await currentMember();
  if (!member || !isStaffRole(member.role)) notFound();
  return member as Staff;
});

/** The staff member, if their role holds `capability`; 404 otherwise. */
export async function requireCapability(capability: Capability): Promise<Staff> {
  const staff = await requireStaff();
  if (!can(staff.role, capability)) notFound();
  return staff;
}
