import { getDb } from "@/lib/db";
import { recordMailOpen } from "@/lib/mail/signed-actions";

export const dynamic = "force-dynamic";

/** A transparent 1×1 GIF. */
const PIXEL = Buffer.from("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7", "base64");

/** A mail's open-tracking image (only in mails when TREUE_MAIL_OPEN_TRACKING is on): records the first open. */
export async function GET(_request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  await recordMailOpen(await getDb(), token, new Date());
  return new Response(PIXEL, { headers: { "content-type": "image/gif", "cache-control": "no-store, private" } });
}
