// What every part of the task queries needs: a task as the app reads it, and a member's counts against its limits.
import "server-only";
import { and, desc, eq, ne, sql } from "drizzle-orm";
import { z } from "zod";
import { birthdayBonus, dayStart, parseTaskConfig, repeatPeriodStart, taskAvailability, type OrderItem, type RepeatEvery, type TaskConfig, type TaskKind } from "../../../loyalty/tasks";
import type { Database, Tx } from "../../connect";
import { env } from "../../../env";
import { orders, taskSubmissions, tasks } from "../../schema";

/** What a member may add to a photo: the file itself comes as a StoredPhoto, never in the answer. */
export const photoCaptionSchema = z.object({ caption: z.string().trim().max(300).optional() });

export type Task = Omit<typeof tasks.$inferSelect, "config" | "kind"> & { kind: TaskKind; config: TaskConfig };
export type Submission = typeof taskSubmissions.$inferSelect;
export type TaskOffer = {
  task: Task;
  availability: ReturnType<typeof taskAvailability> | ReturnType<typeof birthdayBonus>;
  inReview: number;
  done: number;
  /** Reviews: the bought products still to review. */
  products: OrderItem[];
  /** Social follow: the profiles not yet followed. */
  networks: TaskConfig["socialLinks"];
};

/** Kinds limited by something other than a count per member: reviews per product, the birthday per year, follows per network. */
function effectiveConfig(task: Task): TaskConfig {
  if (task.kind === "product_review" || task.kind === "birthday") return { ...task.config, maxPerMember: null };
  if (task.kind === "social_follow") return { ...task.config, maxPerMember: Math.max(1, task.config.socialLinks.length) };
  return task.config;
}

export async function lastBirthdayClaim(db: Database | Tx, memberId: string): Promise<Date | null> {
  const [row] = await db
    .select({ at: taskSubmissions.createdAt })
    .from(taskSubmissions)
    .where(and(eq(taskSubmissions.memberId, memberId), eq(taskSubmissions.kind, "birthday")))
    .orderBy(desc(taskSubmissions.createdAt))
    .limit(1);
  return row?.at ?? null;
}

export async function followedNetworks(db: Database | Tx, memberId: string): Promise<Set<string>> {
  const rows = await db
    .select({ network: sql<string>`${taskSubmissions.payload}->>'network'` })
    .from(taskSubmissions)
    .where(and(eq(taskSubmissions.memberId, memberId), eq(taskSubmissions.kind, "social_follow")));
  return new Set(rows.map((r) => r.network));
}

export function toTask(row: typeof tasks.$inferSelect): Task {
  return { ...row, kind: row.kind as TaskKind, config: parseTaskConfig(row.config) };
}

export async function boughtItems(db: Database | Tx, memberId: string): Promise<OrderItem[]> {
  const rows = await db.select({ items: orders.items }).from(orders).where(eq(orders.memberId, memberId)).orderBy(desc(orders.paidAt));
  return rows.flatMap((r) => (Array.isArray(r.items) ? (r.items as OrderItem[]) : [])).filter((i) => typeof i?.sku === "string");
}

export async function reviewedSkus(db: Database | Tx, memberId: string): Promise<Set<string>> {
  const rows = await db
    .select({ sku: taskSubmissions.productSku })
    .from(taskSubmissions)
    .where(and(eq(taskSubmissions.memberId, memberId), eq(taskSubmissions.kind, "product_review"), ne(taskSubmissions.status, "rejected")));
  return new Set(rows.flatMap((r) => (r.sku ? [r.sku] : [])));
}

/** A member's submissions per task: in all, today, and since each repeat period (month, quarter, year) began. */
export async function submissionCounts(db: Database | Tx, memberId: string, now: Date) {
  const timeZone = env().timezone;
  const since = (every: RepeatEvery) => sql<number>`count(*) filter (where ${taskSubmissions.status} <> 'rejected' and ${taskSubmissions.createdAt} >= ${repeatPeriodStart(every, now, timeZone)})`;
  const rows = await db
    .select({
      taskId: taskSubmissions.taskId,
      ever: sql<number>`count(*) filter (where ${taskSubmissions.status} <> 'rejected')`,
      month: since("month"),
      quarter: since("quarter"),
      year: since("year"),
      today: sql<number>`count(*) filter (where ${taskSubmissions.createdAt} >= ${dayStart(now, env().timezone)})`,
      inReview: sql<number>`count(*) filter (where ${taskSubmissions.status} = 'in_review')`,
      done: sql<number>`count(*) filter (where ${taskSubmissions.status} in ('approved', 'completed'))`,
    })
    .from(taskSubmissions)
    .where(eq(taskSubmissions.memberId, memberId))
    .groupBy(taskSubmissions.taskId);
  return new Map(
    rows.map((r) => [
      r.taskId,
      { ever: Number(r.ever), month: Number(r.month), quarter: Number(r.quarter), year: Number(r.year), today: Number(r.today), inReview: Number(r.inReview), done: Number(r.done) },
    ]),
  );
}
type Counts = NonNullable<ReturnType<Awaited<ReturnType<typeof submissionCounts>>["get"]>>;
export const NO_SUBMISSIONS: Counts = { ever: 0, month: 0, quarter: 0, year: 0, today: 0, inReview: 0, done: 0 };

/** What the task's limit counts: submissions in all, or since its repeat period began. */
export function availabilityFor(task: Task, counts: Counts, now: Date) {
  const config = effectiveConfig(task);
  const submittedInPeriod = config.repeatEvery === "never" ? counts.ever : counts[config.repeatEvery];
  return taskAvailability(config, { now, submittedToday: counts.today, submittedInPeriod });
}
