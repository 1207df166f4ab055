import NextAuth from "next-auth";
import { NextResponse, type NextRequest } from "next/server";
import { checkMagicLinkRequest } from "@/lib/auth/sign-in-guard";
import { clientIp } from "@/lib/auth/client-ip";
import { authOptions, EMAIL_PROVIDER_ID } from "@/lib/auth/options";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";

type Context = { params: Promise<{ nextauth: string[] }> };

function handle(request: NextRequest, context: Context) {
  return NextAuth(request, context, authOptions());
}

export const GET = handle;

export async function POST(request: NextRequest, context: Context) {
  const { nextauth } = await context.params;
  if (nextauth.join("/") === `signin/${EMAIL_PROVIDER_ID}`) {
    const form = await request.clone().formData().catch(() => null);
    const check = await checkMagicLinkRequest(await getDb(), form?.get("email"), clientIp(request.headers));
    if (!check.ok) {
      const url = new URL(`/login?error=${check.error}`, env().publicUrl ?? request.nextUrl.origin).toString();
      // next-auth's client asks for JSON and reads the error from the returned URL.
      return form?.get("json") === "true"
        ? NextResponse.json({ url }, { status: check.error === "RateLimited" ? 429 : 400 })
        : NextResponse.redirect(url, 303);
    }
  }
  return handle(request, context);
}
