import "server-only";
import { randomUUID } from "node:crypto";
import { readCappedBytes } from "../http/read-capped";
import { MAX_PHOTO_BYTES, processPhoto, type PhotoRefusal } from "./photo";
import { isPhotoKey, rewardImageStore } from "./store";

export const PUBLIC_IMAGE_PREFIX = "/api/reward-images/";

/**
 * A picture the shop shows to everyone (reward, logo): the raw request body, judged by its content
 * and re-encoded like members' photos, then stored under a fresh key. `attach` records it; if that
 * throws, the file is removed again, and the picture it replaces is removed once it has.
 */
export async function storePublicImage(request: Request, attach: (url: string) => Promise<{ previous: string | null }>): Promise<{ ok: true; url: string } | { ok: false; reason: PhotoRefusal }> {
  const body = await readCappedBytes(request, MAX_PHOTO_BYTES);
  if (!body) return { ok: false, reason: "too-large" };
  const processed = await processPhoto(body);
  if (!processed.ok) return processed;
  const store = rewardImageStore();
  const key = `${randomUUID()}.webp`;
  await store.put(key, processed.photo.data);
  const url = `${PUBLIC_IMAGE_PREFIX}${key}`;
  let previous: string | null;
  try {
    ({ previous } = await attach(url));
  } catch (error) {
    await store.remove(key);
    throw error;
  }
  const old = previous?.startsWith(PUBLIC_IMAGE_PREFIX) ? previous.slice(PUBLIC_IMAGE_PREFIX.length) : null;
  if (old && isPhotoKey(old)) await store.remove(old);
  return { ok: true, url };
}
