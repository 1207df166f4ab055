import "server-only";
import type { Database } from "../db/connect";
import { hitRateLimit } from "../db/queries/rate-limits";
import { env } from "../env";
import { emailSchema } from "../validations/auth";

// Generous for a person, tight for a script mailing someone's inbox full.
export const MAGIC_LINK_LIMITS = {
  perAddress: { limit: 5, windowSeconds: 15 * 60 },
  perIp: { limit: 30, windowSeconds: 15 * 60 },
} as const;

export type MagicLinkCheck = { ok: true; email: string } | { ok: false; error: "InvalidEmail" | "RateLimited" };

/** Decides whether a magic link may be sent; counts the attempt against the address and the IP. */
export async function checkMagicLinkRequest(
  db: Database,
  rawEmail: unknown,
  ip: string,
  now = new Date(),
): Promise<MagicLinkCheck> {
  const parsed = emailSchema.safeParse(rawEmail);
  if (!parsed.success) return { ok: false, error: "InvalidEmail" };
  const email = parsed.data;
  // Offices behind one address (or a test suite on one machine) may need more than the default.
  const perIp = { ...MAGIC_LINK_LIMITS.perIp, limit: env().signInLimitPerIp ?? MAGIC_LINK_LIMITS.perIp.limit };
  const byIp = await hitRateLimit(db, `magic-link:ip:${ip}`, { ...perIp, now });
  const byAddress = await hitRateLimit(db, `magic-link:email:${email}`, { ...MAGIC_LINK_LIMITS.perAddress, now });
  if (!byIp.allowed || !byAddress.allowed) return { ok: false, error: "RateLimited" };
  return { ok: true, email };
}
