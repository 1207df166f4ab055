// Tasks that earn points, and what shoppers submitted for them. (lib/db/schema/index.ts gathers every part.)
import { sql } from "drizzle-orm";
import { boolean, check, index, integer, jsonb, pgTable, text, timestamp, unique, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { LIST_POSITION, TASK_POINTS, TEXT } from "../../validations/limits";
import { createdAt, type LocalizedText, unsetOrLengthWithin, within } from "./columns";
import { members } from "./members";
import { programs } from "./program";

export const tasks = pgTable(
  "tasks",
  {
    id: text("id").primaryKey(),
    programId: text("program_id")
      .notNull()
      .references(() => programs.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    title: jsonb("title").$type<LocalizedText>().notNull(),
    description: jsonb("description").$type<LocalizedText>(),
    points: integer("points").notNull(),
    /** Parsed by lib/loyalty/tasks.ts: caps, validity window, review length, survey questions. */
    config: jsonb("config").notNull().default(sql`'{}'::jsonb`),
    position: integer("position").notNull().default(0),
    active: boolean("active").notNull().default(true),
  },
  // Title, description and config are JSON: lib/loyalty/program-document.ts and tasks.ts check them.
  (t) => [check("tasks_points_range", within(t.points, TASK_POINTS)), check("tasks_position_range", within(t.position, LIST_POSITION))],
);

export const submissionStatuses = ["in_review", "approved", "rejected", "completed"] as const;
export type SubmissionStatus = (typeof submissionStatuses)[number];

/**
 * A member's answer to a task: a review, a photo, survey answers, a profile step. Keyed by the
 * client's id so a retry (or the offline outbox) is the same submission.
 */
export const taskSubmissions = pgTable(
  "task_submissions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    taskId: text("task_id")
      .notNull()
      .references(() => tasks.id),
    kind: text("kind").notNull(),
    clientId: text("client_id").notNull(),
    status: text("status", { enum: submissionStatuses }).notNull(),
    /** Reviews: the product; one live review per member and product. */
    productSku: text("product_sku"),
    /** Kind-specific content: rating and text, survey answers, photo path and size. */
    payload: jsonb("payload").notNull().default(sql`'{}'::jsonb`),
    points: integer("points").notNull(),
    reason: text("reason"),
    createdAt: createdAt(),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    decidedBy: uuid("decided_by").references(() => members.id),
  },
  (t) => [
    check("submissions_status_known", sql`${t.status} in ('in_review','approved','rejected','completed')`),
    // The reason staff gave for a rejection (the member reads it).
    check("submissions_reason_length", unsetOrLengthWithin(t.reason, TEXT.reason)),
    unique("submissions_member_client_unique").on(t.memberId, t.clientId),
    uniqueIndex("submissions_one_review_per_product").on(t.memberId, t.productSku).where(sql`${t.kind} = 'product_review' and ${t.status} <> 'rejected'`),
    index("submissions_member_task_idx").on(t.memberId, t.taskId, t.createdAt),
    index("submissions_review_queue_idx").on(t.status, t.createdAt),
  ],
);
