import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { cache } from "react";
import { effectiveRole } from "../console/roles";
import { getDb } from "../db";
import { env } from "../env";
import { getMemberSummary, type MemberSummary } from "../db/queries/members";
import { authOptions } from "./options";

/** The signed-in member's id, or null. Cached per request. */
export const currentMemberId = cache(async (): Promise<string | null> => {
  const session = await getServerSession(authOptions());
  return session?.user?.id ?? null;
});

/** The signed-in member or null, with the role in force; never redirects (console routes answer 403). */
export const currentMember = cache(async (): Promise<MemberSummary | null> => {
  const id = await currentMemberId();
  const member = id ? await getMemberSummary(await getDb(), id) : null;
  return member && { ...member, role: effectiveRole(member.role, member.email, env().ownerEmails) };
});

/** The signed-in member; sends anyone else to sign-in. Cached per request. */
export const requireMember = cache(async (): Promise<MemberSummary> => {
  const member = await currentMember();
  if (!member) redirect("/login");
  return member;
});
