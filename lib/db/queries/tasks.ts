import "server-only";
import { can, type MemberRole } from "../../loyalty/roles";
import { writeAudit, type AuditActor } from "./audit";
import { and, asc, count, desc, eq, gte, inArray, isNotNull, ne, notExists, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import { expiresAt } from "../../loyalty/expiry";
import {
  birthdayBonus,
  dayStart,
  MODERATED_KINDS,
  parseTaskConfig,
  repeatPeriodStart,
  reviewableProducts,
  reviewSchema,
  surveyAnswersSchema,
  taskAvailability,
  type OrderItem,
  type RepeatEvery,
  type TaskBlock,
  type TaskConfig,
  type TaskKind,
} from "../../loyalty/tasks";
import { challengeProgress, periodKey, periodStart, type Challenge, type Completion } from "../../loyalty/gamification";
import { DUPLICATE_DISTANCE } from "../../loyalty/photo-similarity";
import type { StoredPhoto } from "../../uploads/store";
import { enqueueNotification } from "./notifications";
import type { Database, Tx } from "../connect";
import { env } from "../../env";
import { PROGRAM_ID } from "../program-id";
import { ledgerEntries, members, orders, referrals, taskSubmissions, tasks } from "../schema";
import { getProgramConfig, type ProgramConfig } from "./program";

/** What a member may add to a photo: the file itself comes as a StoredPhoto, never in the answer. */
const photoCaptionSchema = z.object({ caption: z.string().trim().max(300).optional() });

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

async function lastBirthdayClaim(db: Database | Tx, memberId: string): Promise<Date | null> {
  const [row] = await db
    .select({ at: taskSubmissions.createdAt })
    .from(taskSubmissions)
    .where(and(eq(taskSubmissions.memberId, memberId), eq(taskSubmissions.kind, "birthday")))
    .orderBy(desc(taskSubmissions.createdAt))
    .limit(1);
  return row?.at ?? null;
}

async function followedNetworks(db: Database | Tx, memberId: string): Promise<Set<string>> {
  const rows = await db
    .select({ network: sql<string>`${taskSubmissions.payload}->>'network'` })
    .from(taskSubmissions)
    .where(and(eq(taskSubmissions.memberId, memberId), eq(taskSubmissions.kind, "social_follow")));
  return new Set(rows.map((r) => r.network));
}

function toTask(row: typeof tasks.$inferSelect): Task {
  return { ...row, kind: row.kind as TaskKind, config: parseTaskConfig(row.config) };
}

async function boughtItems(db: Database | Tx, memberId: string): Promise<OrderItem[]> {
  const rows = await db.select({ items: orders.items }).from(orders).where(eq(orders.memberId, memberId)).orderBy(desc(orders.paidAt));
  return rows.flatMap((r) => (Array.isArray(r.items) ? (r.items as OrderItem[]) : [])).filter((i) => typeof i?.sku === "string");
}

async function reviewedSkus(db: Database | Tx, memberId: string): Promise<Set<string>> {
  const rows = await db
    .select({ sku: taskSubmissions.productSku })
    .from(taskSubmissions)
    .where(and(eq(taskSubmissions.memberId, memberId), eq(taskSubmissions.kind, "product_review"), ne(taskSubmissions.status, "rejected")));
  return new Set(rows.flatMap((r) => (r.sku ? [r.sku] : [])));
}

/** A member's submissions per task: in all, today, and since each repeat period (month, quarter, year) began. */
async function submissionCounts(db: Database | Tx, memberId: string, now: Date) {
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
const NO_SUBMISSIONS: Counts = { ever: 0, month: 0, quarter: 0, year: 0, today: 0, inReview: 0, done: 0 };

/** What the task's limit counts: submissions in all, or since its repeat period began. */
function availabilityFor(task: Task, counts: Counts, now: Date) {
  const config = effectiveConfig(task);
  const submittedInPeriod = config.repeatEvery === "never" ? counts.ever : counts[config.repeatEvery];
  return taskAvailability(config, { now, submittedToday: counts.today, submittedInPeriod });
}

/** Every active task with what it means for this member now. */
export async function listTaskOffers(db: Database, memberId: string, now = new Date()): Promise<TaskOffer[]> {
  const [rows, counts, items, reviewed, [member], lastBirthday, followed] = await Promise.all([
    db.select().from(tasks).where(and(eq(tasks.programId, PROGRAM_ID), eq(tasks.active, true))).orderBy(asc(tasks.position), asc(tasks.id)),
    submissionCounts(db, memberId, now),
    boughtItems(db, memberId),
    reviewedSkus(db, memberId),
    db.select({ birthday: members.birthday }).from(members).where(eq(members.id, memberId)),
    lastBirthdayClaim(db, memberId),
    followedNetworks(db, memberId),
  ]);
  return rows.map(toTask).map((task) => {
    const c = counts.get(task.id) ?? NO_SUBMISSIONS;
    const products = task.kind === "product_review" ? reviewableProducts(items, reviewed) : [];
    let availability: TaskOffer["availability"] = availabilityFor(task, c, now);
    if (availability.ok && task.kind === "product_review" && products.length === 0) availability = { ok: false, reason: "done" };
    if (availability.ok && task.kind === "birthday") availability = birthdayBonus(member?.birthday ?? null, now, lastBirthday, env().timezone);
    const networks = task.kind === "social_follow" ? task.config.socialLinks.filter((l) => !followed.has(l.network)) : [];
    return { task, availability, inReview: c.inReview, done: c.done, products, networks };
  });
}

export type SubmitOutcome =
  | { status: "in_review" | "completed"; submission: Submission; duplicate: boolean }
  | {
      status: "refused";
      reason: TaskBlock | "already-rejected" | "not-bought" | "unknown-task" | "profile-incomplete" | "duplicate-photo" | "no-birthday" | "not-birthday-month" | "photo-needs-upload";
    }
  | { status: "invalid"; field: string; problem: string };

type Member = { name: string | null; birthday: string | null };
type Opened = { open: true; member: Member; task: Task } | { open: false; outcome: SubmitOutcome };

/**
 * Whether this member can submit this task now: the member and the active task exist, its limits
 * are not reached, and the client's id names no earlier submission (a resend answers that one).
 * `lock` takes the member's row for the rest of the transaction.
 */
async function openTask(db: Database | Tx, memberId: string, taskId: string, clientId: string, now: Date, lock: boolean): Promise<Opened> {
  const memberRow = db.select({ name: members.name, birthday: members.birthday }).from(members).where(eq(members.id, memberId));
  const [member] = lock ? await memberRow.for("update") : await memberRow;
  if (!member) return { open: false, outcome: { status: "refused", reason: "unknown-task" } };
  const [earlier] = await db.select().from(taskSubmissions).where(and(eq(taskSubmissions.memberId, memberId), eq(taskSubmissions.clientId, clientId)));
  // A resend (double tap, the offline outbox) answers what became of the first one.
  if (earlier?.status === "rejected") return { open: false, outcome: { status: "refused", reason: "already-rejected" } };
  if (earlier) return { open: false, outcome: { status: earlier.status === "in_review" ? "in_review" : "completed", submission: earlier, duplicate: true } };

  const [row] = await db.select().from(tasks).where(and(eq(tasks.id, taskId), eq(tasks.programId, PROGRAM_ID), eq(tasks.active, true)));
  if (!row) return { open: false, outcome: { status: "refused", reason: "unknown-task" } };
  const task = toTask(row);
  const availability = availabilityFor(task, (await submissionCounts(db, memberId, now)).get(taskId) ?? NO_SUBMISSIONS, now);
  if (!availability.ok) return { open: false, outcome: { status: "refused", reason: availability.reason } };
  return { open: true, member, task };
}

/**
 * What the upload route asks before it opens a file: null when this member may submit a photo
 * for this task now, else the answer to give without decoding anything (a resend answers its
 * first submission). submitTask checks again under the member's lock.
 */
export async function photoUploadRefusal(db: Database, memberId: string, taskId: string, clientId: string, now = new Date()): Promise<SubmitOutcome | null> {
  const opened = await openTask(db, memberId, taskId, clientId, now, false);
  if (!opened.open) return opened.outcome;
  if (opened.task.kind !== "photo_upload") return { status: "invalid", field: "taskId", problem: "not-a-photo-task" };
  return null;
}

/**
 * Submits a task in one transaction. The member row is locked first, so daily caps and "once"
 * hold under double taps; the client's id makes a retry return the first submission. Kinds
 * that need no moderation pay at once; reviews and photos wait for staff.
 *
 * A photo task takes its picture only as `photo`, which the upload route stored for this member
 * under a key of its own; a key or hash in `input` names nothing of the member's and is refused.
 */
export async function submitTask(
  db: Database,
  memberId: string,
  taskId: string,
  clientId: string,
  input: Record<string, unknown>,
  now = new Date(),
  photo: StoredPhoto | null = null,
): Promise<SubmitOutcome> {
  const config = await getProgramConfig(db);
  return db.transaction(async (tx) => {
    const opened = await openTask(tx, memberId, taskId, clientId, now, true);
    if (!opened.open) return opened.outcome;
    const { member, task } = opened;
    if (photo && task.kind !== "photo_upload") return { status: "invalid" as const, field: "file", problem: "not-a-photo-task" };

    let payload: Record<string, unknown> = {};
    let productSku: string | null = null;
    switch (task.kind) {
      case "product_review": {
        const parsed = reviewSchema(task.config).safeParse(input);
        if (!parsed.success) return invalid(parsed.error.issues[0]);
        const products = reviewableProducts(await boughtItems(tx, memberId), await reviewedSkus(tx, memberId));
        const product = products.find((p) => p.sku === parsed.data.sku);
        if (!product) return { status: "refused" as const, reason: "not-bought" as const };
        productSku = product.sku;
        payload = { rating: parsed.data.rating, text: parsed.data.text, productName: product.name };
        break;
      }
      case "survey": {
        const parsed = surveyAnswersSchema(task.config.questions).safeParse(input);
        if (!parsed.success) return invalid(parsed.error.issues[0]);
        payload = { answers: parsed.data };
        break;
      }
      case "photo_upload": {
        if (!photo) return { status: "refused" as const, reason: "photo-needs-upload" as const };
        const extra = photoCaptionSchema.safeParse(input);
        if (!extra.success) return invalid(extra.error.issues[0]);
        // The same picture again (re-saved or resized), by this member or anyone else.
        // Compared in the database (differing bits of the two 64-bit hashes): nothing but the answer comes back.
        const [duplicate] = await tx
          .select({ id: taskSubmissions.id })
          .from(taskSubmissions)
          .where(
            and(
              eq(taskSubmissions.kind, "photo_upload"),
              ne(taskSubmissions.status, "rejected"),
              sql`bit_count(('x' || (${taskSubmissions.payload}->>'hash'))::bit(64) # ${`x${photo.hash}`}::bit(64)) <= ${DUPLICATE_DISTANCE}`,
            ),
          )
          .limit(1);
        if (duplicate) return { status: "refused" as const, reason: "duplicate-photo" as const };
        payload = { key: photo.key, width: photo.width, height: photo.height, hash: photo.hash, ...(extra.data.caption && { caption: extra.data.caption }) };
        break;
      }
      case "profile_completion":
        if (!member.name || !member.birthday) return { status: "refused" as const, reason: "profile-incomplete" as const };
        break;
      case "newsletter":
        payload = { optIn: true };
        break;
      case "birthday": {
        const bonus = birthdayBonus(member.birthday, now, await lastBirthdayClaim(tx, memberId), env().timezone);
        if (!bonus.ok) return { status: "refused" as const, reason: bonus.reason };
        payload = { year: now.getUTCFullYear() };
        break;
      }
      case "social_follow": {
        const network = typeof input.network === "string" ? input.network : "";
        const link = task.config.socialLinks.find((l) => l.network === network);
        if (!link) return { status: "invalid" as const, field: "network", problem: "unknown-network" };
        if ((await followedNetworks(tx, memberId)).has(network)) return { status: "refused" as const, reason: "done" as const };
        payload = { network };
        break;
      }
      default:
        return { status: "refused" as const, reason: "unknown-task" as const };
    }

    const moderated = MODERATED_KINDS.has(task.kind);
    const [submission] = await tx
      .insert(taskSubmissions)
      .values({ memberId, taskId, kind: task.kind, clientId, status: moderated ? "in_review" : "completed", productSku, payload, points: task.points, createdAt: now })
      .returning();
    if (!moderated) await payTask(tx, submission!, now, config);
    return { status: moderated ? ("in_review" as const) : ("completed" as const), submission: submission!, duplicate: false };
  });
}

async function payChallenges(tx: Tx, submission: Submission, now: Date, challenges: Challenge[], validMonths: number) {
  const relevant = challenges.filter((c) => c.taskKind === submission.kind);
  if (relevant.length === 0) return;
  const timeZone = env().timezone;
  // The member's completions of this kind since the earliest period start; challengeProgress counts them.
  const since = new Date(Math.min(...relevant.map((c) => periodStart(c.period, now, timeZone).getTime())));
  const rows = await tx
    .select({ at: sql<Date>`coalesce(${taskSubmissions.decidedAt}, ${taskSubmissions.createdAt})` })
    .from(taskSubmissions)
    .where(
      and(
        eq(taskSubmissions.memberId, submission.memberId),
        eq(taskSubmissions.kind, submission.kind),
        inArray(taskSubmissions.status, ["approved", "completed"]),
        gte(sql`coalesce(${taskSubmissions.decidedAt}, ${taskSubmissions.createdAt})`, since),
      ),
    );
  const completions: Completion[] = rows.map((row) => ({ kind: submission.kind as Completion["kind"], at: new Date(row.at) }));
  for (const challenge of relevant) {
    if (!challengeProgress(challenge, completions, now, timeZone).done || challenge.bonusPoints === 0) continue;
    await tx
      .insert(ledgerEntries)
      .values({
        memberId: submission.memberId,
        delta: challenge.bonusPoints,
        kind: "earn_task",
        sourceRef: `challenge:${challenge.id}`,
        idempotencyKey: `challenge:${challenge.id}:${submission.memberId}:${periodKey(challenge.period, now, timeZone)}`,
        createdAt: now,
        expiresAt: expiresAt(now, validMonths, timeZone),
      })
      .onConflictDoNothing();
  }
}

function invalid(issue: { path: PropertyKey[]; message: string } | undefined): SubmitOutcome {
  return { status: "invalid", field: issue?.path.map(String).join(".") ?? "", problem: issue?.message ?? "invalid" };
}

/**
 * Pays a completed or approved submission, and the bonus of every challenge it completes for
 * this period (the bonus key names member, challenge and period, so it is paid once).
 */
async function payTask(tx: Tx, submission: Submission, now: Date, config: ProgramConfig) {
  const validMonths = config.earnRule.pointsValidMonths;
  await payChallenges(tx, submission, now, config.challenges, validMonths);
  if (submission.points <= 0) return;
  await tx
    .insert(ledgerEntries)
    .values({
      memberId: submission.memberId,
      delta: submission.points,
      kind: "earn_task",
      sourceRef: `task:${submission.taskId}`,
      idempotencyKey: `task:${submission.id}`,
      createdAt: now,
      expiresAt: expiresAt(now, validMonths, env().timezone),
    })
    .onConflictDoNothing();
}

/** Staff decide on a review or photo: approval pays once, rejection keeps the reason for the member. */
export async function moderateSubmission(
  db: Database,
  actor: AuditActor,
  submissionId: string,
  decision: { approve: true } | { approve: false; reason: string },
  now = new Date(),
): Promise<"approved" | "rejected" | "already-decided" | "unknown"> {
  const config = await getProgramConfig(db);
  return db.transaction(async (tx) => {
    const [submission] = await tx.select().from(taskSubmissions).where(eq(taskSubmissions.id, submissionId)).for("update");
    if (!submission) return "unknown" as const;
    if (submission.status !== "in_review") return "already-decided" as const;
    const status = decision.approve ? ("approved" as const) : ("rejected" as const);
    const [decided] = await tx
      .update(taskSubmissions)
      .set({ status, reason: decision.approve ? null : decision.reason, decidedAt: now, decidedBy: actor.id })
      .where(eq(taskSubmissions.id, submissionId))
      .returning();
    await writeAudit(tx, actor, `submission.${status === "approved" ? "approve" : "reject"}`, `member:${submission.memberId}`, { submission: submission.id, status: submission.status }, { submission: submission.id, status, reason: decided!.reason }, now);
    if (decision.approve) await payTask(tx, decided!, now, config);
    await enqueueNotification(tx, {
      memberId: submission.memberId,
      category: "task_result",
      kind: decision.approve ? "task_approved" : "task_rejected",
      params: decision.approve ? { points: submission.points } : { reason: decision.reason },
      url: `/tasks/${submission.taskId}`,
      dedupeKey: `submission:${submission.id}`,
      at: now,
      channels: "push-or-email",
      ...(decision.approve && { source: "journey:review_published" }),
    });
    return status;
  });
}

export type ReviewQueueFilter = { kind?: "product_review" | "photo_upload" | undefined };

export async function listReviewQueue(db: Database, limit = 50, filter: ReviewQueueFilter = {}): Promise<(Submission & { memberName: string | null; memberEmail: string })[]> {
  const rows = await db
    .select({ submission: taskSubmissions, memberName: members.name, memberEmail: members.email })
    .from(taskSubmissions)
    .innerJoin(members, eq(members.id, taskSubmissions.memberId))
    .where(and(eq(taskSubmissions.status, "in_review"), filter.kind ? eq(taskSubmissions.kind, filter.kind) : undefined))
    .orderBy(asc(taskSubmissions.createdAt))
    .limit(limit);
  return rows.map((r) => ({ ...r.submission, memberName: r.memberName, memberEmail: r.memberEmail }));
}

export async function listMemberSubmissions(db: Database, memberId: string, limit = 20): Promise<Submission[]> {
  return db.select().from(taskSubmissions).where(eq(taskSubmissions.memberId, memberId)).orderBy(desc(taskSubmissions.createdAt)).limit(limit);
}

/** Approved reviews for the shop, oldest first from `since` (the shop pages by the last decided_at). */
export async function listApprovedReviews(db: Database, since: Date, limit = 100) {
  return db
    .select({
      id: taskSubmissions.id,
      sku: taskSubmissions.productSku,
      payload: taskSubmissions.payload,
      approvedAt: taskSubmissions.decidedAt,
      memberName: members.name,
      shopCustomerId: members.shopCustomerId,
    })
    .from(taskSubmissions)
    .innerJoin(members, eq(members.id, taskSubmissions.memberId))
    .where(and(eq(taskSubmissions.kind, "product_review"), eq(taskSubmissions.status, "approved"), gte(taskSubmissions.decidedAt, since)))
    .orderBy(asc(taskSubmissions.decidedAt), asc(taskSubmissions.id))
    .limit(limit);
}

const photoKey = sql<string>`${taskSubmissions.payload}->>'key'`;

/**
 * Photos are private: their owner and staff who moderate or serve members may see them. The
 * owner is whoever submitted the key first; a later submission naming the same key (one made
 * before photo answers had to be uploads) grants nothing.
 */
export async function canSeePhoto(db: Database, viewer: { id: string; role: MemberRole }, key: string): Promise<boolean> {
  if (can(viewer.role, "moderate") || can(viewer.role, "members.read")) return true;
  const [first] = await db
    .select({ memberId: taskSubmissions.memberId })
    .from(taskSubmissions)
    .where(and(eq(taskSubmissions.kind, "photo_upload"), sql`${photoKey} = ${key}`))
    .orderBy(asc(taskSubmissions.createdAt), asc(taskSubmissions.id))
    .limit(1);
  return first?.memberId === viewer.id;
}

/** The photo files a member owns (first to submit each key): what erasing the member deletes, and nothing of anyone else's. */
export async function ownedPhotoKeys(db: Database | Tx, memberId: string): Promise<string[]> {
  const earlier = alias(taskSubmissions, "earlier");
  const rows = await db
    .select({ key: photoKey })
    .from(taskSubmissions)
    .where(
      and(
        eq(taskSubmissions.memberId, memberId),
        eq(taskSubmissions.kind, "photo_upload"),
        isNotNull(photoKey),
        notExists(
          db
            .select({ one: sql`1` })
            .from(earlier)
            .where(
              and(
                eq(earlier.kind, "photo_upload"),
                ne(earlier.memberId, memberId),
                sql`${earlier.payload}->>'key' = ${photoKey}`,
                sql`(${earlier.createdAt}, ${earlier.id}) < (${taskSubmissions.createdAt}, ${taskSubmissions.id})`,
              ),
            ),
        ),
      ),
    )
    .orderBy(asc(taskSubmissions.createdAt));
  return rows.map((r) => r.key);
}

export type GamificationFacts = {
  completions: Completion[];
  activity: Date[];
  approvedReviews: number;
  approvedPhotos: number;
  surveys: number;
  rewardedReferrals: number;
};

/** What challenges, the streak and badges are computed from (lib/loyalty/gamification.ts). */
export async function getGamificationFacts(db: Database, memberId: string, now = new Date()): Promise<GamificationFacts> {
  const since = new Date(now.getTime() - 26 * 7 * 86_400_000);
  const doneAt = sql<Date>`coalesce(${taskSubmissions.decidedAt}, ${taskSubmissions.createdAt})`.mapWith(taskSubmissions.createdAt);
  const [done, paid, [totals], [referred]] = await Promise.all([
    db
      .select({ kind: taskSubmissions.kind, at: doneAt })
      .from(taskSubmissions)
      .where(and(eq(taskSubmissions.memberId, memberId), inArray(taskSubmissions.status, ["approved", "completed"]), gte(doneAt, since))),
    db.select({ at: orders.paidAt }).from(orders).where(and(eq(orders.memberId, memberId), gte(orders.paidAt, since))),
    db
      .select({
        reviews: sql<number>`count(*) filter (where ${taskSubmissions.kind} = 'product_review' and ${taskSubmissions.status} = 'approved')`,
        photos: sql<number>`count(*) filter (where ${taskSubmissions.kind} = 'photo_upload' and ${taskSubmissions.status} = 'approved')`,
        surveys: sql<number>`count(*) filter (where ${taskSubmissions.kind} = 'survey')`,
      })
      .from(taskSubmissions)
      .where(eq(taskSubmissions.memberId, memberId)),
    db.select({ n: count() }).from(referrals).where(and(eq(referrals.referrerId, memberId), eq(referrals.status, "rewarded"))),
  ]);
  const completions = done.map((d) => ({ kind: d.kind as TaskKind, at: d.at }));
  return {
    completions,
    activity: [...completions.map((c) => c.at), ...paid.map((p) => p.at)],
    approvedReviews: Number(totals?.reviews ?? 0),
    approvedPhotos: Number(totals?.photos ?? 0),
    surveys: Number(totals?.surveys ?? 0),
    rewardedReferrals: referred?.n ?? 0,
  };
}
