import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { cache } from "react";
import { effectiveRole } from "../loyalty/roles";
import { getDb } from "../db";
import { env } from "../env";
import { getMemberSummary, type MemberSummary } from "../db/queries/members";
import { authOptions, EMAIL_PROVIDER_ID } from "./options";

/**
 * The session as next-auth read it from the cookie. Its session callback (lib/auth/options.ts) has
 * looked the member up: an erased member has no session from the moment of erasure.
 */
const sessionClaims = cache(async (): Promise<{ id: string; via: string | null } | null> => {
  const session = await getServerSession(authOptions());
  const id = session?.user?.id;
  return id ? { id, via: session.user?.via ?? null } : null;
});

/** The signed-in member's id, or null. Cached per request. */
export const currentMemberId = cache(async (): Promise<string | null> => (await sessionClaims())?.id ?? null);

/**
 * The signed-in member or null, with the role in force; never redirects (console routes answer 403).
 * Staff rights need a session from the e-mail link: the shop's sign-in vouches for shoppers only,
 * and a session from before sessions named their provider signs in again for staff rights.
 */
export const currentMember = cache(async (): Promise<MemberSummary | null> => {
  const claims = await sessionClaims();
  const member = claims ? await getMemberSummary(await getDb(), claims.id) : null;
  if (!member) return null;
  const role = claims?.via === EMAIL_PROVIDER_ID ? effectiveRole(member.role, member.email, env().ownerEmails) : "member";
  return { ...member, role };
});

/** The signed-in member; sends anyone else to sign-in. Cached per request. */
export const requireMember = cache(async (): Promise<MemberSummary> => {
  const member = await currentMember();
  if (!member) redirect("/login");
  return member;
});
