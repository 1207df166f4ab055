// The shopper's list of conversations (Hilfe, History's claims, GET /api/me/conversations) and an
// open thread's version, on both databases: each row's latest visible message is its own.
import { expect, it } from "vitest";
import { conversationMessages, conversations, members } from "../schema";
import { describeEachDatabase } from "../test-databases";
import { listMemberConversations, memberThreadVersion } from "./conversations";

describeEachDatabase("a shopper's conversations", (db) => {
  it("lists each conversation with its own latest message the shopper may see, newest first", async () => {
    const [anna, ben] = await db().insert(members).values([{ email: "anna@example.com" }, { email: "ben@example.com" }]).returning({ id: members.id });
    const [older, newer, other] = await db()
      .insert(conversations)
      .values([
        { memberId: anna!.id, lastMessageAt: new Date("2026-11-01T10:00:00Z") },
        { memberId: anna!.id, orderNumber: "A-100", handedOverAt: new Date("2026-11-02T10:00:00Z"), lastMessageAt: new Date("2026-11-02T10:00:00Z") },
        { memberId: ben!.id, lastMessageAt: new Date("2026-11-03T10:00:00Z") },
      ])
      .returning({ id: conversations.id });
    const messages = await db()
      .insert(conversationMessages)
      .values([
        { conversationId: older!.id, author: "shopper", body: "Wann verfallen meine Punkte?" },
        { conversationId: older!.id, author: "assistant", body: "Am 1. März verfallen 40 Punkte." },
        { conversationId: newer!.id, author: "shopper", body: "Bestellung A-100 fehlt." },
        { conversationId: newer!.id, author: "staff", body: "Nur fürs Team.", internal: true },
        { conversationId: other!.id, author: "shopper", body: "Bens Frage" },
      ])
      .returning({ id: conversationMessages.id });

    const list = await listMemberConversations(db(), anna!.id);
    expect(list.map((c) => [c.id, c.orderNumber, c.preview, c.lastAuthor])).toEqual([
      [newer!.id, "A-100", "Bestellung A-100 fehlt.", "shopper"],
      [older!.id, null, "Am 1. März verfallen 40 Punkte.", "assistant"],
    ]);
    expect(await memberThreadVersion(db(), anna!.id, newer!.id)).toEqual({ lastId: messages[2]!.id, status: "open" });
    expect(await memberThreadVersion(db(), anna!.id, other!.id)).toBeUndefined();
  });
});
