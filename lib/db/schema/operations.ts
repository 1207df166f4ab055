// Running the program: rate limits, settings, metric snapshots, the audit log, support requests. (lib/db/schema/index.ts gathers every part.)
import { sql } from "drizzle-orm";
import { bigserial, check, date, index, integer, json, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { SUPPORT_POINTS, TEXT } from "../../validations/limits";
import { createdAt, unsetOrLengthWithin, unsetOrWithin } from "./columns";
import { members } from "./members";

/** Fixed-window counters shared by all app instances (magic-link requests per address and per IP). */
export const rateLimits = pgTable(
  "rate_limits",
  {
    key: text("key").notNull(),
    windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
    hits: integer("hits").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] })],
);

/** Small server-wide values made once and shared by every instance (e.g. generated VAPID keys). */
export const appSettings = pgTable("app_settings", {
  key: text("key").primaryKey(),
  value: jsonb("value").notNull(),
  createdAt: createdAt(),
});

/**
 * Insights as computed for a period (lib/db/queries/metric-snapshots.ts): the console reads a
 * snapshot while it is fresh, so a year of a large shop opens at once; jobs refresh the presets.
 */
export const metricSnapshots = pgTable("metric_snapshots", {
  key: text("key").primaryKey(),
  computedAt: timestamp("computed_at", { withTimezone: true }).notNull(),
  // json, not jsonb: the numbers come back in the order they were computed (the CSV's columns).
  payload: json("payload").notNull(),
});

/**
 * Append-only record of every console change: who, when, what, before and after. A trigger
 * (migration 0008) refuses updates and deletes.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    /** No foreign key: audit rows are never updated, whatever happens to the account. */
    actorId: uuid("actor_id"),
    /** Kept as text: the log must still say who after the actor's account is gone. */
    actorEmail: text("actor_email").notNull(),
    action: text("action").notNull(),
    /** What was changed, e.g. "member:<uuid>", "reward:eur5", "program:earn-rule". */
    target: text("target").notNull(),
    before: jsonb("before"),
    after: jsonb("after"),
    createdAt: createdAt(),
  },
  (t) => [index("audit_log_created_idx").on(t.createdAt), index("audit_log_target_idx").on(t.target, t.createdAt), index("audit_log_action_idx").on(t.action, t.createdAt)],
);

export const supportRequestStatuses = ["open", "resolved"] as const;

/** "Punkte fehlen?": a shopper names an order that earned nothing; staff answer with points or a reply. */
export const supportRequests = pgTable(
  "support_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    orderNumber: text("order_number").notNull(),
    orderDate: date("order_date").notNull(),
    message: text("message"),
    status: text("status", { enum: supportRequestStatuses }).notNull().default("open"),
    reply: text("reply"),
    pointsGranted: integer("points_granted"),
    resolvedBy: uuid("resolved_by").references(() => members.id, { onDelete: "set null" }),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    check("support_requests_status_known", sql`${t.status} in ('open','resolved')`),
    check("support_requests_points_range", unsetOrWithin(t.pointsGranted, SUPPORT_POINTS)),
    check("support_requests_reply_length", unsetOrLengthWithin(t.reply, TEXT.supportReply)),
    unique("support_requests_member_order_unique").on(t.memberId, t.orderNumber),
    index("support_requests_queue_idx").on(t.status, t.createdAt),
  ],
);
