import { isPhotoKey, rewardImageStore } from "@/lib/uploads/store";

export const dynamic = "force-dynamic";

/** A reward's picture, public like the catalog; a key names one version, so it is cached for good. */
export async function GET(_request: Request, { params }: { params: Promise<{ key: string }> }) {
  const { key } = await params;
  const data = isPhotoKey(key) ? await rewardImageStore().get(key) : null;
  if (!data) return new Response("Not found", { status: 404 });
  return new Response(new Uint8Array(data), { headers: { "content-type": "image/webp", "cache-control": "public, max-age=31536000, immutable" } });
}
