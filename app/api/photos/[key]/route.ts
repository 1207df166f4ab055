import { currentMember } from "@/lib/auth/session";
import { isStaffRole } from "@/lib/loyalty/roles";
import { getDb } from "@/lib/db";
import { canSeePhoto } from "@/lib/db/queries/tasks";
import { memberOwnsConversationPhoto } from "@/lib/db/queries/conversations";
import { isPhotoKey, photoStore } from "@/lib/uploads/store";

export const dynamic = "force-dynamic";

/** A stored photo (a task's, or a receipt in a support conversation), for its owner and for staff (approved photos reach the shop through the API later). */
export async function GET(_request: Request, { params }: { params: Promise<{ key: string }> }) {
  const { key } = await params;
  if (!isPhotoKey(key)) return new Response("Not found", { status: 404 });
  const member = await currentMember();
  const db = await getDb();
  if (!member || !((await canSeePhoto(db, member, key)) || (await memberOwnsConversationPhoto(db, member.id, key)))) return new Response("Not found", { status: 404 });
  const data = await photoStore().get(key);
  if (!data) return new Response("Not found", { status: 404 });
  // Staff see other people's photos, often on a shared shop computer: nothing of them is kept there.
  const caching = isStaffRole(member.role) ? "private, no-store" : "private, max-age=86400, immutable";
  return new Response(new Uint8Array(data), { headers: { "content-type": "image/webp", "cache-control": caching } });
}
