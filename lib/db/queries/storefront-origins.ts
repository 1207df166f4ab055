import "server-only";
import { eq } from "drizzle-orm";
import { storedStorefrontOrigins } from "../../validations/storefront-origin";
import type { Database, Tx } from "../connect";
import { appSettings } from "../schema";

/** The console's storefront origins (Console → Storefront), besides TREUE_STOREFRONT_ORIGINS. */
export const STOREFRONT_ORIGINS_KEY = "storefront_origins";

/**
 * The widget API asks on every request; a change made in the console reaches other instances
 * within this time (this one at once: saving forgets the cached list).
 */
const ORIGINS_TTL_MS = 10_000;
const cache = new WeakMap<Database, { at: number; origins: Promise<string[]> }>();

/** The console's list as stored now. */
export async function readStorefrontOrigins(db: Database | Tx): Promise<string[]> {
  const [row] = await db.select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.key, STOREFRONT_ORIGINS_KEY));
  return storedStorefrontOrigins(row?.value);
}

/** The console's list, read at most every 10 s per process. */
export function cachedStorefrontOrigins(db: Database, now = Date.now()): Promise<string[]> {
  const hit = cache.get(db);
  if (hit && now - hit.at < ORIGINS_TTL_MS) return hit.origins;
  const origins = readStorefrontOrigins(db);
  cache.set(db, { at: now, origins });
  origins.catch(() => cache.delete(db)); // a failed read is not kept: the next request asks again
  return origins;
}

/** Forgets the cached list, so this process sees a saved change at once. */
export function forgetStorefrontOrigins(db: Database): void {
  cache.delete(db);
}

/** The list locked for this transaction (made empty first if it was never saved), so two edits queue. */
export async function lockStorefrontOrigins(tx: Tx): Promise<string[]> {
  await tx.insert(appSettings).values({ key: STOREFRONT_ORIGINS_KEY, value: [] }).onConflictDoNothing();
  const [row] = await tx.select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.key, STOREFRONT_ORIGINS_KEY)).for("update");
  return storedStorefrontOrigins(row?.value);
}

/** Stores the console's list (the caller holds lockStorefrontOrigins' lock). */
export async function storeStorefrontOrigins(tx: Tx, origins: string[]): Promise<void> {
  await tx.update(appSettings).set({ value: origins }).where(eq(appSettings.key, STOREFRONT_ORIGINS_KEY));
}
