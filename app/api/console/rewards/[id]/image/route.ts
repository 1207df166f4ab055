import { consoleImageUpload } from "@/lib/console/image-upload";
import { setRewardImage } from "@/lib/server/program";

export const dynamic = "force-dynamic";

/** A reward's picture, as the raw file body (JPEG, PNG or WebP), re-encoded before it is kept. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return consoleImageUpload(request, (db, staff, url) => setRewardImage(db, staff, id, url));
}
