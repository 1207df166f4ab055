// A member submits a task: checked against its limits under the member's lock, paid (and its challenges) once.
import "server-only";
import { and, eq, gte, inArray, ne, sql } from "drizzle-orm";
import { expiresAt } from "../../../loyalty/expiry";
import { birthdayBonus, MODERATED_KINDS, reviewableProducts, reviewSchema, surveyAnswersSchema, type TaskBlock } from "../../../loyalty/tasks";
import { challengeProgress, periodKey, periodStart, type Challenge, type Completion } from "../../../loyalty/gamification";
import { DUPLICATE_DISTANCE } from "../../../loyalty/photo-similarity";
import type { StoredPhoto } from "../../../uploads/store";
import type { Database, Tx } from "../../connect";
import { env } from "../../../env";
import { PROGRAM_ID } from "../../program-id";
import { ledgerEntries, members, taskSubmissions, tasks } from "../../schema";
import { getProgramConfig, type ProgramConfig } from "../program";
import { photoCaptionSchema, lastBirthdayClaim, followedNetworks, toTask, boughtItems, reviewedSkus, submissionCounts, NO_SUBMISSIONS, availabilityFor, type Task, type Submission } from "./shared";

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
export async function payTask(tx: Tx, submission: Submission, now: Date, config: ProgramConfig) {
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
