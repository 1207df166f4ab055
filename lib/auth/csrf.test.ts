// The sign-in forms post a CSRF token Treue made itself: next-auth's own check must accept it,
// and refuse a token made under another secret or a tampered cookie.
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { csrfCookieName, csrfFromCookie, csrfTokenMatches, csrfTokenOf } from "./csrf";

const secret = "csrf-test-secret-csrf-test-secret";
type Check = (args: { options: { secret: string }; cookieValue?: string; isPost: boolean; bodyValue?: string }) => { csrfTokenVerified?: boolean; cookie?: string };
// next-auth's own check, from its installed files (the module is internal: not in its exports map).
const require = createRequire(import.meta.url);
const nextAuthCheck = (require(path.join(path.dirname(require.resolve("next-auth")), "core/lib/csrf-token.js")) as { createCSRFToken: Check }).createCSRFToken;

describe("the CSRF token of the plain sign-in forms", () => {
  it("is one next-auth verifies on a sign-in POST", () => {
    const { token, cookie } = csrfFromCookie(undefined, secret);
    expect(cookie).toMatch(/^[0-9a-f]{64}\|[0-9a-f]{64}$/);
    expect(csrfTokenOf(cookie!)).toBe(token);
    expect(nextAuthCheck({ options: { secret }, cookieValue: cookie!, isPost: true, bodyValue: token })).toMatchObject({ csrfTokenVerified: true });
    expect(nextAuthCheck({ options: { secret }, cookieValue: cookie!, isPost: true, bodyValue: "0".repeat(64) })).toMatchObject({ csrfTokenVerified: false });
  });

  it("keeps a valid cookie, and replaces one made under another secret or tampered with", () => {
    const { cookie } = csrfFromCookie(undefined, secret);
    expect(csrfFromCookie(cookie!, secret)).toEqual({ token: csrfTokenOf(cookie!), cookie: null });
    const foreign = csrfFromCookie(undefined, "another-secret-another-secret-1234").cookie!;
    expect(csrfFromCookie(foreign, secret).cookie).not.toBeNull();
    expect(csrfFromCookie(`${"a".repeat(64)}|${cookie!.split("|")[1]}`, secret).cookie).not.toBeNull();
    expect(csrfFromCookie("garbage", secret).cookie).not.toBeNull();
    // next-auth agrees: a foreign cookie is no proof.
    expect(nextAuthCheck({ options: { secret }, cookieValue: foreign, isPost: true, bodyValue: csrfTokenOf(foreign) }).csrfTokenVerified).toBeUndefined();
  });

  it("is named as next-auth names it: __Host- only over https", () => {
    expect(csrfCookieName("https://treue.example")).toBe("__Host-next-auth.csrf-token");
    expect(csrfCookieName("http://127.0.0.1:3000")).toBe("next-auth.csrf-token");
    expect(csrfCookieName(undefined)).toBe("next-auth.csrf-token");
  });

  it("is checked before a sign-in POST does anything: the form's token must be the cookie's, under our secret", () => {
    const { token, cookie } = csrfFromCookie(undefined, secret);
    expect(csrfTokenMatches(cookie!, token, secret)).toBe(true);
    // A cross-site form cannot read the cookie, so it posts no token or a made-up one.
    expect(csrfTokenMatches(cookie!, undefined, secret)).toBe(false);
    expect(csrfTokenMatches(cookie!, "0".repeat(64), secret)).toBe(false);
    expect(csrfTokenMatches(undefined, token, secret)).toBe(false);
    const foreign = csrfFromCookie(undefined, "another-secret-another-secret-1234");
    expect(csrfTokenMatches(foreign.cookie!, foreign.token, secret)).toBe(false);
  });
});
