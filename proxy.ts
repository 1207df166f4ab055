// A cheap first gate: without a session cookie, a signed-in screen sends the shopper to
// sign-in and remembers where they wanted to go (a push notification's deep link, say).
// The (app) layout still verifies the session itself. The sign-in pages get next-auth's CSRF
// cookie here, so they can be plain forms that work before (or without) any script.
import { NextResponse, type NextRequest } from "next/server";
import { csrfCookieName, csrfFromCookie } from "./lib/auth/csrf";

const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];
/** Open to everyone: the pages a shopper signs in from. */
const SIGN_IN_PAGES = /^\/(login|r\/[^/]+)$/;
/** Pages with next-auth forms (sign-in, sign-out) that post its CSRF token. */
const CSRF_PAGES = /^\/(login|r\/[^/]+|profile)$/;

export function proxy(request: NextRequest) {
  const path = request.nextUrl.pathname;
  if (!SIGN_IN_PAGES.test(path) && !SESSION_COOKIES.some((name) => request.cookies.has(name))) {
    const login = new URL("/login", request.url);
    const target = path + request.nextUrl.search;
    if (target !== "/") login.searchParams.set("callbackUrl", target);
    return NextResponse.redirect(login);
  }
  return CSRF_PAGES.test(path) ? withCsrfCookie(request) : NextResponse.next();
}

function withCsrfCookie(request: NextRequest) {
  const secret = process.env.AUTH_SECRET ?? process.env.NEXTAUTH_SECRET;
  if (!secret) return NextResponse.next();
  const name = csrfCookieName(process.env.NEXTAUTH_URL);
  const { cookie } = csrfFromCookie(request.cookies.get(name)?.value, secret);
  if (!cookie) return NextResponse.next();
  // The page renders in this same request: it reads the new token from the forwarded cookie.
  request.cookies.set(name, cookie);
  const response = NextResponse.next({ request: { headers: request.headers } });
  response.cookies.set(name, cookie, { httpOnly: true, sameSite: "lax", path: "/", secure: name.startsWith("__Host-") });
  return response;
}

export const config = {
  matcher: ["/", "/login", "/r/:code", "/console/:path*", "/rewards/:path*", "/tasks/:path*", "/invite/:path*", "/profile/:path*", "/history/:path*", "/wallet/:path*", "/tiers/:path*", "/staff/:path*"],
};
