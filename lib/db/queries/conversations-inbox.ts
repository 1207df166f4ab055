import "server-only";
import { and, asc, desc, eq, inArray, isNotNull, isNull, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { ConversationAuthor } from "../../loyalty/conversations";
import { staffRoles, can } from "../../loyalty/roles";
import type { Database } from "../connect";
import { conversations, members } from "../schema";

export const inboxTabs = ["unassigned", "mine", "waiting", "closed"] as const;
export type InboxTab = (typeof inboxTabs)[number];

/** Which conversations a tab shows: staff see a conversation once it was handed over (or started as a claim). */
function tabWhere(tab: InboxTab, staffId: string): SQL {
  const handedOver = isNotNull(conversations.handedOverAt);
  switch (tab) {
    case "unassigned":
      return and(handedOver, eq(conversations.status, "open"), isNull(conversations.assigneeId))!;
    case "mine":
      return and(handedOver, eq(conversations.assigneeId, staffId), inArray(conversations.status, ["open", "waiting"]))!;
    case "waiting":
      return and(handedOver, eq(conversations.status, "waiting"))!;
    case "closed":
      return and(handedOver, eq(conversations.status, "closed"))!;
  }
}

export async function inboxCounts(db: Database, staffId: string): Promise<Record<InboxTab, number>> {
  const [unassigned, mine, waiting, closed] = await Promise.all(inboxTabs.map((tab) => db.$count(conversations, tabWhere(tab, staffId))));
  return { unassigned: unassigned!, mine: mine!, waiting: waiting!, closed: closed! };
}

export type InboxItem = {
  id: string;
  status: string;
  memberId: string;
  memberName: string | null;
  memberEmail: string;
  assigneeName: string | null;
  orderNumber: string | null;
  channel: string;
  handedOverAt: Date | null;
  lastMessageAt: Date;
  preview: string | null;
  lastAuthor: ConversationAuthor | null;
};

/** A tab of the inbox: open ones longest waiting first (first come, first served), closed ones newest first. */
export async function listInbox(db: Database, tab: InboxTab, staffId: string, limit = 100): Promise<InboxItem[]> {
  const assignee = alias(members, "assignee");
  const rows = await db
    .select({
      id: conversations.id,
      status: conversations.status,
      memberId: conversations.memberId,
      memberName: members.name,
      memberEmail: members.email,
      assigneeName: sql<string | null>`coalesce(${assignee.name}, ${assignee.email})`,
      orderNumber: conversations.orderNumber,
      channel: conversations.channel,
      handedOverAt: conversations.handedOverAt,
      lastMessageAt: conversations.lastMessageAt,
      last: sql<{ body: string; author: ConversationAuthor } | null>`(select json_build_object('body', m.body, 'author', m.author) from conversation_messages m where m.conversation_id = "conversations"."id" and not m.internal and m.author <> 'system' order by m.id desc limit 1)`,
    })
    .from(conversations)
    .innerJoin(members, eq(members.id, conversations.memberId))
    .leftJoin(assignee, eq(assignee.id, conversations.assigneeId))
    .where(tabWhere(tab, staffId))
    .orderBy(tab === "closed" ? desc(conversations.lastMessageAt) : asc(conversations.lastMessageAt))
    .limit(limit);
  return rows.map(({ last, ...row }) => ({ ...row, preview: last?.body ?? null, lastAuthor: last?.author ?? null }));
}

/** One conversation for staff, with who it is from and who has it. */
export async function getConversationForStaff(db: Database, conversationId: string) {
  const [row] = await db
    .select({ conversation: conversations, memberName: members.name, memberEmail: members.email, memberLocale: members.locale, memberErased: members.erasedAt })
    .from(conversations)
    .innerJoin(members, eq(members.id, conversations.memberId))
    .where(eq(conversations.id, conversationId));
  return row;
}

/** The team members who may answer conversations (for "assign to"). */
export async function listSupportStaff(db: Database): Promise<{ id: string; name: string }[]> {
  const roles = staffRoles.filter((role) => can(role, "support"));
  const rows = await db
    .select({ id: members.id, name: sql<string>`coalesce(${members.name}, ${members.email})` })
    .from(members)
    .where(inArray(members.role, roles))
    .orderBy(asc(members.email));
  return rows;
}

/** The member's conversations, newest first (the member page in the console). */
export async function listMemberConversationsForStaff(db: Database, memberId: string, limit = 20) {
  return db
    .select({ id: conversations.id, status: conversations.status, orderNumber: conversations.orderNumber, lastMessageAt: conversations.lastMessageAt, pointsGranted: conversations.pointsGranted })
    .from(conversations)
    .where(eq(conversations.memberId, memberId))
    .orderBy(desc(conversations.lastMessageAt))
    .limit(limit);
}
