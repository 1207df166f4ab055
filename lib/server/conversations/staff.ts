// What support staff do in Console → Gespräche: reply (the shopper is told on the way
// lib/loyalty/conversation-channel.ts picks), write internal notes, assign, resolve with points (an
// adjustment through lib/server/members, in the same transaction), close and reopen. Each is one
// transaction with its audit row; a refusal (ConsoleError) writes nothing.
import "server-only";
import type { Database, Tx } from "../../db/connect";
import { writeAudit, type AuditActor } from "../../db/queries/audit";
import { enqueueOnChannel, insertMessage, lockConversation, replyReach, staffMember, updateConversation, type Conversation } from "../../db/queries/conversations";
import type { NotificationCategory } from "../../db/schema";
import { env } from "../../env";
import { ConsoleError } from "../../errors";
import { replyRoute } from "../../loyalty/conversation-channel";
import { systemLineBody } from "../../loyalty/conversation-lines";
import { can, type MemberRole } from "../../loyalty/roles";
import { adjustPointsIn } from "../members";

/**
 * The category a reply travels under: the shopper's own question answered, like the "points
 * missing?" answer before it (muting it on push moves it to e-mail, as for any category).
 */
export const CONVERSATION_CATEGORY: NotificationCategory = "points";
export const CONVERSATION_REPLY_KIND = "conversation_reply";

async function lockOrRefuse(tx: Tx, conversationId: string): Promise<Conversation> {
  const conversation = await lockConversation(tx, conversationId);
  if (!conversation) throw new ConsoleError("not-found", "conversationNotFound");
  return conversation;
}

/** Whether the deployment can send WhatsApp (configured by the WhatsApp connection, when present). */
function whatsappConfigured(): boolean {
  const configured = env() as unknown as { whatsapp?: unknown };
  return configured.whatsapp !== undefined && configured.whatsapp !== null;
}

/**
 * Tells the shopper about a message in their conversation when they are not looking: one outbox
 * row on the route replyRoute picks (WhatsApp in the 24-hour window, SMS, push, e-mail; none when
 * nothing reaches them: they read it in the app). Once per message (dedupe key), so a retry or a
 * second app instance adds nothing; the outbox's SKIP LOCKED claim sends it once.
 */
export async function notifyShopper(tx: Tx, conversation: Conversation, messageId: number, now: Date): Promise<void> {
  const reach = await replyReach(tx, conversation.memberId, CONVERSATION_CATEGORY);
  if (!reach) return;
  const route = replyRoute(
    {
      channel: conversation.channel,
      lastShopperWhatsappAt: conversation.lastShopperWhatsappAt,
      whatsappConsent: reach.whatsappConsent,
      smsConsent: reach.smsConsent,
      hasPhone: reach.hasPhone,
      whatsappConfigured: whatsappConfigured(),
      smsConfigured: env().sms !== undefined,
      canPush: reach.canPush,
      canEmail: reach.canEmail,
    },
    now,
  );
  if (!route) return;
  await enqueueOnChannel(tx, {
    memberId: conversation.memberId,
    category: CONVERSATION_CATEGORY,
    channel: route,
    kind: CONVERSATION_REPLY_KIND,
    params: { conversationId: conversation.id, messageId },
    url: `/help/${conversation.id}`,
    dedupeKey: `conversation-reply:${messageId}`,
    at: now,
  });
}

const excerpt = (text: string) => (text.length > 140 ? `${text.slice(0, 139)}…` : text);

/** Staff answer the shopper: the conversation waits for them; the first answer after the hand-over is the first response. */
export async function replyToConversation(db: Database, actor: AuditActor, input: { conversationId: string; body: string; requestId: string }, now = new Date()): Promise<{ messageId: number; duplicate: boolean }> {
  return db.transaction(async (tx) => {
    const conversation = await lockOrRefuse(tx, input.conversationId);
    const message = await insertMessage(tx, { conversationId: conversation.id, author: "staff", authorId: actor.id, body: input.body, channel: conversation.channel, requestId: `staff:${input.requestId}`, at: now });
    if (!message) return { messageId: 0, duplicate: true };
    await updateConversation(tx, conversation.id, {
      status: "waiting",
      lastMessageAt: now,
      handedOverAt: conversation.handedOverAt ?? now,
      firstResponseAt: conversation.firstResponseAt ?? now,
      resolvedAt: null,
      resolvedBy: null,
    });
    await notifyShopper(tx, conversation, message.id, now);
    await writeAudit(tx, actor, "conversation.reply", `member:${conversation.memberId}`, { status: conversation.status }, { conversation: conversation.id, status: "waiting", body: excerpt(input.body) }, now);
    return { messageId: message.id, duplicate: false };
  });
}

/** A note for the team, never shown to the shopper. */
export async function addInternalNote(db: Database, actor: AuditActor, input: { conversationId: string; body: string }, now = new Date()): Promise<void> {
  await db.transaction(async (tx) => {
    const conversation = await lockOrRefuse(tx, input.conversationId);
    await insertMessage(tx, { conversationId: conversation.id, author: "staff", authorId: actor.id, body: input.body, internal: true, at: now });
    await writeAudit(tx, actor, "conversation.note", `member:${conversation.memberId}`, null, { conversation: conversation.id, body: excerpt(input.body) }, now);
  });
}

/** Gives the conversation to a staff member who may answer (or to nobody: back to "unassigned"). */
export async function assignConversation(db: Database, actor: AuditActor, input: { conversationId: string; assigneeId: string | null }, now = new Date()): Promise<void> {
  await db.transaction(async (tx) => {
    const conversation = await lockOrRefuse(tx, input.conversationId);
    let name: string | null = null;
    if (input.assigneeId) {
      const assignee = await staffMember(tx, input.assigneeId);
      if (!assignee || !can(assignee.role as MemberRole, "support")) throw new ConsoleError("refused", "assigneeNotSupport", {}, { pointer: "/assigneeId" });
      name = assignee.name || assignee.email;
    }
    if (conversation.assigneeId === input.assigneeId) return;
    await updateConversation(tx, conversation.id, { assigneeId: input.assigneeId });
    await writeAudit(tx, actor, input.assigneeId ? "conversation.assign" : "conversation.unassign", `member:${conversation.memberId}`, { assignee: conversation.assigneeId }, { conversation: conversation.id, assignee: input.assigneeId, name }, now);
  });
}

/**
 * "Resolve with points": the points as an adjustment with the reason (the shopper reads it in
 * their history; never twice for one request id), a line in the conversation, closed. The shopper is told.
 */
export async function resolveWithPoints(
  db: Database,
  actor: AuditActor,
  input: { conversationId: string; points: number; reason: string; requestId: string },
  now = new Date(),
): Promise<{ balance: number | null; duplicate: boolean }> {
  return db.transaction(async (tx) => {
    const conversation = await lockOrRefuse(tx, input.conversationId);
    let balance: number | null = null;
    if (input.points > 0) {
      const adjusted = await adjustPointsIn(tx, actor, { memberId: conversation.memberId, points: input.points, reason: input.reason, requestId: `conversation:${input.requestId}` }, now);
      if (adjusted.duplicate) return { balance: adjusted.balance, duplicate: true };
      balance = adjusted.balance;
    } else if (conversation.status === "closed") {
      throw new ConsoleError("conflict", "conversationClosed");
    }
    const line = await insertMessage(tx, { conversationId: conversation.id, author: "system", authorId: actor.id, body: systemLineBody({ kind: "resolved", points: input.points }), requestId: `resolve:${input.requestId}`, at: now });
    await updateConversation(tx, conversation.id, {
      status: "closed",
      resolvedAt: now,
      resolvedBy: actor.id,
      pointsGranted: (conversation.pointsGranted ?? 0) + input.points,
      handedOverAt: conversation.handedOverAt ?? now,
      lastMessageAt: now,
    });
    if (line) await notifyShopper(tx, conversation, line.id, now);
    await writeAudit(tx, actor, "conversation.resolve", `member:${conversation.memberId}`, { status: conversation.status }, { conversation: conversation.id, status: "closed", points: input.points, reason: input.reason }, now);
    return { balance, duplicate: false };
  });
}

/** Closes (done, nothing more to say) or opens again. */
export async function setConversationClosed(db: Database, actor: AuditActor, input: { conversationId: string; closed: boolean }, now = new Date()): Promise<void> {
  await db.transaction(async (tx) => {
    const conversation = await lockOrRefuse(tx, input.conversationId);
    if ((conversation.status === "closed") === input.closed) throw new ConsoleError("conflict", input.closed ? "conversationClosed" : "conversationOpen");
    await insertMessage(tx, { conversationId: conversation.id, author: "system", authorId: actor.id, body: systemLineBody({ kind: input.closed ? "closed" : "reopened" }), at: now });
    await updateConversation(
      tx,
      conversation.id,
      input.closed ? { status: "closed", resolvedAt: now, resolvedBy: actor.id, handedOverAt: conversation.handedOverAt ?? now } : { status: "open", resolvedAt: null, resolvedBy: null, handedOverAt: conversation.handedOverAt ?? now },
    );
    await writeAudit(tx, actor, input.closed ? "conversation.close" : "conversation.reopen", `member:${conversation.memberId}`, { status: conversation.status }, { conversation: conversation.id, status: input.closed ? "closed" : "open" }, now);
  });
}
