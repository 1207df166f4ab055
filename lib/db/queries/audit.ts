import "server-only";
import { and, desc, eq, gte, ilike, inArray, lt, or, type SQL } from "drizzle-orm";
import { auditTarget } from "../../loyalty/audit-sentence";
import type { Database, Tx } from "../connect";
import { auditLog, campaigns, members, rewards, tasks } from "../schema";
import type { LocalizedText } from "../schema/columns";

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

/** A row with the names its sentence needs: who acted (their name, else the stored e-mail) and what it changed. */
export type AuditEntry = AuditRow & { actorName: string; subject: string | LocalizedText | null; subjectGone: boolean };

/**
 * Names the actors and targets of `rows` as they are now: a member by name (else e-mail), a reward
 * or task by its title, a campaign by its name. A member erased since reads as gone, so the log
 * does not show what the erasure removed; a deleted reward or task keeps its id.
 */
export async function nameAuditRows(db: Database, rows: AuditRow[]): Promise<AuditEntry[]> {
  const targets = rows.map((r) => auditTarget(r.target));
  const ids = (kind: string) => [...new Set(targets.filter((t) => t.kind === kind && t.id !== "").map((t) => t.id))];
  const uuids = (list: string[]) => list.filter((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id));
  const people = uuids([...new Set([...rows.map((r) => r.actorId).filter((id): id is string => id !== null), ...ids("member")])]);
  const [memberRows, rewardRows, taskRows, campaignRows] = await Promise.all([
    people.length ? db.select({ id: members.id, name: members.name, email: members.email, erasedAt: members.erasedAt }).from(members).where(inArray(members.id, people)) : [],
    ids("reward").length ? db.select({ id: rewards.id, name: rewards.name }).from(rewards).where(inArray(rewards.id, ids("reward"))) : [],
    ids("task").length ? db.select({ id: tasks.id, name: tasks.title }).from(tasks).where(inArray(tasks.id, ids("task"))) : [],
    uuids(ids("campaign")).length ? db.select({ id: campaigns.id, name: campaigns.name }).from(campaigns).where(inArray(campaigns.id, uuids(ids("campaign")))) : [],
  ]);
  const people_ = new Map(memberRows.map((m) => [m.id, m]));
  const named = new Map<string, string | LocalizedText>([
    ...rewardRows.map((r) => [`reward:${r.id}`, r.name] as const),
    ...taskRows.map((t) => [`task:${t.id}`, t.name] as const),
    ...campaignRows.map((c) => [`campaign:${c.id}`, c.name] as const),
  ]);
  return rows.map((row, i) => {
    const actor = row.actorId ? people_.get(row.actorId) : undefined;
    const target = targets[i]!;
    const member = target.kind === "member" ? people_.get(target.id) : undefined;
    const gone = target.kind === "member" && (!member || member.erasedAt !== null);
    const subject = target.kind === "member" ? (gone ? null : member!.name || member!.email) : (named.get(row.target) ?? (target.id || null));
    return { ...row, actorName: (actor && actor.erasedAt === null && actor.name) || row.actorEmail, subject, subjectGone: gone };
  });
}

export async function listAuditActions(db: Database): Promise<string[]> {
  const rows = await db.selectDistinct({ action: auditLog.action }).from(auditLog).orderBy(auditLog.action);
  return rows.map((r) => r.action);
}

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
