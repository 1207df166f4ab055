// Every page passes here. A cheap first gate: without a session cookie, a signed-in screen sends
// the shopper to sign-in and remembers where they wanted to go (a push notification's deep link,
// say); the (app) layout still verifies the session itself. The sign-in pages get next-auth's
// CSRF cookie here, so they can be plain forms that work before (or without) any script. And
// each page gets its own script nonce and the security headers (lib/http/security-headers.ts).
import { NextResponse, type NextRequest } from "next/server";
import { csrfCookieName, csrfFromCookie } from "./lib/auth/csrf";
import { crossSiteWriteRefusal, isSafeMethod, ownOrigins } from "./lib/http/same-origin";
import { pageSecurityHeaders } from "./lib/http/security-headers";
import { problem } from "./lib/shop-api/problem";

const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];
/** Open to everyone: the pages a shopper signs in from. */
const SIGN_IN_PAGES = /^\/(login|r\/[^/]+)$/;
/** Pages with next-auth forms (sign-in, sign-out) that post its CSRF token. */
const CSRF_PAGES = /^\/(login|login\/handover|r\/[^/]+|profile|console(\/.*)?)$/;
/** Screens for signed-in people only. */
const SIGNED_IN_SCREENS = /^\/($|console|rewards|tasks|invite|profile|history|wallet|tiers|staff)(\/|$)/;

export function proxy(request: NextRequest) {
  const path = request.nextUrl.pathname;
  // First: a write that another site's page sent in someone's name (lib/http/same-origin.ts). Reads,
  // every page view among them, skip it.
  const refusal =
    !isSafeMethod(request.method) &&
    crossSiteWriteRefusal({
      method: request.method,
      path,
      origin: request.headers.get("origin"),
      secFetchSite: request.headers.get("sec-fetch-site"),
      ownOrigins: ownOrigins(request.url, request.headers, process.env.NEXTAUTH_URL),
    });
  if (refusal) return crossSiteRefused(refusal);
  // The API gets here only for that check (see the matcher); its routes answer for themselves.
  if (path.startsWith("/api/")) return NextResponse.next();
  if (SIGNED_IN_SCREENS.test(path) && !SIGN_IN_PAGES.test(path) && !SESSION_COOKIES.some((name) => request.cookies.has(name))) {
    const login = new URL("/login", request.url);
    const target = path + request.nextUrl.search;
    if (target !== "/") login.searchParams.set("callbackUrl", target);
    return NextResponse.redirect(login);
  }
  const nonce = btoa(crypto.randomUUID());
  const security = pageSecurityHeaders({
    nonce,
    https: request.nextUrl.protocol === "https:" || request.headers.get("x-forwarded-proto") === "https",
    development: process.env.NODE_ENV === "development",
    signInOrigin: SIGN_IN_ORIGIN,
  });
  // Next reads the nonce from the request's policy and puts it on the scripts it renders.
  request.headers.set("content-security-policy", security["Content-Security-Policy"]);
  // The console's layout checks the role for the page asked for, before the page streams (layouts get no path).
  request.headers.set("x-treue-path", path);
  // One id per request for the log (instrumentation.ts), kept when the proxy in front gave one.
  if (!/^[\w.:-]{1,128}$/.test(request.headers.get("x-request-id") ?? "")) request.headers.set("x-request-id", crypto.randomUUID());
  const response = CSRF_PAGES.test(path) ? withCsrfCookie(request) : NextResponse.next({ request: { headers: request.headers } });
  for (const [name, value] of Object.entries(security)) response.headers.set(name, value);
  response.headers.set("x-request-id", request.headers.get("x-request-id")!);
  return response;
}

/** The shop's OpenID provider, where the sign-in form may send the shopper on (fixed for the process). */
const SIGN_IN_ORIGIN = (() => {
  try {
    return process.env.TREUE_OIDC_ISSUER ? new URL(process.env.TREUE_OIDC_ISSUER).origin : undefined;
  } catch {
    return undefined;
  }
})();

function crossSiteRefused(reason: string) {
  return problem(403, "forbidden", "Cross-site request refused", `this request changes data and must come from this site's own pages (${reason})`);
}

function withCsrfCookie(request: NextRequest) {
  const secret = process.env.AUTH_SECRET ?? process.env.NEXTAUTH_SECRET;
  const name = csrfCookieName(process.env.NEXTAUTH_URL);
  const { cookie } = secret ? csrfFromCookie(request.cookies.get(name)?.value, secret) : { cookie: undefined };
  // The page renders in this same request: it reads the new token from the forwarded cookie.
  if (cookie) request.cookies.set(name, cookie);
  const response = NextResponse.next({ request: { headers: request.headers } });
  if (cookie) response.cookies.set(name, cookie, { httpOnly: true, sameSite: "lax", path: "/", secure: name.startsWith("__Host-") });
  return response;
}

export const config = {
  // Pages only: not the API, Next's own files, the service worker or static assets, nor the
  // console's sample shop page (/storefront-preview), which is framed and sends its own policy.
  matcher: [
    {
      source: "/((?!api/|_next/|sw\\.js|manifest\\.webmanifest|icons/|storefront-preview$|.*\\.(?:svg|png|jpg|jpeg|webp|ico|txt|xml)$).*)",
      missing: [{ type: "header", key: "next-router-prefetch" }],
    },
    // The API, only for what a browser sends (the cross-site check): the shop's servers send neither header.
    { source: "/api/:path*", has: [{ type: "header", key: "origin" }] },
    { source: "/api/:path*", has: [{ type: "header", key: "sec-fetch-site" }] },
  ],
};
