import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import EmailProvider from "next-auth/providers/email";
import { env } from "../env";
import { emailSchema } from "../validations/auth";
import { getDb } from "../db";
import { memberAdapter } from "../db/queries/auth-adapter";
import { memberMaySignIn } from "../db/queries/members";
import { localPath } from "../http/local-path";
import { attachReferral } from "./attach-referral";
import { checkOidcSignIn } from "./oidc-sign-in";
import { exchangeHandover, HANDOVER_PROVIDER_ID } from "./handover-sign-in";
import { sendMagicLink } from "./magic-link-mail";

/** next-auth's fixed id for the e-mail provider. */
export const EMAIL_PROVIDER_ID = "email";
export const OIDC_PROVIDER_ID = "shop";

type OidcProfile = { sub: string; email?: string; email_verified?: boolean | string; name?: string; picture?: string };

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
      // One address or nothing: next-auth's own normaliser (which this replaces) refuses lists too,
      // and a list would be sent the link as one mail to every address in it.
      normalizeIdentifier: (identifier) => {
        const parsed = emailSchema.safeParse(identifier);
        if (!parsed.success) throw new Error("not one e-mail address");
        return parsed.data;
      },
    }),
  ];
  // "Open my loyalty app" on the shop's pages: a one-time token (lib/storefront/handover.ts), used up here.
  providers.push(
    CredentialsProvider({
      id: HANDOVER_PROVIDER_ID,
      name: "Shop",
      credentials: { token: { type: "text" } },
      authorize: (credentials) => exchangeHandover(credentials?.token),
    }),
  );
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
      // The shop's account may attach to the member its own events created under that e-mail,
      // but only when the shop says it verified the address, and never to staff: the signIn
      // callback below refuses anything else before next-auth links.
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
      async signIn({ user, account, profile }) {
        if (account?.provider !== OIDC_PROVIDER_ID) return true;
        const refusal = await checkOidcSignIn(
          await getDb(),
          { provider: account.provider, providerAccountId: account.providerAccountId, email: user.email, emailVerified: (profile as OidcProfile | undefined)?.email_verified },
          config.ownerEmails,
        );
        return refusal ? `/login?error=${refusal}` : true;
      },
      jwt({ token, account }) {
        // Set once, at sign-in: which provider vouched for this session.
        if (account) token.via = account.provider;
        return token;
      },
      async session({ session, token }) {
        // The cookie lives for weeks; the member may have been erased since. Looked up on every
        // read of the session (pages, routes, /api/auth/session): an erased member has none.
        if (!token.sub || !(await memberMaySignIn(await getDb(), token.sub))) return { expires: session.expires };
        if (session.user) {
          session.user.id = token.sub;
          session.user.via = token.via ?? null;
        }
        return session;
      },
      redirect({ url, baseUrl }) {
        // After sign-in or sign-out: only somewhere on this site, decided by parsing (lib/pwa/in-app-url.js).
        const origin = new URL(baseUrl).origin;
        return `${origin}${localPath(url, origin)}`;
      },
    },
  };
  return cached;
}
