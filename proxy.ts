// A cheap first gate: without a session cookie, a signed-in screen sends the shopper to
// sign-in and remembers where they wanted to go (a push notification's deep link, say).
// The (app) layout still verifies the session itself. The sign-in pages get next-auth's CSRF
// cookie here, so they can be plain forms that work before (or without) any script.
import { NextResponse, type NextRequest } from "next/server";
import { csrfCookieName, csrfFromCookie } from "./lib/auth/csrf";

const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];
const SIGN_IN_PAGES = /^\/(login|r\/[^/]+)$/;

export function proxy(request: NextRequest) {
  if (SIGN_IN_PAGES.test(request.nextUrl.pathname)) return withCsrfCookie(request);
  if (SESSION_COOKIES.some((name) => request.cookies.has(name))) return NextResponse.next();
  const login = new URL("/login", request.url);
  const target = request.nextUrl.pathname + request.nextUrl.search;
  if (target !== "/") login.searchParams.set("callbackUrl", target);
  return NextResponse.redirect(login);
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
