// "Open my loyalty app" from the shop's pages: a token the widget gets for the identified member
// and the app exchanges, once, for its own session. Two minutes is enough for the tap to reach the
// app on the same device and short enough that a token seen in a log or a history is worthless.
import { createHash, randomBytes } from "node:crypto";

export const HANDOVER_VALID_SECONDS = 120;
/**
 * How fresh the shop's identity must be for a hand-over: the element is good for a day on a page,
 * but a copy of it (a cached page, a script on the page) must not become a session that lasts weeks.
 */
export const HANDOVER_IDENTITY_MAX_AGE_SECONDS = 15 * 60;

/** A new token (256 random bits, URL-safe) and the hash the database keeps instead of it. */
export function newHandoverToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: handoverTokenHash(token) };
}

/** The stored form of a token: its SHA-256, so a copy of the table signs no one in. */
export function handoverTokenHash(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** A token as the app receives it: exactly what newHandoverToken makes, so junk is refused before any lookup. */
export function isHandoverToken(value: unknown): value is string {
  return typeof value === "string" && /^[A-Za-z0-9_-]{43}$/.test(value);
}

export type HandoverState = "valid" | "used" | "expired" | "unknown";

/** What a stored token is at `now`. */
export function handoverState(row: { expiresAt: Date; usedAt: Date | null } | null, now: Date): HandoverState {
  if (!row) return "unknown";
  if (row.usedAt) return "used";
  return row.expiresAt.getTime() > now.getTime() ? "valid" : "expired";
}
