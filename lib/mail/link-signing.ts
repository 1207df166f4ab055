// Links in mails that act without a sign-in (unsubscribe, confirm the opt-in, the tracked
// click) carry an HMAC of what they do, so nobody can act for another member by editing one.
import "server-only";
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { Database } from "../db/connect";
import { getOrCreateSetting } from "../db/queries/app-settings";
import { env } from "../env";

const cache = new WeakMap<Database, Promise<string>>();

/** The auth secret when configured; otherwise one key made on first use and shared by every instance. */
export function mailSigningKey(db: Database): Promise<string> {
  const configured = env().authSecret;
  if (configured) return Promise.resolve(configured);
  let key = cache.get(db);
  if (!key) {
    key = getOrCreateSetting<string>(db, "mail-signing-key", () => randomBytes(32).toString("base64url"));
    cache.set(db, key);
    key.catch(() => cache.delete(db));
  }
  return key;
}

const mac = (key: string, payload: string) => createHmac("sha256", key).update(`treue-mail:${payload}`).digest("base64url").slice(0, 32);

/** `payload.signature`; the payload's parts are joined with "." and must not contain one. */
export function signToken(key: string, parts: string[]): string {
  const payload = parts.join(".");
  return `${payload}.${mac(key, payload)}`;
}

/** The parts of a token this key signed, or null when it was altered or made with another key. */
export function readToken(key: string, token: string, partCount: number): string[] | null {
  const parts = token.split(".");
  if (parts.length !== partCount + 1) return null;
  const signature = parts.pop()!;
  const expected = mac(key, parts.join("."));
  if (signature.length !== expected.length || !timingSafeEqual(Buffer.from(signature), Buffer.from(expected))) return null;
  return parts;
}
