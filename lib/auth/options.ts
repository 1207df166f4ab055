import type { NextAuthOptions } from "next-auth";
import EmailProvider from "next-auth/providers/email";
import { env } from "../env";
import { getDb } from "../db";
import { memberAdapter } from "../db/queries/auth-adapter";
import { attachReferral } from "./attach-referral";
import { sendMagicLink } from "./magic-link-mail";

/** next-auth's fixed id for the e-mail provider. */
export const EMAIL_PROVIDER_ID = "email";
export const OIDC_PROVIDER_ID = "shop";

type OidcProfile = { sub: string; email?: string; name?: string; picture?: string };

let cached: NextAuthOptions | undefined;

export function authOptions(): NextAuthOptions {
  if (cached) return cached;
  const config = env();
  const providers: NextAuthOptions["providers"] = [
    EmailProvider({
      // Delivery is ours (SMTP or local mailbox); next-auth only needs a placeholder here.
      server: config.email?.server ?? "smtp://localhost",
      from: config.email?.from ?? "Treue <noreply@localhost>",
      maxAge: 15 * 60,
      sendVerificationRequest: sendMagicLink,
      normalizeIdentifier: (identifier) => identifier.trim().toLowerCase(),
    }),
  ];
  if (config.oidc) {
    providers.push({
      id: OIDC_PROVIDER_ID,
      name: config.oidc.name,
      type: "oauth",
      wellKnown: `${config.oidc.issuer.replace(/\/$/, "")}/.well-known/openid-configuration`,
      clientId: config.oidc.clientId,
      clientSecret: config.oidc.clientSecret,
      authorization: { params: { scope: "openid email profile" } },
      idToken: true,
      checks: ["pkce", "state"],
      // The shop is the identity provider and has verified the address, so its account
      // may attach to a member that the shop's own events created under that e-mail.
      allowDangerousEmailAccountLinking: true,
      profile(profile: OidcProfile) {
        return { id: profile.sub, email: profile.email?.toLowerCase(), name: profile.name, image: profile.picture };
      },
    });
  }
  cached = {
    secret: config.authSecret,
    adapter: memberAdapter(getDb),
    session: { strategy: "jwt", maxAge: 90 * 24 * 60 * 60 },
    providers,
    pages: { signIn: "/login", verifyRequest: "/login/check-email", error: "/login" },
    events: {
      async signIn({ user }) {
        if (user.id && user.email) await attachReferral(user.id, user.email);
      },
    },
    callbacks: {
      session({ session, token }) {
        if (session.user && token.sub) session.user.id = token.sub;
        return session;
      },
    },
  };
  return cached;
}
