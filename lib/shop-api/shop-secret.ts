import "server-only";
// The one lookup of the shop API's secret, used by every verifier (signed shop API requests, the
// storefront identities Treue issues and checks). TREUE_SHOP_SECRET wins when set: it is then the
// only secret and the console cannot change it. Otherwise the console's secret (sealed in the
// database, read at most every 5 s per process: a rotation reaches every instance within seconds),
// with the rotated-out one during its grace period. A failed database read throws (the gate answers
// 503) and is kept for a moment, not asked again by every request.
import { getDb, type Database } from "../db";
import { cachedShopApiSecret } from "./secret-store";
import { env } from "../env";
import { acceptedShopSecrets } from "./secret-grace";

export type ShopSecrets = {
  source: "env" | "console";
  /** What Treue signs with (storefront identities, the console's test event). */
  signing: string;
  /** What verifies a request now, the signing secret first. */
  accepted: string[];
};

/** The shop API's secrets now, or null when none is set (the shop API is closed). */
export async function shopSecrets(now = new Date(), db?: Database): Promise<ShopSecrets | null> {
  const config = env();
  if (config.shopSecret) return { source: "env", signing: config.shopSecret, accepted: [config.shopSecret] };
  const stored = await cachedShopApiSecret(db ?? (await getDb()), config.encryptionKey);
  if (!stored?.secret) return null;
  return { source: "console", signing: stored.secret, accepted: acceptedShopSecrets(stored, now) };
}
