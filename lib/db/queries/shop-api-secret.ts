import "server-only";
// The shop API's secret as the console keeps it: sealed (lib/db/secret-box.ts), its last
// four characters shown again, the one it replaced kept until its grace period ends. Which of them
// verify a request is decided in lib/shop-api/shop-secret.ts, the one lookup every verifier uses.
import { eq, sql } from "drizzle-orm";
import { open, seal } from "../secret-box";
import type { Database } from "../connect";
import { members, shopApiSecret } from "../schema";
import { writeAudit, type AuditActor } from "./audit";

const ROW = "default";

export type StoredShopApiSecret = {
  /** Opened with the server's key; null when it was sealed under another key. */
  secret: string | null;
  hint: string;
  setAt: Date;
  setBy: { email: string; name: string | null } | null;
  previous: { secret: string | null; hint: string | null; validUntil: Date } | null;
};

/** The stored secret, or null when the console never set one. */
export async function readShopApiSecret(db: Database, keySecret: string | undefined): Promise<StoredShopApiSecret | null> {
  const [row] = await db
    .select({ secret: shopApiSecret, setByEmail: members.email, setByName: members.name })
    .from(shopApiSecret)
    .leftJoin(members, eq(members.id, shopApiSecret.setBy))
    .where(eq(shopApiSecret.id, ROW));
  if (!row) return null;
  const { secret: s } = row;
  const opened = (sealed: string | null) => (sealed && keySecret ? open(sealed, keySecret) : null);
  return {
    secret: opened(s.secretCiphertext),
    hint: s.secretHint,
    setAt: s.setAt,
    setBy: row.setByEmail ? { email: row.setByEmail, name: row.setByName } : null,
    previous: s.previousCiphertext && s.previousValidUntil ? { secret: opened(s.previousCiphertext), hint: s.previousHint, validUntil: s.previousValidUntil } : null,
  };
}

/**
 * Sets the secret, or replaces it: the one replaced still verifies until `previousValidUntil`
 * (null: at once no more). Only the last four characters are ever shown again.
 */
export async function storeShopApiSecret(db: Database, actor: AuditActor, secret: string, keySecret: string, now: Date, previousValidUntil: Date | null): Promise<void> {
  const hint = secret.slice(-4);
  await db.transaction(async (tx) => {
    // FOR UPDATE locks nothing while the table is empty: two first-time creates would both see no
    // secret and the second would overwrite the first with no grace. The lock makes the second wait
    // and then rotate the first properly.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('shop_api_secret'))`);
    const [before] = await tx.select().from(shopApiSecret).where(eq(shopApiSecret.id, ROW)).for("update");
    const values = {
      secretCiphertext: seal(secret, keySecret),
      secretHint: hint,
      setBy: actor.id,
      setAt: now,
      previousCiphertext: before && previousValidUntil ? before.secretCiphertext : null,
      previousHint: before && previousValidUntil ? before.secretHint : null,
      previousValidUntil: before ? previousValidUntil : null,
    };
    await tx.insert(shopApiSecret).values({ id: ROW, ...values }).onConflictDoUpdate({ target: shopApiSecret.id, set: values });
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
    const [gone] = await tx.delete(shopApiSecret).where(eq(shopApiSecret.id, ROW)).returning({ hint: shopApiSecret.secretHint });
    if (gone) await writeAudit(tx, actor, "shop-api.secret-deleted", "shop-api", { hint: `…${gone.hint}` }, null, now);
    return Boolean(gone);
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
