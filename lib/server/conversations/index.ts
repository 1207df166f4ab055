// TEMP conversations placeholder: the conversations branch provides the real service with this
// signature; this minimal version only lets the WhatsApp/SMS webhook's tests run. Dropped at merge.
import "server-only";
import { and, desc, eq } from "drizzle-orm";
import type { Database } from "../../db/connect";
import { conversationMessages, conversations } from "../../db/schema";

export type ShopperMessage = { memberId: string; body: string; channel: "whatsapp" | "sms"; requestId: string; now: Date };

export async function receiveShopperMessage(db: Database, input: ShopperMessage): Promise<{ conversationId: string; messageId: number; duplicate: boolean }> {
  return db.transaction(async (tx) => {
    const [seen] = await tx
      .select({ conversationId: conversationMessages.conversationId, id: conversationMessages.id })
      .from(conversationMessages)
      .innerJoin(conversations, eq(conversations.id, conversationMessages.conversationId))
      .where(and(eq(conversations.memberId, input.memberId), eq(conversationMessages.requestId, input.requestId)));
    if (seen) return { conversationId: seen.conversationId, messageId: seen.id, duplicate: true };
    const whatsapp = input.channel === "whatsapp" ? { lastShopperWhatsappAt: input.now } : {};
    let [conversation] = await tx.select({ id: conversations.id }).from(conversations).where(eq(conversations.memberId, input.memberId)).orderBy(desc(conversations.lastMessageAt)).limit(1);
    if (conversation) await tx.update(conversations).set({ status: "open", channel: input.channel, lastMessageAt: input.now, ...whatsapp }).where(eq(conversations.id, conversation.id));
    else [conversation] = await tx.insert(conversations).values({ memberId: input.memberId, channel: input.channel, lastMessageAt: input.now, createdAt: input.now, ...whatsapp }).returning({ id: conversations.id });
    const [message] = await tx
      .insert(conversationMessages)
      .values({ conversationId: conversation!.id, author: "shopper", body: input.body, channel: input.channel, requestId: input.requestId, createdAt: input.now })
      .onConflictDoNothing()
      .returning({ id: conversationMessages.id });
    return { conversationId: conversation!.id, messageId: message?.id ?? 0, duplicate: !message };
  });
}
