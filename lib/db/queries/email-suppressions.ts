import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Database } from "../connect";
import { emailSuppressions } from "../schema";

export type SuppressionReason = "bounce" | "complaint" | "manual";

/** No mail goes to `email` any more (queued ones are dropped when their turn comes). A repeat keeps the first reason. */
export async function suppressEmail(db: Database, email: string, reason: SuppressionReason, detail?: string): Promise<void> {
  await db
    .insert(emailSuppressions)
    .values({ email: email.trim().toLowerCase(), reason, detail: detail?.slice(0, 500) ?? null })
    .onConflictDoNothing();
}

/** Lets mail go to `email` again (staff, after the shopper fixed their mailbox). */
export async function liftSuppression(db: Database, email: string): Promise<boolean> {
  const removed = await db.delete(emailSuppressions).where(eq(emailSuppressions.email, email.trim().toLowerCase())).returning({ email: emailSuppressions.email });
  return removed.length > 0;
}

export async function getSuppression(db: Database, email: string): Promise<{ reason: SuppressionReason; createdAt: Date } | null> {
  const [row] = await db
    .select({ reason: emailSuppressions.reason, createdAt: emailSuppressions.createdAt })
    .from(emailSuppressions)
    .where(sql`${emailSuppressions.email} = ${email.trim().toLowerCase()}`);
  return row ?? null;
}
