import "server-only";
import { lt, sql } from "drizzle-orm";
import type { Database } from "../connect";
import { rateLimits } from "../schema";

export type RateLimitDecision = { allowed: boolean; retryAfterSeconds: number };

/**
 * Counts one attempt for `key` in the current fixed window and says whether it is within
 * `limit`. The counter lives in the database so every app instance shares it.
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
  const hits = row?.hits ?? 1;
  const retryAfterSeconds = Math.max(1, Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000));
  return { allowed: hits <= limit, retryAfterSeconds };
}
