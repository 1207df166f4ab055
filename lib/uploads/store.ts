import "server-only";
import { randomUUID } from "node:crypto";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { env } from "../env";
import type { PhotoStore } from "./photo-store";
import { s3Store } from "./s3-store";

/** Where uploaded photos live: local disk by default, an S3-compatible bucket when configured (TREUE_S3_*). */
export type { PhotoStore };

const KEY = /^[0-9a-f-]{36}\.webp$/;

/** Files under <data dir>/uploads, named by key; keys are ours (uuid.webp), never user input. */
export function localPhotoStore(root = path.join(env().dataDir, "uploads")): PhotoStore {
  const file = (key: string) => {
    if (!KEY.test(key)) throw new Error(`not a photo key: ${key}`);
    return path.join(root, key);
  };
  return {
    async put(key, data) {
      await mkdir(root, { recursive: true });
      await writeFile(file(key), data, { flag: "wx" });
    },
    async get(key) {
      if (!KEY.test(key)) return null;
      return readFile(file(key)).catch(() => null);
    },
    async remove(key) {
      await rm(file(key), { force: true });
    },
  };
}

export function isPhotoKey(value: string): boolean {
  return KEY.test(value);
}

/**
 * A member's photo as this server processed and stored it, under a key it made for this one
 * upload: what a photo submission names. Never read from a request.
 */
export type StoredPhoto = { readonly key: string; readonly width: number; readonly height: number; readonly hash: string };

/** Puts a processed photo in the store under a new key. */
export async function storePhoto(store: PhotoStore, photo: { data: Buffer; width: number; height: number; hash: string }): Promise<StoredPhoto> {
  const key = `${randomUUID()}.webp`;
  await store.put(key, photo.data);
  return { key, width: photo.width, height: photo.height, hash: photo.hash };
}

/** Reward pictures: public (the catalog shows them to everyone), kept apart from members' private photos. */
export function localRewardImageStore(): PhotoStore {
  return localPhotoStore(path.join(env().dataDir, "reward-images"));
}

/** Members' photos, where the configuration keeps them. */
export function photoStore(): PhotoStore {
  const storage = env().objectStorage;
  return storage ? s3Store(storage, "photos", isPhotoKey) : localPhotoStore();
}

/** Reward pictures and the shop's logo, where the configuration keeps them. */
export function rewardImageStore(): PhotoStore {
  const storage = env().objectStorage;
  return storage ? s3Store(storage, "reward-images", isPhotoKey) : localRewardImageStore();
}
