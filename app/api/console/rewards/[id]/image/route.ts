import { randomUUID } from "node:crypto";
import { getTranslations } from "next-intl/server";
import { consoleProblem, consoleRead } from "@/lib/console/dispatch";
import { getDb } from "@/lib/db";
import { setRewardImage } from "@/lib/db/queries/console-program";
import { readCappedBytes } from "@/lib/http/read-capped";
import { MAX_PHOTO_BYTES, processPhoto } from "@/lib/uploads/photo";
import { isPhotoKey, localRewardImageStore } from "@/lib/uploads/store";

export const dynamic = "force-dynamic";

const PREFIX = "/api/reward-images/";

/**
 * A reward's picture, as the raw file body (JPEG, PNG or WebP). Judged by its content and
 * re-encoded like members' photos (WebP, no metadata, at most 2048 px) before it is stored.
 */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return consoleRead("program.edit", async (staff) => {
    const t = await getTranslations("console.errors");
    const body = await readCappedBytes(request, MAX_PHOTO_BYTES);
    if (!body) return consoleProblem(413, "payload-too-large", t("invalidTitle"), t("imageTooLarge"));
    const processed = await processPhoto(body);
    if (!processed.ok) return consoleProblem(processed.reason === "too-large" ? 413 : 400, "invalid-image", t("invalidTitle"), t(`image.${processed.reason}`));
    const store = localRewardImageStore();
    const key = `${randomUUID()}.webp`;
    await store.put(key, processed.photo.data);
    try {
      const { previous } = await setRewardImage(await getDb(), staff, id, `${PREFIX}${key}`);
      const old = previous?.startsWith(PREFIX) ? previous.slice(PREFIX.length) : null;
      if (old && isPhotoKey(old)) await store.remove(old);
    } catch (error) {
      await store.remove(key); // unknown reward: nothing stays behind
      throw error;
    }
    return { image: `${PREFIX}${key}` };
  });
}
