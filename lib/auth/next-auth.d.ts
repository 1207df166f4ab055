import "next-auth";

declare module "next-auth" {
  interface Session {
    /** `via`: the provider the session was signed in with (staff rights need the e-mail link). */
    user?: { id?: string; name?: string | null; email?: string | null; image?: string | null; via?: string | null };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    via?: string;
  }
}
