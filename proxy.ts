// A cheap first gate: without a session cookie, a signed-in screen sends the shopper to
// sign-in and remembers where they wanted to go (a push notification's deep link, say).
// The (app) layout still verifies the session itself.
import { NextResponse, type NextRequest } from "next/server";

const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];

export function proxy(request: NextRequest) {
  if (SESSION_COOKIES.some((name) => request.cookies.has(name))) return NextResponse.next();
  const login = new URL("/login", request.url);
  const target = request.nextUrl.pathname + request.nextUrl.search;
  if (target !== "/") login.searchParams.set("callbackUrl", target);
  return NextResponse.redirect(login);
}

export const config = {
  matcher: ["/", "/console/:path*", "/rewards/:path*", "/tasks/:path*", "/invite/:path*", "/profile/:path*", "/history/:path*", "/wallet/:path*", "/tiers/:path*", "/staff/:path*"],
};
