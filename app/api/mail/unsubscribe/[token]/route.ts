import { getDb } from "@/lib/db";
import { unsubscribeWithToken } from "@/lib/mail/signed-actions";
import { problem } from "@/lib/shop-api/problem";

export const dynamic = "force-dynamic";

/**
 * RFC 8058 one-click unsubscribe: the mail client POSTs "List-Unsubscribe=One-Click" to the
 * address in the mail's List-Unsubscribe header. No sign-in: the signed token names member and
 * category. Answered without a redirect, as the RFC asks; a repeat changes nothing.
 */
export async function POST(_request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const done = await unsubscribeWithToken(await getDb(), token);
  if (!done) return problem(404, "not-found", "Unknown unsubscribe link", "This unsubscribe link is not valid. Choose which e-mails you get on your profile.");
  return new Response("unsubscribed\n", { status: 200, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
}
