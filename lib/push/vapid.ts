import "server-only";
import webpush from "web-push";
import type { Database } from "../db/connect";
import { getOrCreateSetting } from "../db/queries/app-settings";
import { env } from "../env";

export type VapidKeys = { publicKey: string; privateKey: string };

const cache = new WeakMap<Database, Promise<VapidKeys>>();

/**
 * The server's Web Push identity. Configured keys win; otherwise one pair is generated on first
 * use and kept in the database, so every instance and every restart signs as the same sender
 * (a new pair would silently orphan every existing subscription).
 */
export function getVapidKeys(db: Database): Promise<VapidKeys> {
  const configured = env().vapid;
  if (configured) return Promise.resolve(configured);
  let keys = cache.get(db);
  if (!keys) {
    keys = getOrCreateSetting<VapidKeys>(db, "vapid", () => webpush.generateVAPIDKeys());
    cache.set(db, keys);
    keys.catch(() => cache.delete(db));
  }
  return keys;
}
