import { currentMemberId } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { getMemberSummary } from "@/lib/db/queries/members";
import { canSeePhoto } from "@/lib/db/queries/tasks";
import { isPhotoKey, localPhotoStore } from "@/lib/uploads/store";

export const dynamic = "force-dynamic";

/** A stored photo, for its owner and for staff (approved photos reach the shop through the API later). */
export async function GET(_request: Request, { params }: { params: Promise<{ key: string }> }) {
  const { key } = await params;
  const memberId = await currentMemberId();
  if (!memberId || !isPhotoKey(key)) return new Response("Not found", { status: 404 });
  const db = await getDb();
  const member = await getMemberSummary(db, memberId);
  if (!member || !(await canSeePhoto(db, member, key))) return new Response("Not found", { status: 404 });
  const data = await localPhotoStore().get(key);
  if (!data) return new Response("Not found", { status: 404 });
  return new Response(new Uint8Array(data), { headers: { "content-type": "image/webp", "cache-control": "private, max-age=86400, immutable" } });
}
