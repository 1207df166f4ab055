import { getDb } from "@/lib/db";
import { followMailLink } from "@/lib/mail/signed-actions";

export const dynamic = "force-dynamic";

/** A mail's button: counts the click (Insights) and leads to the screen it is about; a link that is not ours leads home. */
export async function GET(_request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const path = await followMailLink(await getDb(), token, new Date());
  // A relative Location: the browser stays on the host it came by (behind a proxy, the app's own URL may differ).
  return new Response(null, { status: 303, headers: { location: path ?? "/", "cache-control": "no-store" } });
}
