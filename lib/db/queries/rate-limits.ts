import "server-only";
import { and, eq, lt, sql } from "drizzle-orm";
import type { Database } from "../connect";
import { rateLimits } from "../schema";

export type RateLimitDecision = { allowed: boolean; retryAfterSeconds: number };

/**
 * Counts one attempt for `key` and says whether it is within `limit` per `windowSeconds`.
 * A sliding-window estimate (this window's count plus the previous window's, weighted by how
 * much of it still overlaps) so a burst across a window boundary cannot get twice the limit.
 * The counters live in the database so every app instance shares them.
 */
export async function hitRateLimit(
  db: Database,
  key: string,
  { limit, windowSeconds, now = new Date() }: { limit: number; windowSeconds: number; now?: Date },
): Promise<RateLimitDecision> {
  const windowMs = windowSeconds * 1000;
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const [row] = await db
    .insert(rateLimits)
    .values({ key, windowStart, hits: 1 })
    .onConflictDoUpdate({
      target: [rateLimits.key, rateLimits.windowStart],
      set: { hits: sql`${rateLimits.hits} + 1` },
    })
    .returning({ hits: rateLimits.hits });
  // Old windows are useless; sweeping now and then keeps the table small without a job.
  if (Math.random() < 0.02) {
    await db.delete(rateLimits).where(lt(rateLimits.windowStart, new Date(now.getTime() - 86_400_000)));
  }
  const [previous] = await db
    .select({ hits: rateLimits.hits })
    .from(rateLimits)
    .where(and(eq(rateLimits.key, key), eq(rateLimits.windowStart, new Date(windowStart.getTime() - windowMs))));
  const overlap = 1 - (now.getTime() - windowStart.getTime()) / windowMs;
  const estimate = (row?.hits ?? 1) + (previous?.hits ?? 0) * overlap;
  const retryAfterSeconds = Math.max(1, Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000));
  return { allowed: estimate <= limit, retryAfterSeconds };
}
