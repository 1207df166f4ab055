import "server-only";
import type { Database } from "../db/connect";
import { identityTargets } from "../db/queries/auth-adapter";
import { oidcSignInRefusal, type OidcRefusal } from "./oidc-policy";

/** The shop's sign-in, checked against who it would reach (lib/auth/oidc-policy.ts). */
export async function checkOidcSignIn(
  db: Database,
  input: { provider: string; providerAccountId: string; email: string | null | undefined; emailVerified: unknown },
  ownerEmails: readonly string[],
): Promise<OidcRefusal | null> {
  const targets = await identityTargets(db, input);
  return oidcSignInRefusal({ ...targets, email: input.email, emailVerified: input.emailVerified, ownerEmails });
}
