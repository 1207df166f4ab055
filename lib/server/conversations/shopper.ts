// What a shopper does in a support conversation: writes (in the app, or by WhatsApp/SMS through
// receiveShopperMessage), asks for a person, names an order that earned nothing. Each write is one
// transaction under the member's lock, idempotent on the client's (or provider's) request id.
import "server-only";
import type { Database, Tx } from "../../db/connect";
import {
  findActiveConversation,
  findLatestConversation,
  findMessageByRequest,
  findOpenClaim,
  getMemberConversation,
  insertConversation,
  insertMessage,
  lockConversation,
  lockMemberForConversation,
  memberOrderDate,
  setClaimOrder,
  updateConversation,
  type Conversation,
} from "../../db/queries/conversations";
import { AppError } from "../../errors";
import { isLocale, type Locale } from "../../i18n/config";
import { REOPEN_WITHIN_MS, assistantRecordText, systemLineBody } from "../../loyalty/conversation-lines";
import type { ConversationChannel } from "../../loyalty/conversations";
import { TEXT } from "../../validations/limits";
import { answerShopper } from "../assistant";

export type SentMessage = { conversationId: string; messageId: number; duplicate: boolean };

/** The words of a message, or a refusal naming what is wrong (422, nothing written). */
function checkedBody(body: string, hasPhoto: boolean): string {
  const text = body.trim();
  if (text.length > TEXT.conversationMessage.max) throw new AppError("refused", "messageTooLong", { max: TEXT.conversationMessage.max });
  if (text.length === 0) {
    if (hasPhoto) return "📷";
    throw new AppError("refused", "messageEmpty");
  }
  return text;
}

async function lockMember(tx: Tx, memberId: string) {
  const member = await lockMemberForConversation(tx, memberId);
  if (!member) throw new AppError("not-found", "conversationNotFound");
  return member;
}

/** Hands a conversation to staff (once): a system line, status open, into the inbox. */
async function handOverIn(tx: Tx, conversation: Conversation, now: Date): Promise<void> {
  if (conversation.handedOverAt) return;
  await insertMessage(tx, { conversationId: conversation.id, author: "system", body: systemLineBody({ kind: "handover" }), at: now });
  await updateConversation(tx, conversation.id, { handedOverAt: now, status: "open", lastMessageAt: now });
}

/**
 * A message from the shopper in the app: into the named conversation (theirs; a closed one opens
 * again), or a new one. Until a person took over, the assistant answers it (its reply stored as an
 * "assistant" message with its buttons and log); when it hands over, the conversation goes to staff.
 * A retried send (same requestId) returns the first message and writes nothing.
 */
export async function sendShopperMessage(
  db: Database,
  input: { memberId: string; conversationId?: string | null; body: string; requestId: string; photoKey?: string | null; locale?: string },
  now = new Date(),
): Promise<SentMessage> {
  const body = checkedBody(input.body, Boolean(input.photoKey));
  const sent = await db.transaction(async (tx) => {
    const member = await lockMember(tx, input.memberId);
    const earlier = await findMessageByRequest(tx, input.memberId, input.requestId);
    if (earlier) return { sent: { conversationId: earlier.conversationId, messageId: earlier.id, duplicate: true }, locale: member.locale };
    let conversation: Conversation | undefined;
    if (input.conversationId) {
      conversation = await lockConversation(tx, input.conversationId);
      if (!conversation || conversation.memberId !== input.memberId) throw new AppError("not-found", "conversationNotFound");
    } else {
      conversation = await insertConversation(tx, { memberId: input.memberId, channel: "app", handedOverAt: null, now });
    }
    if (conversation.status === "closed") await insertMessage(tx, { conversationId: conversation.id, author: "system", body: systemLineBody({ kind: "reopened" }), at: now });
    const message = await insertMessage(tx, { conversationId: conversation.id, author: "shopper", body, photoKey: input.photoKey ?? null, channel: "app", requestId: input.requestId, at: now });
    await updateConversation(tx, conversation.id, { status: "open", channel: "app", lastMessageAt: now, resolvedAt: null, resolvedBy: null });
    return { sent: { conversationId: conversation.id, messageId: message!.id, duplicate: false }, locale: member.locale };
  });
  const locale: Locale = isLocale(input.locale) ? input.locale : isLocale(sent.locale) ? sent.locale : "de";
  await assistantAnswers(db, input.memberId, sent.sent, body, locale, now);
  return sent.sent;
}

/**
 * The assistant's answer to one shopper message, while no person has taken over. Stored once
 * (request id "assistant:<message id>"), so a retried send does not answer twice. If the assistant
 * fails, the conversation goes to a person rather than leaving the shopper without an answer.
 */
async function assistantAnswers(db: Database, memberId: string, sent: SentMessage, text: string, locale: Locale, now: Date): Promise<void> {
  const requestId = `assistant:${sent.messageId}`;
  const conversation = await getMemberConversation(db, memberId, sent.conversationId);
  if (!conversation || conversation.handedOverAt) return;
  if (sent.duplicate && (await findMessageByRequest(db, memberId, requestId))) return;
  let reply: Awaited<ReturnType<typeof answerShopper>> | null = null;
  try {
    reply = await answerShopper(db, { memberId, conversationId: sent.conversationId, text, locale }, now);
  } catch (error) {
    console.error("assistant failed; handing the conversation to a person", error);
  }
  await db.transaction(async (tx) => {
    await lockMember(tx, memberId);
    const current = await lockConversation(tx, sent.conversationId);
    if (!current || current.handedOverAt) return;
    if (!reply) return handOverIn(tx, current, now);
    const answer = reply.text.trim().slice(0, TEXT.conversationMessage.max) || "…";
    const stored = await insertMessage(tx, {
      conversationId: current.id,
      author: "assistant",
      body: answer,
      requestId,
      assistantLog: assistantRecordText({ actions: reply.actions, unsure: reply.unsure, log: reply.log }),
      at: now,
    });
    if (!stored) return;
    await updateConversation(tx, current.id, { lastMessageAt: now });
    if (reply.handOver) await handOverIn(tx, current, now);
  });
}

/** "Mit einer Person sprechen": the shopper's own conversation goes to staff's inbox. */
export async function handOverToPerson(db: Database, memberId: string, conversationId: string, now = new Date()): Promise<void> {
  await db.transaction(async (tx) => {
    await lockMember(tx, memberId);
    const conversation = await lockConversation(tx, conversationId);
    if (!conversation || conversation.memberId !== memberId) throw new AppError("not-found", "conversationNotFound");
    if (conversation.status === "closed") await updateConversation(tx, conversation.id, { status: "open", resolvedAt: null, resolvedBy: null });
    await handOverIn(tx, conversation, now);
  });
}

/**
 * The assistant's "open a claim" button in a conversation: the order it named (the shop's order
 * number; its date when it is the member's order) goes on the conversation, and a person takes over.
 */
export async function openClaimInConversation(db: Database, memberId: string, conversationId: string, orderNumber: string | null, now = new Date()): Promise<void> {
  await db.transaction(async (tx) => {
    await lockMember(tx, memberId);
    const conversation = await lockConversation(tx, conversationId);
    if (!conversation || conversation.memberId !== memberId) throw new AppError("not-found", "conversationNotFound");
    const number = orderNumber?.trim().slice(0, 64) || null;
    if (number && !conversation.orderNumber) await setClaimOrder(tx, conversation.id, number, await memberOrderDate(tx, memberId, number));
    await insertMessage(tx, { conversationId: conversation.id, author: "system", body: systemLineBody({ kind: "claim", ...(number ? { order: number } : {}) }), at: now });
    if (conversation.status === "closed") await updateConversation(tx, conversation.id, { status: "open", resolvedAt: null, resolvedBy: null });
    await handOverIn(tx, conversation, now);
    await updateConversation(tx, conversation.id, { lastMessageAt: now });
  });
}

/**
 * "Punkte fehlen?": a conversation of its own about the order (number and date on it), in staff's
 * inbox at once. Naming an order that already has an open claim changes nothing ("duplicate").
 */
export async function submitClaim(
  db: Database,
  memberId: string,
  input: { orderNumber: string; orderDate: string; message?: string | undefined },
  now = new Date(),
): Promise<{ conversationId: string; duplicate: boolean }> {
  return db.transaction(async (tx) => {
    await lockMember(tx, memberId);
    const existing = await findOpenClaim(tx, memberId, input.orderNumber);
    if (existing) return { conversationId: existing.id, duplicate: true };
    const conversation = await insertConversation(tx, { memberId, channel: "app", handedOverAt: now, orderNumber: input.orderNumber, orderDate: input.orderDate, now });
    await insertMessage(tx, { conversationId: conversation.id, author: "system", body: systemLineBody({ kind: "claim", order: input.orderNumber }), at: now });
    const words = input.message?.trim();
    if (words) await insertMessage(tx, { conversationId: conversation.id, author: "shopper", body: words.slice(0, TEXT.conversationMessage.max), at: now });
    return { conversationId: conversation.id, duplicate: false };
  });
}

/**
 * A message that came in by WhatsApp or SMS (the provider's webhook): into the member's open or
 * waiting conversation, or the last closed one if its last message is less than 7 days old (it
 * opens again), or a new one. Handed over to staff at once when the channel is not the app; the
 * channel becomes the conversation's, so staff's reply goes out the same way. Idempotent on the
 * provider's message id (`requestId`).
 */
export async function receiveShopperMessage(
  db: Database,
  input: { memberId: string; body: string; channel: ConversationChannel; requestId: string; photoKey?: string | null; now: Date },
): Promise<SentMessage> {
  const { now } = input;
  const body = checkedBody(input.body, Boolean(input.photoKey));
  return db.transaction(async (tx) => {
    await lockMember(tx, input.memberId);
    const earlier = await findMessageByRequest(tx, input.memberId, input.requestId);
    if (earlier) return { conversationId: earlier.conversationId, messageId: earlier.id, duplicate: true };
    let conversation = await findActiveConversation(tx, input.memberId);
    if (!conversation) {
      const latest = await findLatestConversation(tx, input.memberId);
      if (latest && now.getTime() - latest.lastMessageAt.getTime() < REOPEN_WITHIN_MS) {
        conversation = latest;
        await insertMessage(tx, { conversationId: latest.id, author: "system", body: systemLineBody({ kind: "reopened" }), at: now });
      }
    }
    conversation ??= await insertConversation(tx, { memberId: input.memberId, channel: input.channel, handedOverAt: input.channel === "app" ? null : now, now });
    const message = await insertMessage(tx, { conversationId: conversation.id, author: "shopper", body, photoKey: input.photoKey ?? null, channel: input.channel, requestId: input.requestId, at: now });
    await updateConversation(tx, conversation.id, {
      status: "open",
      channel: input.channel,
      lastMessageAt: now,
      resolvedAt: null,
      resolvedBy: null,
      ...(input.channel !== "app" && !conversation.handedOverAt ? { handedOverAt: now } : {}),
      ...(input.channel === "whatsapp" ? { lastShopperWhatsappAt: now } : {}),
    });
    return { conversationId: conversation.id, messageId: message!.id, duplicate: false };
  });
}
