import "server-only";
import { desc, eq } from "drizzle-orm";
import type { Database } from "../connect";
import { devMails } from "../schema";

export type CapturedMail = typeof devMails.$inferSelect;

export async function captureMail(
  db: Database,
  mail: { to: string; subject: string; text: string; html?: string; headers?: Record<string, string>; url?: string },
): Promise<void> {
  await db.insert(devMails).values({ ...mail, to: mail.to.toLowerCase() });
}

/** Newest first; optionally only those sent to one address. */
export async function listCapturedMails(db: Database, options: { to?: string; limit?: number } = {}): Promise<CapturedMail[]> {
  const query = db.select().from(devMails);
  const filtered = options.to ? query.where(eq(devMails.to, options.to.toLowerCase())) : query;
  return filtered.orderBy(desc(devMails.id)).limit(options.limit ?? 50);
}
