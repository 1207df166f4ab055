// Shoppers asking and getting answers: a conversation per question, its messages (the shopper's,
// the assistant's, staff's, internal notes), and staff's canned answers. (lib/db/schema/index.ts gathers every part.)
import { sql } from "drizzle-orm";
import { bigserial, boolean, check, date, index, integer, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { SUPPORT_POINTS, TEXT } from "../../validations/limits";
import { conversationAuthors, conversationChannels, conversationStatuses, type ConversationAuthor, type ConversationChannel, type ConversationStatus } from "../../loyalty/conversations";
import { createdAt, lengthWithin, unsetOrWithin } from "./columns";
import { members } from "./members";

export { conversationAuthors, conversationChannels, conversationStatuses, type ConversationAuthor, type ConversationChannel, type ConversationStatus };

export const conversations = pgTable(
  "conversations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    status: text("status", { enum: conversationStatuses }).notNull().default("open"),
    assigneeId: uuid("assignee_id").references(() => members.id, { onDelete: "set null" }),
    /** The channel the shopper last wrote on: staff's replies go out there. */
    channel: text("channel", { enum: conversationChannels }).notNull().default("app"),
    /** A "points missing?" claim: the order the shopper names. */
    orderNumber: text("order_number"),
    orderDate: date("order_date"),
    /** When the shopper asked for a person (or the conversation started as a claim): from then on it is in staff's inbox. */
    handedOverAt: timestamp("handed_over_at", { withTimezone: true }),
    /** Staff's first reply after the hand-over: Insights' first response time. */
    firstResponseAt: timestamp("first_response_at", { withTimezone: true }),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    resolvedBy: uuid("resolved_by").references(() => members.id, { onDelete: "set null" }),
    /** Points given with "resolve with points" (a ledger adjustment with the reason). */
    pointsGranted: integer("points_granted"),
    lastMessageAt: timestamp("last_message_at", { withTimezone: true }).notNull().defaultNow(),
    /** The shopper's last message on WhatsApp: free text may be sent within 24 hours of it, templates otherwise. */
    lastShopperWhatsappAt: timestamp("last_shopper_whatsapp_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    check("conversations_status_known", sql`${t.status} in ('open','waiting','closed')`),
    check("conversations_channel_known", sql`${t.channel} in ('app','whatsapp','sms','email')`),
    check("conversations_points_range", unsetOrWithin(t.pointsGranted, SUPPORT_POINTS)),
    index("conversations_inbox_idx").on(t.status, t.lastMessageAt),
    index("conversations_assignee_idx").on(t.assigneeId, t.status),
    index("conversations_member_idx").on(t.memberId, t.lastMessageAt),
    // One open claim per member and order, as "points missing?" had.
    index("conversations_claim_idx").on(t.memberId, t.orderNumber).where(sql`${t.orderNumber} is not null`),
  ],
);

export const conversationMessages = pgTable(
  "conversation_messages",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    author: text("author", { enum: conversationAuthors }).notNull(),
    /** The staff member who wrote it (null for the shopper, the assistant and the system). */
    authorId: uuid("author_id").references(() => members.id, { onDelete: "set null" }),
    body: text("body").notNull(),
    /** A staff note the shopper never sees. */
    internal: boolean("internal").notNull().default(false),
    /** A photo the shopper attached (a receipt): the photo store's key. */
    photoKey: text("photo_key"),
    channel: text("channel", { enum: conversationChannels }).notNull().default("app"),
    /**
     * The client's id for a message it sends (a retried send finds this row), or the provider's id
     * of an inbound message (Twilio's MessageSid: a re-delivered webhook finds it).
     */
    requestId: text("request_id"),
    /** The provider's id of an outbound message (Twilio's SID), once sent. */
    providerId: text("provider_id"),
    /** An assistant answer: what it understood and which data it used, for staff to check. */
    assistantLog: text("assistant_log"),
    createdAt: createdAt(),
  },
  (t) => [
    check("conversation_messages_author_known", sql`${t.author} in ('shopper','assistant','staff','system')`),
    check("conversation_messages_channel_known", sql`${t.channel} in ('app','whatsapp','sms','email')`),
    check("conversation_messages_body_length", lengthWithin(t.body, TEXT.conversationMessage)),
    check("conversation_messages_note_by_staff", sql`not ${t.internal} or ${t.author} = 'staff'`),
    unique("conversation_messages_request_unique").on(t.conversationId, t.requestId),
    index("conversation_messages_thread_idx").on(t.conversationId, t.id),
  ],
);

/** Staff's prepared answers, per language, picked in the inbox and edited before sending. */
export const cannedAnswers = pgTable(
  "canned_answers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    locale: text("locale").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("canned_answers_locale_known", sql`${t.locale} in ('de','en')`),
    check("canned_answers_title_length", lengthWithin(t.title, TEXT.cannedAnswerTitle)),
    check("canned_answers_body_length", lengthWithin(t.body, TEXT.cannedAnswer)),
  ],
);
