// The tasks a member sees, with what each means for them now.
import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { birthdayBonus, reviewableProducts } from "../../../loyalty/tasks";
import type { Database } from "../../connect";
import { env } from "../../../env";
import { PROGRAM_ID } from "../../program-id";
import { members, tasks } from "../../schema";
import { lastBirthdayClaim, followedNetworks, toTask, boughtItems, reviewedSkus, submissionCounts, NO_SUBMISSIONS, availabilityFor, type TaskOffer } from "./shared";

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
