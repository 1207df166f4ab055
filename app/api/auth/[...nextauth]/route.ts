import NextAuth from "next-auth";
import { NextResponse, type NextRequest } from "next/server";
import { csrfCookieName, csrfTokenMatches } from "@/lib/auth/csrf";
import { checkMagicLinkRequest } from "@/lib/auth/sign-in-guard";
import { clientIp } from "@/lib/auth/client-ip";
import { authOptions, EMAIL_PROVIDER_ID } from "@/lib/auth/options";
import { claimReferralAtSignIn } from "@/lib/auth/claim-referral";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { localPath } from "@/lib/http/local-path";

type Context = { params: Promise<{ nextauth: string[] }> };

function handle(request: NextRequest, context: Context) {
  return NextAuth(request, context, authOptions());
}

export const GET = handle;

export async function POST(request: NextRequest, context: Context) {
  const { nextauth } = await context.params;
  // next-auth reads only the first two segments: /signin/email/anything is its e-mail sign-in too,
  // and must not pass by the checks below.
  if (nextauth[0] !== "signin" || nextauth[1] !== EMAIL_PROVIDER_ID) return handle(request, context);
  const form = await request.clone().formData().catch(() => null);
  const config = env();
  const base = config.publicUrl ?? request.nextUrl.origin;
  // Before anything is counted, claimed or set: next-auth checks its CSRF token only later, and a
  // form on another site must not plant a referral or use up someone's sign-in links. Refused the
  // way next-auth refuses it, back to the sign-in page with a fresh token.
  const csrfCookie = request.cookies.get(csrfCookieName(config.publicUrl))?.value;
  if (!config.authSecret || !csrfTokenMatches(csrfCookie, form?.get("csrfToken"), config.authSecret)) {
    return NextResponse.redirect(new URL("/login?csrf=true", base), 303);
  }
  const check = await checkMagicLinkRequest(await getDb(), form?.get("email"), clientIp(request.headers));
  if (!check.ok) {
    const back = new URL("/login", base);
    back.searchParams.set("error", check.error);
    // The form comes back with what was typed, to correct rather than retype.
    const typed = form?.get("email");
    if (typeof typed === "string" && check.error === "InvalidEmail") back.searchParams.set("email", typed.trim().slice(0, 254));
    const callbackUrl = localPath(form?.get("callbackUrl"));
    if (callbackUrl !== "/") back.searchParams.set("callbackUrl", callbackUrl);
    const url = back.toString();
    // next-auth's client asks for JSON and reads the error from the returned URL; the page's plain form follows a redirect.
    return form?.get("json") === "true"
      ? NextResponse.json({ url }, { status: check.error === "RateLimited" ? 429 : 400 })
      : NextResponse.redirect(url, 303);
  }
  // The invite landing page's form: the friend's claim goes first, as the link is requested.
  const referral = form?.get("referral");
  if (typeof referral === "string") await claimReferralAtSignIn(referral, check.email);
  const response = await handle(request, context);
  // Sent: straight to the check-your-inbox page (not through next-auth's verify-request hop),
  // which names the address the link went to.
  const location = response.headers.get("location");
  if (!location || new URL(location, base).pathname !== "/api/auth/verify-request") return response;
  const next = new URL("/login/check-email", base);
  next.searchParams.set("email", check.email);
  const headers = new Headers(response.headers);
  headers.set("location", next.toString());
  return new Response(response.body, { status: response.status, headers });
}
