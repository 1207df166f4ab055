// The devices that registered for a card's updates through Apple's PassKit web service
// (lib/wallet/apple/web-service.ts), and the push job's look at them (lib/wallet/apple/pusher.ts).
import "server-only";
import { and, desc, eq, isNotNull, sql } from "drizzle-orm";
import type { Database, Tx } from "../connect";
import { walletDevices, walletPasses } from "../schema";
import { passVersion } from "./wallet-passes";

/** Devices one card keeps: a new one beyond drops the registration made longest ago. */
export const DEVICES_PER_PASS = 10;
/** Cards one device keeps registrations for: a new one beyond drops that device's oldest. */
export const PASSES_PER_DEVICE = 20;

/**
 * Registers a device for a card's updates, or renews its push token. The card's row is locked
 * first, so registrations of one card queue and its cap holds exactly. Only a registration that
 * is new, or whose push token changed, brings a card that nothing held back (`gone_at`) and makes
 * it due once more (a push that was in flight while the device registered may have looked at the
 * devices before it, or used the old token); the same registration again costs no push.
 */
export async function registerWalletDevice(db: Database, deviceLibraryId: string, serial: string, pushToken: string): Promise<"created" | "existing"> {
  return db.transaction(async (tx) => {
    await tx.select({ id: walletPasses.id }).from(walletPasses).where(eq(walletPasses.serial, serial)).for("update");
    const same = and(eq(walletDevices.deviceLibraryId, deviceLibraryId), eq(walletDevices.serial, serial));
    const [existing] = await tx.select({ pushToken: walletDevices.pushToken }).from(walletDevices).where(same);
    if (existing) {
      if (existing.pushToken === pushToken) return "existing";
      await tx.update(walletDevices).set({ pushToken }).where(same);
      await markDue(tx, serial);
      return "existing";
    }
    await tx.insert(walletDevices).values({ deviceLibraryId, serial, pushToken }).onConflictDoNothing();
    // This registration and the newest others stay (ties: by id, so the cut is the same every time).
    await tx.execute(sql`
      delete from wallet_devices where serial = ${serial} and device_library_id not in (
        select device_library_id from wallet_devices where serial = ${serial}
        order by (device_library_id = ${deviceLibraryId}) desc, created_at desc, device_library_id desc limit ${DEVICES_PER_PASS})`);
    await tx.execute(sql`
      delete from wallet_devices where device_library_id = ${deviceLibraryId} and serial not in (
        select serial from wallet_devices where device_library_id = ${deviceLibraryId}
        order by (serial = ${serial}) desc, created_at desc, serial desc limit ${PASSES_PER_DEVICE})`);
    await markDue(tx, serial);
    return "created";
  });
}

async function markDue(tx: Tx, serial: string): Promise<void> {
  await tx
    .update(walletPasses)
    .set({ goneAt: null, changedAt: sql`greatest(clock_timestamp(), ${walletPasses.changedAt} + interval '1 microsecond')` })
    .where(eq(walletPasses.serial, serial));
}

/** The device no longer wants the card's updates (it was removed from the wallet, or updates switched off). */
export async function unregisterWalletDevice(db: Database, deviceLibraryId: string, serial: string): Promise<void> {
  await db.delete(walletDevices).where(and(eq(walletDevices.deviceLibraryId, deviceLibraryId), eq(walletDevices.serial, serial)));
}

/**
 * The Apple cards this device registered for that changed after `since` (a version, see
 * passVersion; null: all of them), the newest version among them, and the database's clock at
 * the same moment, as a version too (the web service caps the device's next tag by it).
 */
export async function walletSerialsUpdatedSince(db: Database, deviceLibraryId: string, since: string | null): Promise<{ serials: string[]; lastUpdated: string | null; databaseNow: string | null }> {
  const rows = await db
    .select({ serial: walletPasses.serial, version: passVersion, databaseNow: sql<string>`((extract(epoch from clock_timestamp()) * 1000000)::bigint)::text` })
    .from(walletDevices)
    .innerJoin(walletPasses, eq(walletPasses.serial, walletDevices.serial))
    .where(and(eq(walletDevices.deviceLibraryId, deviceLibraryId), eq(walletPasses.platform, "apple"), since === null ? undefined : sql`${passVersion}::bigint > ${since}::bigint`))
    .orderBy(desc(walletPasses.changedAt));
  return { serials: rows.map((r) => r.serial), lastUpdated: rows[0] ? String(rows[0].version) : null, databaseNow: rows[0] ? String(rows[0].databaseNow) : null };
}

/** The devices holding a card, to push to. */
export async function walletDevicesOf(db: Database, serial: string): Promise<{ deviceLibraryId: string; pushToken: string }[]> {
  return db.select({ deviceLibraryId: walletDevices.deviceLibraryId, pushToken: walletDevices.pushToken }).from(walletDevices).where(and(eq(walletDevices.serial, serial), isNotNull(walletDevices.pushToken)));
}

/** APNs answered that this push token is no longer valid: the registration goes. */
export async function forgetWalletDevice(db: Database, serial: string, pushToken: string): Promise<void> {
  await db.delete(walletDevices).where(and(eq(walletDevices.serial, serial), eq(walletDevices.pushToken, pushToken)));
}
