// The devices that registered for a card's updates through Apple's PassKit web service
// (lib/wallet/apple/web-service.ts), and the push job's look at them (lib/wallet/apple/pusher.ts).
import "server-only";
import { and, desc, eq, isNotNull, sql } from "drizzle-orm";
import type { Database } from "../connect";
import { walletDevices, walletPasses } from "../schema";
import { passVersion } from "./wallet-passes";

/**
 * Registers a device for a card's updates, or renews its push token. A new registration brings a
 * card that nothing held back (`gone_at`) and makes it due once more: a push that was in flight
 * while the device registered may have looked at the devices before it, so the next run tells it.
 */
export async function registerWalletDevice(db: Database, deviceLibraryId: string, serial: string, pushToken: string): Promise<"created" | "existing"> {
  return db.transaction(async (tx) => {
    const inserted = await tx.insert(walletDevices).values({ deviceLibraryId, serial, pushToken }).onConflictDoNothing().returning({ serial: walletDevices.serial });
    if (inserted.length === 0) {
      await tx.update(walletDevices).set({ pushToken }).where(and(eq(walletDevices.deviceLibraryId, deviceLibraryId), eq(walletDevices.serial, serial)));
      return "existing";
    }
    await tx
      .update(walletPasses)
      .set({ goneAt: null, changedAt: sql`greatest(clock_timestamp(), ${walletPasses.changedAt} + interval '1 microsecond')` })
      .where(eq(walletPasses.serial, serial));
    return "created";
  });
}

/** The device no longer wants the card's updates (it was removed from the wallet, or updates switched off). */
export async function unregisterWalletDevice(db: Database, deviceLibraryId: string, serial: string): Promise<void> {
  await db.delete(walletDevices).where(and(eq(walletDevices.deviceLibraryId, deviceLibraryId), eq(walletDevices.serial, serial)));
}

/**
 * The Apple cards this device registered for that changed after `since` (a version, see
 * passVersion; null: all of them), and the newest version among them: the device's next tag.
 */
export async function walletSerialsUpdatedSince(db: Database, deviceLibraryId: string, since: string | null): Promise<{ serials: string[]; lastUpdated: string | null }> {
  const rows = await db
    .select({ serial: walletPasses.serial, version: passVersion })
    .from(walletDevices)
    .innerJoin(walletPasses, eq(walletPasses.serial, walletDevices.serial))
    .where(and(eq(walletDevices.deviceLibraryId, deviceLibraryId), eq(walletPasses.platform, "apple"), since === null ? undefined : sql`${passVersion}::bigint > ${since}::bigint`))
    .orderBy(desc(walletPasses.changedAt));
  return { serials: rows.map((r) => r.serial), lastUpdated: rows[0] ? String(rows[0].version) : null };
}

/** The devices holding a card, to push to. */
export async function walletDevicesOf(db: Database, serial: string): Promise<{ deviceLibraryId: string; pushToken: string }[]> {
  return db.select({ deviceLibraryId: walletDevices.deviceLibraryId, pushToken: walletDevices.pushToken }).from(walletDevices).where(and(eq(walletDevices.serial, serial), isNotNull(walletDevices.pushToken)));
}

/** APNs answered that this push token is no longer valid: the registration goes. */
export async function forgetWalletDevice(db: Database, serial: string, pushToken: string): Promise<void> {
  await db.delete(walletDevices).where(and(eq(walletDevices.serial, serial), eq(walletDevices.pushToken, pushToken)));
}
