// A member submits a task: checked against its limits under the member's lock, paid (and its challenges) once.
import "server-only";
import type { Database, Tx } from "../../db/connect";
import { getProgramConfig } from "../../db/queries/program";
import {
  activeTask,
  availabilityFor,
  boughtItems,
  followedNetworks,
  insertSubmission,
  lastBirthdayClaim,
  NO_SUBMISSIONS,
  photoCaptionSchema,
  reviewedSkus,
  similarPhotoSubmitted,
  submissionByClientId,
  submissionCounts,
  submittingMember,
  type Submission,
  type SubmittingMember,
  type Task,
} from "../../db/queries/tasks";
import { env } from "../../env";
import { birthdayBonus, MODERATED_KINDS, reviewableProducts, reviewSchema, surveyAnswersSchema, type TaskBlock } from "../../loyalty/tasks";
import type { StoredPhoto } from "../../uploads/store";
import { payTask } from "./pay";

export type SubmitOutcome =
  | { status: "in_review" | "completed"; submission: Submission; duplicate: boolean }
  | {
      status: "refused";
      reason: TaskBlock | "already-rejected" | "not-bought" | "unknown-task" | "profile-incomplete" | "duplicate-photo" | "no-birthday" | "not-birthday-month" | "photo-needs-upload";
    }
  | { status: "invalid"; field: string; problem: string };

type Opened = { open: true; member: SubmittingMember; task: Task } | { open: false; outcome: SubmitOutcome };

/**
 * Whether this member can submit this task now: the member and the active task exist, its limits
 * are not reached, and the client's id names no earlier submission (a resend answers that one).
 * `lock` takes the member's row for the rest of the transaction.
 */
async function openTask(db: Database | Tx, memberId: string, taskId: string, clientId: string, now: Date, lock: boolean): Promise<Opened> {
  const member = await submittingMember(db, memberId, lock);
  if (!member) return { open: false, outcome: { status: "refused", reason: "unknown-task" } };
  const earlier = await submissionByClientId(db, memberId, clientId);
  // A resend (double tap, the offline outbox) answers what became of the first one.
  if (earlier?.status === "rejected") return { open: false, outcome: { status: "refused", reason: "already-rejected" } };
  if (earlier) return { open: false, outcome: { status: earlier.status === "in_review" ? "in_review" : "completed", submission: earlier, duplicate: true } };

  const task = await activeTask(db, taskId);
  if (!task) return { open: false, outcome: { status: "refused", reason: "unknown-task" } };
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

type Checked = { ok: true; payload: Record<string, unknown>; productSku: string | null } | { ok: false; outcome: SubmitOutcome };

/** The task's own checks on what the member sent, and the payload the submission keeps. */
async function checkInput(tx: Tx, memberId: string, member: SubmittingMember, task: Task, input: Record<string, unknown>, photo: StoredPhoto | null, now: Date): Promise<Checked> {
  const refuse = (reason: Extract<SubmitOutcome, { status: "refused" }>["reason"]): Checked => ({ ok: false, outcome: { status: "refused", reason } });
  const accept = (payload: Record<string, unknown>, productSku: string | null = null): Checked => ({ ok: true, payload, productSku });
  switch (task.kind) {
    case "product_review": {
      const parsed = reviewSchema(task.config).safeParse(input);
      if (!parsed.success) return { ok: false, outcome: invalid(parsed.error.issues[0]) };
      const products = reviewableProducts(await boughtItems(tx, memberId), await reviewedSkus(tx, memberId));
      const product = products.find((p) => p.sku === parsed.data.sku);
      if (!product) return refuse("not-bought");
      return accept({ rating: parsed.data.rating, text: parsed.data.text, productName: product.name }, product.sku);
    }
    case "survey": {
      const parsed = surveyAnswersSchema(task.config.questions).safeParse(input);
      if (!parsed.success) return { ok: false, outcome: invalid(parsed.error.issues[0]) };
      return accept({ answers: parsed.data });
    }
    case "photo_upload": {
      if (!photo) return refuse("photo-needs-upload");
      const extra = photoCaptionSchema.safeParse(input);
      if (!extra.success) return { ok: false, outcome: invalid(extra.error.issues[0]) };
      // The same picture again (re-saved or resized), by this member or anyone else.
      if (await similarPhotoSubmitted(tx, photo.hash)) return refuse("duplicate-photo");
      return accept({ key: photo.key, width: photo.width, height: photo.height, hash: photo.hash, ...(extra.data.caption && { caption: extra.data.caption }) });
    }
    case "profile_completion":
      if (!member.name || !member.birthday) return refuse("profile-incomplete");
      return accept({});
    case "newsletter":
      return accept({ optIn: true });
    case "birthday": {
      const bonus = birthdayBonus(member.birthday, now, await lastBirthdayClaim(tx, memberId), env().timezone);
      if (!bonus.ok) return refuse(bonus.reason);
      return accept({ year: now.getUTCFullYear() });
    }
    case "social_follow": {
      const network = typeof input.network === "string" ? input.network : "";
      const link = task.config.socialLinks.find((l) => l.network === network);
      if (!link) return { ok: false, outcome: { status: "invalid", field: "network", problem: "unknown-network" } };
      if ((await followedNetworks(tx, memberId)).has(network)) return refuse("done");
      return accept({ network });
    }
    default:
      return refuse("unknown-task");
  }
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
    const checked = await checkInput(tx, memberId, member, task, input, photo, now);
    if (!checked.ok) return checked.outcome;

    const moderated = MODERATED_KINDS.has(task.kind);
    const submission = await insertSubmission(tx, {
      memberId,
      taskId,
      kind: task.kind,
      clientId,
      status: moderated ? "in_review" : "completed",
      productSku: checked.productSku,
      payload: checked.payload,
      points: task.points,
      createdAt: now,
    });
    if (!moderated) await payTask(tx, submission, now, config);
    return { status: moderated ? ("in_review" as const) : ("completed" as const), submission, duplicate: false };
  });
}

function invalid(issue: { path: PropertyKey[]; message: string } | undefined): SubmitOutcome {
  return { status: "invalid", field: issue?.path.map(String).join(".") ?? "", problem: issue?.message ?? "invalid" };
}
