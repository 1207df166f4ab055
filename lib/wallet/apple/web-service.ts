// Apple's PassKit web service ("Adding a Web Service to Update Passes", Wallet Passes docs): what the
// routes under /api/wallet/apple/v1 do. A device registers for a pass's updates with the pass's
// authentication token, asks which of its passes changed since the tag it was last given, and
// fetches each changed pass; it unregisters when the pass leaves the wallet, and reports problems to
// the log endpoint. A wrong token and an unknown serial are both "not authorized" (nothing revealed).
import "server-only";
import { z } from "zod";
import type { Database } from "../../db/connect";
import { registerWalletDevice, unregisterWalletDevice, walletSerialsUpdatedSince } from "../../db/queries/wallet-devices";
import { ensureWalletPass, walletPassVersion } from "../../db/queries/wallet-passes";
import { isPassAuthorized } from "./auth-token";
import { buildApplePass } from "./pass";
import type { AppleWalletConfig } from "./settings";

/** What a device names in a path: Apple's identifiers are short and of letters, digits, dots and dashes. */
const IDENTIFIER = /^[A-Za-z0-9._-]{1,128}$/;

export const pushTokenBody = z.object({ pushToken: z.string().regex(/^[0-9A-Fa-f]{16,256}$/) });
export const logBody = z.object({ logs: z.array(z.string().max(2_000)).max(100) });

type PassAddress = { passTypeId: string; serial: string; authorization: string | null };

/** The Apple card at that address if the request carries its token; null: 401. */
async function authorizedPass(db: Database, config: AppleWalletConfig, { passTypeId, serial, authorization }: PassAddress) {
  if (passTypeId !== config.passTypeId || !IDENTIFIER.test(serial)) return null;
  const pass = await walletPassVersion(db, serial);
  if (!pass || pass.platform !== "apple") return null;
  return (await isPassAuthorized(db, serial, authorization)) ? pass : null;
}

export async function registerDevice(db: Database, config: AppleWalletConfig, address: PassAddress & { deviceLibraryId: string; pushToken: string }): Promise<"created" | "existing" | "unauthorized"> {
  if (!IDENTIFIER.test(address.deviceLibraryId)) return "unauthorized";
  const pass = await authorizedPass(db, config, address);
  if (!pass) return "unauthorized";
  return registerWalletDevice(db, address.deviceLibraryId, pass.serial, address.pushToken);
}

export async function unregisterDevice(db: Database, config: AppleWalletConfig, address: PassAddress & { deviceLibraryId: string }): Promise<"done" | "unauthorized"> {
  const pass = await authorizedPass(db, config, address);
  if (!pass) return "unauthorized";
  if (IDENTIFIER.test(address.deviceLibraryId)) await unregisterWalletDevice(db, address.deviceLibraryId, pass.serial);
  return "done";
}

/**
 * The serials of the device's passes that changed since `passesUpdatedSince` (our tag: a version
 * in microseconds; anything else counts as no tag, so the device gets all its passes), and the
 * tag for its next question. null: none (204).
 */
export async function updatedSerials(db: Database, config: AppleWalletConfig, { deviceLibraryId, passTypeId, since }: { deviceLibraryId: string; passTypeId: string; since: string | null }): Promise<{ serialNumbers: string[]; lastUpdated: string } | null> {
  if (passTypeId !== config.passTypeId || !IDENTIFIER.test(deviceLibraryId)) return null;
  const tag = since && /^\d{1,18}$/.test(since) ? since : null;
  const { serials, lastUpdated } = await walletSerialsUpdatedSince(db, deviceLibraryId, tag);
  // Apple's devices read lastUpdated as a string only.
  return serials.length > 0 && lastUpdated ? { serialNumbers: serials, lastUpdated } : null;
}

/** HTTP dates count whole seconds. */
const wholeSecond = (date: Date) => Math.floor(date.getTime() / 1000) * 1000;

/**
 * The pass's Last-Modified: its change's second. Served within that same second, one second less:
 * a second change in that second must not look "not modified" to a device that holds the first.
 */
export function lastModifiedOf(changedAt: Date, servedAt: Date): Date {
  const second = wholeSecond(changedAt);
  return new Date(servedAt.getTime() >= second + 1000 ? second : second - 1000);
}

export type LatestPass = { status: "unauthorized" } | { status: "not-modified"; lastModified: Date } | { status: "pass"; lastModified: Date; body: Buffer };

/** The newest version of a pass, or "not modified" when the device's copy (If-Modified-Since) is not older. */
export async function latestPass(db: Database, config: AppleWalletConfig, address: PassAddress & { ifModifiedSince: string | null }, now = new Date()): Promise<LatestPass> {
  const pass = await authorizedPass(db, config, address);
  if (!pass) return { status: "unauthorized" };
  const lastModified = lastModifiedOf(pass.changedAt, pass.databaseNow);
  const since = address.ifModifiedSince ? Date.parse(address.ifModifiedSince) : NaN;
  if (!Number.isNaN(since) && wholeSecond(pass.changedAt) <= since) return { status: "not-modified", lastModified };
  const body = await buildApplePass(db, pass, config, now);
  // The member was erased: the pass is gone with them.
  if (!body) return { status: "unauthorized" };
  return { status: "pass", lastModified, body };
}

/** The signed-in shopper's card (made on first use) as a .pkpass; null when the member is gone. */
export async function shopperPass(db: Database, config: AppleWalletConfig, memberId: string, now = new Date()): Promise<{ body: Buffer; lastModified: Date } | null> {
  const row = await ensureWalletPass(db, memberId, "apple");
  const pass = await walletPassVersion(db, row.serial);
  if (!pass) return null;
  const body = await buildApplePass(db, pass, config, now);
  return body ? { body, lastModified: lastModifiedOf(pass.changedAt, pass.databaseNow) } : null;
}
