// Push subscriptions, the outbox of messages, mail suppressions, campaigns. (lib/db/schema/index.ts gathers every part.)
import { sql } from "drizzle-orm";
import { bigserial, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { notificationCategories, type NotificationCategory } from "../../loyalty/notification-categories";
import { createdAt } from "./columns";
import { members } from "./members";
import { rewards } from "./program";

/** Mails captured instead of sent when no EMAIL_SERVER is configured (development and demo). */
export const devMails = pgTable(
  "dev_mails",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    to: text("to").notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    html: text("html"),
    /** Headers a mail client acts on (List-Unsubscribe), as sent. */
    headers: jsonb("headers").$type<Record<string, string>>(),
    url: text("url"),
    createdAt: createdAt(),
  },
  (t) => [index("dev_mails_to_idx").on(t.to, t.createdAt)],
);

/** Addresses no mail goes to any more: the receiving server bounced it, the person complained, or staff stopped it. */
export const emailSuppressions = pgTable(
  "email_suppressions",
  {
    email: text("email").primaryKey(),
    reason: text("reason", { enum: ["bounce", "complaint", "manual"] }).notNull(),
    detail: text("detail"),
    createdAt: createdAt(),
  },
  (t) => [check("email_suppressions_reason_known", sql`${t.reason} in ('bounce','complaint','manual')`), check("email_suppressions_lower", sql`${t.email} = lower(${t.email})`)],
);

/** A browser's Web Push subscription; the push service's answer 404/410 removes it. */
export const pushSubscriptions = pgTable(
  "push_subscriptions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    endpoint: text("endpoint").notNull().unique(),
    p256dh: text("p256dh").notNull(),
    auth: text("auth").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("push_subscriptions_member_idx").on(t.memberId)],
);

export { notificationCategories, type NotificationCategory };
export const notificationStatuses = ["pending", "sent", "failed"] as const;
export const notificationChannels = ["push", "email", "sms", "whatsapp"] as const;
export type NotificationChannel = (typeof notificationChannels)[number];

/**
 * The outbox of messages to shoppers: written in the transaction of its cause, with the channel
 * chosen then (push where subscribed, else e-mail; never both), sent by lib/push/outbox-worker.ts
 * and lib/mail/outbox-worker.ts. The text is rendered at send time from kind + params, in the
 * member's language then.
 */
export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    category: text("category", { enum: notificationCategories }).notNull(),
    channel: text("channel", { enum: notificationChannels }).notNull().default("push"),
    kind: text("kind").notNull(),
    /** What sent it, for Insights: a journey ("journey:expiring") or a campaign ("campaign:<id>"). */
    source: text("source"),
    params: jsonb("params").$type<Record<string, string | number>>().notNull().default(sql`'{}'::jsonb`),
    /** The screen a tap opens, a path inside the app. */
    url: text("url").notNull(),
    /** One notification per cause: a retried event or job run writes nothing new. */
    dedupeKey: text("dedupe_key").notNull(),
    status: text("status", { enum: notificationStatuses }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    /** When a worker may (re)try; a claim pushes it forward, so a crashed worker's claim lapses. */
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    lastError: text("last_error"),
    createdAt: createdAt(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    openedAt: timestamp("opened_at", { withTimezone: true }),
    /** The first click on a tracked link of the message (e-mail). */
    clickedAt: timestamp("clicked_at", { withTimezone: true }),
    /** The member unsubscribed from its category by this message's link (or after it, as the latest one of that category). */
    unsubscribedAt: timestamp("unsubscribed_at", { withTimezone: true }),
  },
  (t) => [
    unique("notifications_member_dedupe_unique").on(t.memberId, t.dedupeKey),
    index("notifications_due_idx").on(t.channel, t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    index("notifications_member_recent_idx").on(t.memberId, t.createdAt),
    // Insights: messages of journeys and campaigns by period.
    index("notifications_source_created_idx").on(t.createdAt).where(sql`${t.source} is not null`),
    check("notifications_status_known", sql`${t.status} in ('pending','sent','failed')`),
    check("notifications_channel_known", sql`${t.channel} in ('push','email','sms','whatsapp')`),
    check("notifications_url_in_app", sql`${t.url} like '/%' and ${t.url} not like '//%'`),
  ],
);

export const campaignStatuses = ["scheduled", "sending", "sent", "cancelled"] as const;
export type CampaignStatus = (typeof campaignStatuses)[number];

/**
 * A message the owner writes to a segment, sent at a time through the outbox in batches (the
 * cursor is the last member queued, so a restart carries on). It may make a reward exclusive to
 * its audience, or open one to them before its catalog date (early access), until reward_until.
 */
export const campaigns = pgTable(
  "campaigns",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    /** Title and text per language (lib/loyalty/campaigns.ts). */
    message: jsonb("message").notNull(),
    /** Who it is for (lib/loyalty/campaigns.ts segmentSchema). */
    segment: jsonb("segment").notNull().default(sql`'{}'::jsonb`),
    rewardId: text("reward_id").references(() => rewards.id),
    rewardMode: text("reward_mode", { enum: ["exclusive", "early_access"] }),
    rewardUntil: timestamp("reward_until", { withTimezone: true }),
    scheduledAt: timestamp("scheduled_at", { withTimezone: true }).notNull(),
    status: text("status", { enum: campaignStatuses }).notNull().default("scheduled"),
    /** Members in the audience when it was sent, and queued so far (the batches' cursor). */
    audience: integer("audience"),
    queued: integer("queued").notNull().default(0),
    cursor: uuid("cursor"),
    startedAt: timestamp("started_at", { withTimezone: true }),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    createdBy: uuid("created_by").references(() => members.id, { onDelete: "set null" }),
    /**
     * WhatsApp is business-initiated here, so only an approved template may be sent: its Twilio
     * Content SID (HX…) and the values of its numbered variables ({"1": "{name}", …}, placeholders
     * filled per member). Null: members on WhatsApp get the campaign on their next channel.
     */
    whatsappContentSid: text("whatsapp_content_sid"),
    whatsappVariables: jsonb("whatsapp_variables").$type<Record<string, string>>(),
    createdAt: createdAt(),
  },
  (t) => [
    check("campaigns_whatsapp_sid", sql`${t.whatsappContentSid} is null or ${t.whatsappContentSid} ~ '^HX[0-9a-fA-F]{32}$'`),
    check("campaigns_status_known", sql`${t.status} in ('scheduled','sending','sent','cancelled')`),
    check("campaigns_reward_mode", sql`(${t.rewardId} is null) = (${t.rewardMode} is null)`),
    index("campaigns_due_idx").on(t.scheduledAt).where(sql`${t.status} in ('scheduled','sending')`),
    index("campaigns_reward_idx").on(t.rewardId),
  ],
);

/** A campaign's audience as it was when sent: who was told, and who alone may see its exclusive reward. */
export const campaignMembers = pgTable(
  "campaign_members",
  {
    campaignId: uuid("campaign_id")
      .notNull()
      .references(() => campaigns.id, { onDelete: "cascade" }),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.memberId] }), index("campaign_members_member_idx").on(t.memberId)],
);
