import { NextResponse } from "next/server";
import { getDb } from "@/lib/db";
import { followMailLink } from "@/lib/mail/signed-actions";

export const dynamic = "force-dynamic";

/** A mail's button: counts the click (Insights) and leads to the screen it is about; a link that is not ours leads home. */
export async function GET(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const path = await followMailLink(await getDb(), token, new Date());
  return NextResponse.redirect(new URL(path ?? "/", request.url), 303);
}
