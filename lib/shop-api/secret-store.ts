import "server-only";
// Setting, rotating and deleting the shop API's secret from the console, each with its audit row
// in the same transaction, and the short per-process cache every verifier reads through
// (lib/shop-api/shop-secret.ts). The statements are in lib/db/queries/shop-api-secret.ts.
import type { Database } from "../db/connect";
import { writeAudit, type AuditActor } from "../db/queries/audit";
import { deleteShopApiSecretRow, lockShopApiSecret, readShopApiSecret, upsertShopApiSecret, type StoredShopApiSecret } from "../db/queries/shop-api-secret";
import { seal } from "../db/secret-box";

/**
 * Sets the secret, or replaces it: the one replaced still verifies until `previousValidUntil`
 * (null: at once no more). Only the last four characters are ever shown again.
 */
export async function storeShopApiSecret(db: Database, actor: AuditActor, secret: string, keySecret: string, now: Date, previousValidUntil: Date | null): Promise<void> {
  const hint = secret.slice(-4);
  await db.transaction(async (tx) => {
    const before = await lockShopApiSecret(tx);
    await upsertShopApiSecret(tx, {
      secretCiphertext: seal(secret, keySecret),
      secretHint: hint,
      setBy: actor.id,
      setAt: now,
      previousCiphertext: before && previousValidUntil ? before.secretCiphertext : null,
      previousHint: before && previousValidUntil ? before.secretHint : null,
      previousValidUntil: before ? previousValidUntil : null,
    });
    await writeAudit(
      tx,
      actor,
      before ? "shop-api.secret-rotated" : "shop-api.secret-set",
      "shop-api",
      before ? { hint: `…${before.secretHint}` } : null,
      { hint: `…${hint}`, previousValidUntil: before && previousValidUntil ? previousValidUntil.toISOString() : null },
      now,
    );
  });
  forgetShopApiSecret(db);
}

/**
 * Deletes the stored secret (the console offers it while TREUE_SHOP_SECRET is set, which wins: the
 * stored one would take over again once the variable is removed). False when none was stored.
 */
export async function deleteShopApiSecret(db: Database, actor: AuditActor, now: Date): Promise<boolean> {
  const deleted = await db.transaction(async (tx) => {
    const hint = await deleteShopApiSecretRow(tx);
    if (hint !== null) await writeAudit(tx, actor, "shop-api.secret-deleted", "shop-api", { hint: `…${hint}` }, null, now);
    return hint !== null;
  });
  forgetShopApiSecret(db);
  return deleted;
}

/**
 * The shop API asks on every request, so the stored secret is read at most every few seconds per
 * process. A change made in the console reaches every other instance within this time (the one
 * that made it at once: storing forgets the cached row). A failed read is kept for a moment too, so
 * a database in trouble is not asked again by every request that comes in.
 */
export const SHOP_API_SECRET_TTL_MS = 5_000;
export const SHOP_API_SECRET_FAILED_TTL_MS = 1_500;
const cache = new WeakMap<Database, { at: number; ttl: number; row: Promise<StoredShopApiSecret | null> }>();

/** The stored secret, read at most every 5 s per process (by the real clock: callers' moments may be simulated). */
export function cachedShopApiSecret(db: Database, keySecret: string | undefined): Promise<StoredShopApiSecret | null> {
  const now = Date.now();
  const hit = cache.get(db);
  if (hit && now - hit.at < hit.ttl) return hit.row;
  const row = readShopApiSecret(db, keySecret);
  const entry = { at: now, ttl: SHOP_API_SECRET_TTL_MS, row };
  cache.set(db, entry);
  row.catch(() => {
    entry.ttl = SHOP_API_SECRET_FAILED_TTL_MS;
  });
  return row;
}

/** Forgets the cached row, so this process sees a stored change at once. */
export function forgetShopApiSecret(db: Database): void {
  cache.delete(db);
}
