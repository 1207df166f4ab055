// next-auth's double-submit CSRF token, made where the sign-in page is served so that page can be
// a plain HTML form (no sign-in script): the cookie holds "token|sha256(token + secret)", the
// form the token; next-auth checks both on POST /api/auth/signin/*. Same format as next-auth 4.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** next-auth's name for it: "__Host-" when the site is served over https. */
export function csrfCookieName(publicUrl: string | undefined): string {
  return publicUrl?.startsWith("https://") ? "__Host-next-auth.csrf-token" : "next-auth.csrf-token";
}

const hashOf = (token: string, secret: string) => createHash("sha256").update(`${token}${secret}`).digest("hex");

/** The token of a valid cookie, or a fresh token with the cookie value to set. */
export function csrfFromCookie(cookieValue: string | undefined, secret: string): { token: string; cookie: string | null } {
  const [token, hash] = (cookieValue ?? "").split("|");
  if (token && hash && hash === hashOf(token, secret)) return { token, cookie: null };
  const fresh = randomBytes(32).toString("hex");
  return { token: fresh, cookie: `${fresh}|${hashOf(fresh, secret)}` };
}

/** The token a page renders into its sign-in forms, from the cookie the proxy made sure of. */
export function csrfTokenOf(cookieValue: string | undefined): string {
  return (cookieValue ?? "").split("|")[0] ?? "";
}

/**
 * next-auth's own check, made before anything of ours runs on a sign-in POST (the referral claim,
 * the rate limits): the form's token must be the cookie's, and the cookie must be ours.
 */
export function csrfTokenMatches(cookieValue: string | undefined, formToken: unknown, secret: string): boolean {
  const [token, hash] = (cookieValue ?? "").split("|");
  if (!token || !hash || typeof formToken !== "string") return false;
  const expected = Buffer.from(hashOf(token, secret));
  const given = Buffer.from(hash);
  return expected.length === given.length && timingSafeEqual(expected, given) && formToken.length === token.length && timingSafeEqual(Buffer.from(formToken), Buffer.from(token));
}
