// The pass's `authenticationToken`: what a device shows (Authorization: ApplePass <token>) to
// register, unregister and fetch the newest version of one pass. Derived, not stored: an HMAC of
// the serial under a key made once per installation and kept in the database (app_settings), so
// it needs no column and stays the same for the pass's whole life. Apple never lets a pass's token
// change (only the server's key would change it), and the auth secret is not used on purpose:
// rotating that one must not cut every installed card off its updates.
import "server-only";
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { Database } from "../../db/connect";
import { getOrCreateSetting } from "../../db/queries/app-settings";

const cache = new WeakMap<Database, Promise<string>>();

function tokenKey(db: Database): Promise<string> {
  let key = cache.get(db);
  if (!key) {
    key = getOrCreateSetting<string>(db, "apple-wallet-token-key", () => randomBytes(32).toString("base64url"));
    cache.set(db, key);
    key.catch(() => cache.delete(db));
  }
  return key;
}

/** 43 characters (Apple asks for at least 16). */
export async function passAuthToken(db: Database, serial: string): Promise<string> {
  return createHmac("sha256", await tokenKey(db)).update(`treue-apple-pass:${serial}`).digest("base64url");
}

/** Whether an Authorization header carries this serial's token ("ApplePass <token>"). */
export async function isPassAuthorized(db: Database, serial: string, authorization: string | null): Promise<boolean> {
  const match = /^ApplePass (\S+)$/.exec(authorization?.trim() ?? "");
  if (!match) return false;
  const expected = Buffer.from(await passAuthToken(db, serial));
  const given = Buffer.from(match[1]!);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
