import "server-only";
import { eq } from "drizzle-orm";
import type { Database } from "../connect";
import { appSettings } from "../schema";

/**
 * The stored value for `key`, or `make()`'s, stored now. Instances racing on first use all end
 * with the one value that won the insert.
 */
export async function getOrCreateSetting<T>(db: Database, key: string, make: () => T): Promise<T> {
  const [existing] = await db.select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.key, key));
  if (existing) return existing.value as T;
  await db.insert(appSettings).values({ key, value: make() }).onConflictDoNothing();
  const [stored] = await db.select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.key, key));
  return stored!.value as T;
}
