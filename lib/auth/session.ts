import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { cache } from "react";
import { effectiveRole } from "../console/roles";
import { getDb } from "../db";
import { env } from "../env";
import { getMemberSummary, memberMaySignIn, type MemberSummary } from "../db/queries/members";
import { authOptions, OIDC_PROVIDER_ID } from "./options";

/** The session's claims as next-auth read them from the cookie: nothing here is checked against the database yet. */
const sessionClaims = cache(async (): Promise<{ id: string; via: string | null } | null> => {
  const session = await getServerSession(authOptions());
  const id = session?.user?.id;
  return id ? { id, via: session.user?.via ?? null } : null;
});

/**
 * The signed-in member's id, or null. Cached per request. A session is a signed cookie that lives
 * for weeks, so the member is looked up each time: an erased member is signed out at once.
 */
export const currentMemberId = cache(async (): Promise<string | null> => {
  const claims = await sessionClaims();
  return claims && (await memberMaySignIn(await getDb(), claims.id)) ? claims.id : null;
});

/**
 * The signed-in member or null, with the role in force; never redirects (console routes answer 403).
 * Staff rights need a session from the e-mail link: the shop's sign-in vouches for shoppers only.
 */
export const currentMember = cache(async (): Promise<MemberSummary | null> => {
  const claims = await sessionClaims();
  const member = claims ? await getMemberSummary(await getDb(), claims.id) : null;
  if (!member) return null;
  const role = claims?.via === OIDC_PROVIDER_ID ? "member" : effectiveRole(member.role, member.email, env().ownerEmails);
  return { ...member, role };
});

/** The signed-in member; sends anyone else to sign-in. Cached per request. */
export const requireMember = cache(async (): Promise<MemberSummary> => {
  const member = await currentMember();
  if (!member) redirect("/login");
  return member;
});
