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
/** What one log request may bring into our log: ten messages of 500 characters (more is cut off, not refused: Wallet does not resend). */
export const LOG_ENTRIES = 10;
export const LOG_ENTRY_CHARS = 500;
export const logBody = z.object({ logs: z.array(z.string()) }).transform(({ logs }) => ({ logs: logs.slice(0, LOG_ENTRIES).map((entry) => entry.slice(0, LOG_ENTRY_CHARS)) }));

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
 *
 * The tag is the newest version listed, but never later than the database's clock less the
 * margin below. A version is stamped when its transaction writes and is seen when it commits: one
 * device holds the cards of several members, and a change stamped before the newest one listed
 * may commit after this answer. Under the cap such a late change is still newer than the tag, so
 * the next question lists it; a card changed within the margin is listed again meanwhile.
 */
export async function updatedSerials(db: Database, config: AppleWalletConfig, { deviceLibraryId, passTypeId, since }: { deviceLibraryId: string; passTypeId: string; since: string | null }): Promise<{ serialNumbers: string[]; lastUpdated: string } | null> {
  if (passTypeId !== config.passTypeId || !IDENTIFIER.test(deviceLibraryId)) return null;
  const tag = since && /^\d{1,18}$/.test(since) ? since : null;
  const { serials, lastUpdated, databaseNow } = await walletSerialsUpdatedSince(db, deviceLibraryId, tag);
  if (serials.length === 0 || !lastUpdated || !databaseNow) return null;
  const cap = BigInt(databaseNow) - BigInt(LAST_MODIFIED_MARGIN_MS) * 1000n;
  // Apple's devices read lastUpdated as a string only.
  return { serialNumbers: serials, lastUpdated: String(BigInt(lastUpdated) < cap ? BigInt(lastUpdated) : cap) };
}

/** HTTP dates count whole seconds. */
const wholeSecond = (date: Date) => Math.floor(date.getTime() / 1000) * 1000;

/**
 * How long after a change its Last-Modified still says the second before it. A transaction stamps
 * `changed_at` when it writes and may commit later: a device served in the meantime holds the
 * version before it, and that later change's stamp may fall in the same second as the one served.
 * Inside this margin, the device's If-Modified-Since is always older than the change's second (a
 * fresh copy, never a wrong 304); after it, the whole second is safe to give out. The serial
 * list's tag keeps the same margin behind the database's clock (updatedSerials).
 */
export const LAST_MODIFIED_MARGIN_MS = 60_000;

/**
 * The pass's Last-Modified: its change's second once the database's clock is more than the margin
 * past the change; until then the second before it, so no device's copy can look current too early.
 */
export function lastModifiedOf(changedAt: Date, databaseNow: Date): Date {
  const second = wholeSecond(changedAt);
  return new Date(databaseNow.getTime() - changedAt.getTime() > LAST_MODIFIED_MARGIN_MS ? second : second - 1000);
}

export type LatestPass = { status: "unauthorized" } | { status: "not-modified"; lastModified: Date } | { status: "pass"; lastModified: Date; body: Buffer };

/** The newest version of a pass, or "not modified" when the device's copy (If-Modified-Since) is not older. */
export async function latestPass(db: Database, config: AppleWalletConfig, address: PassAddress & { ifModifiedSince: string | null }, now = new Date()): Promise<LatestPass> {
  const pass = await authorizedPass(db, config, address);
  if (!pass) return { status: "unauthorized" };
  const lastModified = lastModifiedOf(pass.changedAt, pass.databaseNow);
  const since = address.ifModifiedSince ? Date.parse(address.ifModifiedSince) : NaN;
  if (!Number.isNaN(since) && wholeSecond(pass.changedAt) <= since) return { status: "not-modified", lastModified };
  // An erased member's pass is served voided, without their data (buildApplePass).
  const body = await buildApplePass(db, pass, config, now);
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
