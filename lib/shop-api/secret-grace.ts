// Which shop API secrets verify a request at a moment. A secret rotated out in the console keeps
// verifying for a day, so a shop switching over loses no event signed in between; it never signs
// anything Treue sends (storefront identities use the current one).
import { randomBytes } from "node:crypto";

export const SHOP_SECRET_GRACE_HOURS = 24;
export const SHOP_SECRET_GRACE_MS = SHOP_SECRET_GRACE_HOURS * 3_600_000;

/** Console-made secrets: 32 random bytes, URL-safe, with a prefix that says what they are. */
export function generateShopSecret(): string {
  return `tshop_${randomBytes(32).toString("base64url")}`;
}

export type SecretGeneration = { secret: string | null; previous: { secret: string | null; validUntil: Date } | null };

/** The current secret first (it is the likely match), then the previous one while its grace lasts. */
export function acceptedShopSecrets(stored: SecretGeneration, now: Date): string[] {
  const accepted = stored.secret ? [stored.secret] : [];
  if (stored.previous?.secret && now.getTime() < stored.previous.validUntil.getTime()) accepted.push(stored.previous.secret);
  return accepted;
}
