import "server-only";
import { and, asc, desc, eq, gt, inArray, isNotNull, sql } from "drizzle-orm";
import type { ConversationAuthor, ConversationChannel, ConversationStatus } from "../../loyalty/conversations";
import type { Database, Tx } from "../connect";
import { cannedAnswers, conversationMessages, conversations, members, notifications, orders, type NotificationCategory, type NotificationChannel } from "../schema";
import { wantsEmail, wantsPush } from "./notifications";

export type Conversation = typeof conversations.$inferSelect;
export type ConversationMessage = typeof conversationMessages.$inferSelect;
export type CannedAnswer = typeof cannedAnswers.$inferSelect;

/** Serialises everything one member's conversations do (two deliveries of one message, a send and a hand-over). */
export async function lockMemberForConversation(tx: Tx, memberId: string): Promise<{ id: string; locale: string | null } | undefined> {
  const [member] = await tx.select({ id: members.id, locale: members.locale }).from(members).where(eq(members.id, memberId)).for("update");
  return member;
}

export async function lockConversation(tx: Tx, conversationId: string): Promise<Conversation | undefined> {
  const [row] = await tx.select().from(conversations).where(eq(conversations.id, conversationId)).for("update");
  return row;
}

/** The member's conversation that is still going (open or waiting), newest first. */
export async function findActiveConversation(tx: Tx, memberId: string): Promise<Conversation | undefined> {
  const [row] = await tx
    .select()
    .from(conversations)
    .where(and(eq(conversations.memberId, memberId), inArray(conversations.status, ["open", "waiting"])))
    .orderBy(desc(conversations.lastMessageAt))
    .limit(1);
  return row;
}

/** The member's most recent conversation of any status. */
export async function findLatestConversation(tx: Tx, memberId: string): Promise<Conversation | undefined> {
  const [row] = await tx.select().from(conversations).where(eq(conversations.memberId, memberId)).orderBy(desc(conversations.lastMessageAt)).limit(1);
  return row;
}

/** A claim for this order still open or waiting (one per member and order, as "points missing?" had). */
export async function findOpenClaim(tx: Tx, memberId: string, orderNumber: string): Promise<Conversation | undefined> {
  const [row] = await tx
    .select()
    .from(conversations)
    .where(and(eq(conversations.memberId, memberId), eq(conversations.orderNumber, orderNumber), inArray(conversations.status, ["open", "waiting"])))
    .limit(1);
  return row;
}

/** The message a client (or a provider's webhook) already sent under this id, in any of the member's conversations. */
export async function findMessageByRequest(tx: Tx | Database, memberId: string, requestId: string): Promise<{ id: number; conversationId: string } | undefined> {
  const [row] = await tx
    .select({ id: conversationMessages.id, conversationId: conversationMessages.conversationId })
    .from(conversationMessages)
    .innerJoin(conversations, eq(conversations.id, conversationMessages.conversationId))
    .where(and(eq(conversations.memberId, memberId), eq(conversationMessages.requestId, requestId)))
    .limit(1);
  return row;
}

/** The day the member's order with this shop order number was paid (UTC date), if it is theirs. */
export async function memberOrderDate(tx: Tx, memberId: string, shopOrderId: string): Promise<string | null> {
  const [order] = await tx
    .select({ paidAt: orders.paidAt })
    .from(orders)
    .where(and(eq(orders.memberId, memberId), eq(orders.shopOrderId, shopOrderId)))
    .limit(1);
  return order ? order.paidAt.toISOString().slice(0, 10) : null;
}

export async function setClaimOrder(tx: Tx, conversationId: string, orderNumber: string, orderDate: string | null): Promise<void> {
  await tx.update(conversations).set({ orderNumber, orderDate }).where(eq(conversations.id, conversationId));
}

export async function insertConversation(
  tx: Tx,
  values: { memberId: string; channel: ConversationChannel; handedOverAt: Date | null; orderNumber?: string; orderDate?: string; now: Date },
): Promise<Conversation> {
  const [row] = await tx
    .insert(conversations)
    .values({
      memberId: values.memberId,
      channel: values.channel,
      handedOverAt: values.handedOverAt,
      orderNumber: values.orderNumber ?? null,
      orderDate: values.orderDate ?? null,
      lastMessageAt: values.now,
      createdAt: values.now,
    })
    .returning();
  return row!;
}

export type NewMessage = {
  conversationId: string;
  author: ConversationAuthor;
  authorId?: string | null;
  body: string;
  internal?: boolean;
  photoKey?: string | null;
  channel?: ConversationChannel;
  requestId?: string | null;
  assistantLog?: string | null;
  at: Date;
};

/** One message; a second one under the same request id in the conversation adds nothing (undefined). */
export async function insertMessage(tx: Tx, m: NewMessage): Promise<ConversationMessage | undefined> {
  const [row] = await tx
    .insert(conversationMessages)
    .values({
      conversationId: m.conversationId,
      author: m.author,
      authorId: m.authorId ?? null,
      body: m.body,
      internal: m.internal ?? false,
      photoKey: m.photoKey ?? null,
      channel: m.channel ?? "app",
      requestId: m.requestId ?? null,
      assistantLog: m.assistantLog ?? null,
      createdAt: m.at,
    })
    .onConflictDoNothing()
    .returning();
  return row;
}

export type ConversationPatch = Partial<
  Pick<Conversation, "status" | "assigneeId" | "channel" | "handedOverAt" | "firstResponseAt" | "resolvedAt" | "resolvedBy" | "pointsGranted" | "lastMessageAt" | "lastShopperWhatsappAt">
>;

export async function updateConversation(tx: Tx, conversationId: string, patch: ConversationPatch): Promise<void> {
  await tx.update(conversations).set(patch).where(eq(conversations.id, conversationId));
}

export type ThreadMessage = Pick<ConversationMessage, "id" | "author" | "authorId" | "body" | "internal" | "photoKey" | "channel" | "assistantLog" | "createdAt"> & {
  authorName: string | null;
};

/** A conversation's messages in order; without internal notes for the shopper; after `afterId` for a live update. */
export async function listThread(db: Database | Tx, conversationId: string, { internal, afterId = 0 }: { internal: boolean; afterId?: number }): Promise<ThreadMessage[]> {
  return db
    .select({
      id: conversationMessages.id,
      author: conversationMessages.author,
      authorId: conversationMessages.authorId,
      body: conversationMessages.body,
      internal: conversationMessages.internal,
      photoKey: conversationMessages.photoKey,
      channel: conversationMessages.channel,
      assistantLog: conversationMessages.assistantLog,
      createdAt: conversationMessages.createdAt,
      authorName: members.name,
    })
    .from(conversationMessages)
    .leftJoin(members, eq(members.id, conversationMessages.authorId))
    .where(and(eq(conversationMessages.conversationId, conversationId), gt(conversationMessages.id, afterId), internal ? sql`true` : eq(conversationMessages.internal, false)))
    .orderBy(asc(conversationMessages.id));
}

/** The member's own conversation, or undefined when it is someone else's (the shopper reads "not found"). */
export async function getMemberConversation(db: Database, memberId: string, conversationId: string): Promise<Conversation | undefined> {
  const [row] = await db
    .select()
    .from(conversations)
    .where(and(eq(conversations.id, conversationId), eq(conversations.memberId, memberId)))
    .limit(1);
  return row;
}

/**
 * The outer row's id inside a subquery over conversation_messages (aliased `m`): drizzle writes a
 * column of a one-table select unqualified ("id"), which inside the subquery would be the message's own id.
 */
const OUTER_ID = sql`"conversations"."id"`;

/** The version an open thread compares: the newest message the shopper may see, and the status. */
export async function memberThreadVersion(db: Database, memberId: string, conversationId: string): Promise<{ lastId: number; status: ConversationStatus } | undefined> {
  const [row] = await db
    .select({
      status: conversations.status,
      lastId: sql<number>`coalesce((select max(m.id) from conversation_messages m where m.conversation_id = ${OUTER_ID} and not m.internal), 0)`.mapWith(Number),
    })
    .from(conversations)
    .where(and(eq(conversations.id, conversationId), eq(conversations.memberId, memberId)));
  return row;
}

export type MemberConversationItem = Pick<Conversation, "id" | "status" | "orderNumber" | "handedOverAt" | "lastMessageAt" | "createdAt"> & { preview: string | null; lastAuthor: ConversationAuthor | null };

/** "Hilfe": the member's conversations, newest first, each with its latest message the shopper sees. */
export async function listMemberConversations(db: Database, memberId: string, limit = 50): Promise<MemberConversationItem[]> {
  const rows = await db
    .select({
      id: conversations.id,
      status: conversations.status,
      orderNumber: conversations.orderNumber,
      handedOverAt: conversations.handedOverAt,
      lastMessageAt: conversations.lastMessageAt,
      createdAt: conversations.createdAt,
      last: sql<{ body: string; author: ConversationAuthor } | null>`(select json_build_object('body', m.body, 'author', m.author) from conversation_messages m where m.conversation_id = ${OUTER_ID} and not m.internal order by m.id desc limit 1)`,
    })
    .from(conversations)
    .where(eq(conversations.memberId, memberId))
    .orderBy(desc(conversations.lastMessageAt))
    .limit(limit);
  return rows.map(({ last, ...row }) => ({ ...row, preview: last?.body ?? null, lastAuthor: last?.author ?? null }));
}

/** Whether a stored photo belongs to a message of a conversation this member owns. */
export async function memberOwnsConversationPhoto(db: Database, memberId: string, key: string): Promise<boolean> {
  const [row] = await db
    .select({ id: conversationMessages.id })
    .from(conversationMessages)
    .innerJoin(conversations, eq(conversations.id, conversationMessages.conversationId))
    .where(and(eq(conversations.memberId, memberId), eq(conversationMessages.photoKey, key)))
    .limit(1);
  return row !== undefined;
}

/** The photo keys in a member's conversations (what erasing them removes). */
export async function conversationPhotoKeys(db: Database | Tx, memberId: string): Promise<string[]> {
  const rows = await db
    .select({ key: conversationMessages.photoKey })
    .from(conversationMessages)
    .innerJoin(conversations, eq(conversations.id, conversationMessages.conversationId))
    .where(and(eq(conversations.memberId, memberId), isNotNull(conversationMessages.photoKey)));
  return rows.flatMap((r) => (r.key ? [r.key] : []));
}

/** What decides how a reply reaches the member when they are not looking (lib/loyalty/conversation-channel.ts). */
export async function replyReach(
  tx: Tx,
  memberId: string,
  category: NotificationCategory,
): Promise<{ hasPhone: boolean; smsConsent: boolean; whatsappConsent: boolean; canPush: boolean; canEmail: boolean } | undefined> {
  const { rows } = (await tx.execute(sql`
    select m.phone is not null and m.erased_at is null as "hasPhone",
           m.sms_consent_at is not null as "smsConsent",
           m.whatsapp_consent_at is not null as "whatsappConsent",
           ${wantsPush(category)} as "canPush",
           ${wantsEmail(sql`${category}::text`)} as "canEmail"
    from members m where m.id = ${memberId}`)) as unknown as { rows: { hasPhone: boolean; smsConsent: boolean; whatsappConsent: boolean; canPush: boolean; canEmail: boolean }[] };
  return rows[0];
}

/** A message to the member on the channel already chosen; once per cause (dedupe key). */
export async function enqueueOnChannel(
  tx: Tx,
  n: { memberId: string; category: NotificationCategory; channel: NotificationChannel; kind: string; params: Record<string, string | number>; url: string; dedupeKey: string; at: Date },
): Promise<void> {
  await tx
    .insert(notifications)
    .values({ memberId: n.memberId, category: n.category, channel: n.channel, kind: n.kind, params: n.params, url: n.url, dedupeKey: n.dedupeKey, nextAttemptAt: n.at, createdAt: n.at })
    .onConflictDoNothing();
}

// Canned answers.

export async function listCannedAnswers(db: Database, locale?: string): Promise<CannedAnswer[]> {
  return db
    .select()
    .from(cannedAnswers)
    .where(locale ? eq(cannedAnswers.locale, locale) : sql`true`)
    .orderBy(asc(cannedAnswers.locale), asc(cannedAnswers.title));
}

export async function lockCannedAnswer(tx: Tx, id: string): Promise<CannedAnswer | undefined> {
  const [row] = await tx.select().from(cannedAnswers).where(eq(cannedAnswers.id, id)).for("update");
  return row;
}

export async function insertCannedAnswer(tx: Tx, values: { locale: string; title: string; body: string; now: Date }): Promise<CannedAnswer> {
  const [row] = await tx.insert(cannedAnswers).values({ locale: values.locale, title: values.title, body: values.body, createdAt: values.now, updatedAt: values.now }).returning();
  return row!;
}

export async function updateCannedAnswer(tx: Tx, id: string, values: { locale: string; title: string; body: string; now: Date }): Promise<void> {
  await tx.update(cannedAnswers).set({ locale: values.locale, title: values.title, body: values.body, updatedAt: values.now }).where(eq(cannedAnswers.id, id));
}

export async function deleteCannedAnswerRow(tx: Tx, id: string): Promise<void> {
  await tx.delete(cannedAnswers).where(eq(cannedAnswers.id, id));
}

/** A staff member who may answer conversations, by id (for assigning). */
export async function staffMember(tx: Tx | Database, id: string): Promise<{ id: string; role: string; name: string | null; email: string } | undefined> {
  const [row] = await tx.select({ id: members.id, role: members.role, name: members.name, email: members.email }).from(members).where(eq(members.id, id));
  return row;
}
