import "server-only";
import { and, desc, eq, gte, ilike, lt, or, type SQL } from "drizzle-orm";
import type { Database, Tx } from "../connect";
import { auditLog } from "../schema";

/** Who made a change: a staff member, or (id null) a platform acting by itself, e.g. "shopify". */
export type AuditActor = { id: string | null; email: string };
export type AuditRow = typeof auditLog.$inferSelect;

/** Records a console change in the caller's transaction: it lands exactly when the change does. */
export async function writeAudit(tx: Tx | Database, actor: AuditActor, action: string, target: string, before: unknown, after: unknown, at = new Date()): Promise<void> {
  await tx.insert(auditLog).values({ actorId: actor.id, actorEmail: actor.email, action, target, before: before ?? null, after: after ?? null, createdAt: at });
}

export type AuditFilter = { action?: string | undefined; target?: string | undefined; actor?: string | undefined; before?: number | undefined; since?: Date | undefined };

/** Newest first, 50 a page; `before` is the last id of the previous page. */
export async function listAudit(db: Database, filter: AuditFilter, limit = 50): Promise<AuditRow[]> {
  const where: SQL[] = [];
  if (filter.action) where.push(eq(auditLog.action, filter.action));
  if (filter.target) where.push(or(eq(auditLog.target, filter.target), ilike(auditLog.target, `${escapeLike(filter.target)}%`))!);
  if (filter.actor) where.push(ilike(auditLog.actorEmail, `${escapeLike(filter.actor.toLowerCase())}%`));
  if (filter.before) where.push(lt(auditLog.id, filter.before));
  if (filter.since) where.push(gte(auditLog.createdAt, filter.since));
  return db
    .select()
    .from(auditLog)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(limit);
}

export async function listAuditActions(db: Database): Promise<string[]> {
  const rows = await db.selectDistinct({ action: auditLog.action }).from(auditLog).orderBy(auditLog.action);
  return rows.map((r) => r.action);
}

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
