// Support conversations on both databases: a shopper's question answered by the assistant, handed
// to a person, answered by staff (the shopper told once, on the route the rules pick), resolved
// with points (ledger, audit); retried sends; a claim; WhatsApp's inbound path; one reply sent
// once by two workers; another shopper's conversation is not found; bad input writes nothing.
import { and, eq } from "drizzle-orm";
import { createTranslator } from "use-intl/core";
import { beforeAll, expect, it, vi } from "vitest";
import de from "../../i18n/messages/de.json";
import { findLedgerMismatches } from "../../db/ledger-audit";
import { inboxCounts, listInbox } from "../../db/queries/conversations-inbox";
import { listMemberConversations, listThread, memberThreadVersion } from "../../db/queries/conversations";
import { saveSubscription } from "../../db/queries/notifications";
import { DEMO_CAMPER, DEMO_SHOPPER, DEMO_OWNER, seedDemo } from "../../db/seed-demo";
import { auditLog, conversationMessages, conversations, ledgerEntries, members, notifications } from "../../db/schema";
import { describeEachDatabase, routesUse } from "../../db/test-databases";
import { AppError } from "../../errors";
import { deliverDueNotifications } from "../../push/outbox-worker";
import type { PushSender } from "../../push/sender";
import { renderPush } from "../../push/render";
import { parseAssistantRecord, parseSystemLine } from "../../loyalty/conversation-lines";
import { addInternalNote, assignConversation, handOverToPerson, receiveShopperMessage, replyToConversation, resolveWithPoints, sendShopperMessage, setConversationClosed, submitClaim } from ".";

const signedIn = vi.hoisted(() => ({ memberId: null as string | null }));
vi.mock("../../auth/session", () => ({ currentMemberId: async () => signedIn.memberId }));
vi.mock("next-intl/server", () => ({
  getLocale: async () => "de",
  getTranslations: async (namespace: string) => createTranslator({ locale: "de", messages: de, namespace: namespace as "errors" }),
}));

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const keys = { p256dh: "B".padEnd(87, "x"), auth: "a".repeat(22) };

describeEachDatabase("support conversations", (db, kind) => {
  const now = new Date("2026-11-22T10:00:00Z");
  const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
  let n = 0;
  const byEmail = async (email: string) => (await db().select().from(members).where(eq(members.email, email)))[0]!;
  const staff = async () => {
    const m = await byEmail(DEMO_OWNER.email);
    return { id: m.id, email: m.email, role: m.role };
  };
  const thread = (id: string) => listThread(db(), id, { internal: true });
  const refusal = async (work: Promise<unknown>) => {
    const error = await work.then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    return (error as AppError).key;
  };
  async function shopper(opts: { push?: boolean } = {}) {
    const k = ++n;
    const [m] = await db().insert(members).values({ email: `talk-${k}@example.com`, name: `Kim ${k}`, emailVerified: now, locale: "de" }).returning({ id: members.id });
    if (opts.push) await saveSubscription(db(), m!.id, { endpoint: `https://push.example/talk/${k}`, ...keys });
    return m!.id;
  }

  beforeAll(async () => {
    await seedDemo(db(), now);
  });

  it("goes from the first question to a resolution with points: assistant, hand-over, reply, points, closed", async () => {
    const memberId = await shopper({ push: true });
    const asked = await sendShopperMessage(db(), { memberId, body: "Wie viele Punkte habe ich?", requestId: uuid(1), locale: "de" }, now);
    expect(asked.duplicate).toBe(false);
    let messages = await thread(asked.conversationId);
    expect(messages.map((m) => m.author)).toEqual(["shopper", "assistant"]);
    expect(messages[1]!.body).toMatch(/\d/);
    expect(parseAssistantRecord(messages[1]!.assistantLog).actions).toContainEqual({ kind: "handover" });
    // The assistant is still answering: not in staff's inbox yet.
    expect((await listInbox(db(), "unassigned", (await staff()).id)).map((c) => c.id)).not.toContain(asked.conversationId);

    await handOverToPerson(db(), memberId, asked.conversationId, at(1));
    await handOverToPerson(db(), memberId, asked.conversationId, at(2));
    messages = await thread(asked.conversationId);
    expect(messages.filter((m) => m.author === "system").map((m) => parseSystemLine(m.body).kind)).toEqual(["handover"]);
    const team = await staff();
    expect((await listInbox(db(), "unassigned", team.id)).map((c) => c.id)).toContain(asked.conversationId);
    // After the hand-over the assistant keeps quiet: the next message waits for a person.
    await sendShopperMessage(db(), { memberId, conversationId: asked.conversationId, body: "Hallo?", requestId: uuid(2) }, at(3));
    expect((await thread(asked.conversationId)).at(-1)).toMatchObject({ author: "shopper", body: "Hallo?" });

    await assignConversation(db(), team, { conversationId: asked.conversationId, assigneeId: team.id }, at(4));
    expect((await listInbox(db(), "mine", team.id)).map((c) => c.id)).toContain(asked.conversationId);
    await addInternalNote(db(), team, { conversationId: asked.conversationId, body: "Bestellung prüfen" }, at(5));
    const reply = await replyToConversation(db(), team, { conversationId: asked.conversationId, body: "Ich sehe nach und melde mich.", requestId: uuid(3) }, at(10));
    expect(await replyToConversation(db(), team, { conversationId: asked.conversationId, body: "Ich sehe nach und melde mich.", requestId: uuid(3) }, at(11))).toEqual({ messageId: 0, duplicate: true });
    await replyToConversation(db(), team, { conversationId: asked.conversationId, body: "Noch etwas?", requestId: uuid(4) }, at(20));
    const [waiting] = await db().select().from(conversations).where(eq(conversations.id, asked.conversationId));
    expect(waiting).toMatchObject({ status: "waiting", handedOverAt: at(1), firstResponseAt: at(10), assigneeId: team.id });
    const [told] = await db().select().from(notifications).where(and(eq(notifications.memberId, memberId), eq(notifications.dedupeKey, `conversation-reply:${reply.messageId}`)));
    expect(told).toMatchObject({ kind: "conversation_reply", channel: "push", url: `/help/${asked.conversationId}`, params: { conversationId: asked.conversationId, messageId: reply.messageId } });
    expect(renderPush({ id: told!.id, kind: told!.kind, params: told!.params, url: told!.url }, "de").title).not.toBe(renderPush({ id: "x", kind: "unknown", params: {}, url: "/" }, "de").title);
    // The shopper never sees the team's note.
    expect((await listThread(db(), asked.conversationId, { internal: false })).some((m) => m.internal)).toBe(false);

    const resolve = { conversationId: asked.conversationId, points: 120, reason: "Bestellung 4711 nachgetragen", requestId: uuid(5) };
    expect(await resolveWithPoints(db(), team, resolve, at(30))).toEqual({ balance: 120, duplicate: false });
    expect(await resolveWithPoints(db(), team, resolve, at(31))).toMatchObject({ duplicate: true });
    const [closed] = await db().select().from(conversations).where(eq(conversations.id, asked.conversationId));
    expect(closed).toMatchObject({ status: "closed", pointsGranted: 120, resolvedAt: at(30), resolvedBy: team.id });
    const ledger = await db().select().from(ledgerEntries).where(eq(ledgerEntries.memberId, memberId));
    expect(ledger.map((l) => [l.kind, l.delta, l.note])).toEqual([["adjust", 120, "Bestellung 4711 nachgetragen"]]);
    expect((await byEmail(`talk-${n}@example.com`)).pointsBalance).toBe(120);
    const audit = await db().select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.target, `member:${memberId}`)).orderBy(auditLog.id);
    expect(audit.map((a) => a.action)).toEqual(["conversation.assign", "conversation.note", "conversation.reply", "conversation.reply", "member.adjust", "conversation.resolve"]);
    expect(await db().$count(notifications, and(eq(notifications.memberId, memberId), eq(notifications.kind, "conversation_reply")))).toBe(3);
    expect(await findLedgerMismatches(db())).toEqual([]);

    // Reopened by staff, it is back in the inbox; a second close is refused with words.
    await setConversationClosed(db(), team, { conversationId: asked.conversationId, closed: false }, at(40));
    expect(await refusal(setConversationClosed(db(), team, { conversationId: asked.conversationId, closed: false }, at(41)))).toBe("conversationOpen");
  });

  it("stores a retried send once and answers it once", async () => {
    const memberId = await shopper();
    const first = await sendShopperMessage(db(), { memberId, body: "Wann verfallen meine Punkte?", requestId: uuid(20) }, now);
    const again = await sendShopperMessage(db(), { memberId, body: "Wann verfallen meine Punkte?", requestId: uuid(20) }, at(1));
    expect(again).toEqual({ ...first, duplicate: true });
    const all = await Promise.all([1, 2, 3].map(() => sendShopperMessage(db(), { memberId, conversationId: first.conversationId, body: "Und Gold?", requestId: uuid(21) }, at(2))));
    expect(new Set(all.map((s) => s.messageId)).size).toBe(1);
    expect((await thread(first.conversationId)).map((m) => m.author)).toEqual(["shopper", "assistant", "shopper", "assistant"]);
  });

  it("opens a claim for an order, in staff's inbox at once, once per order", async () => {
    const memberId = await shopper();
    const claim = await submitClaim(db(), memberId, { orderNumber: "A-1077", orderDate: "2026-11-18", message: "Keine Punkte bekommen" }, now);
    expect(await submitClaim(db(), memberId, { orderNumber: "A-1077", orderDate: "2026-11-18" }, at(1))).toEqual({ conversationId: claim.conversationId, duplicate: true });
    const [row] = await db().select().from(conversations).where(eq(conversations.id, claim.conversationId));
    expect(row).toMatchObject({ orderNumber: "A-1077", orderDate: "2026-11-18", handedOverAt: now, status: "open" });
    expect((await thread(claim.conversationId)).map((m) => m.author)).toEqual(["system", "shopper"]);
    expect((await listInbox(db(), "unassigned", (await staff()).id)).find((c) => c.id === claim.conversationId)).toMatchObject({ orderNumber: "A-1077", preview: "Keine Punkte bekommen" });
  });

  it("takes WhatsApp messages into the open conversation, reopens a recent closed one, starts anew after 7 days", async () => {
    const memberId = await shopper();
    const first = await receiveShopperMessage(db(), { memberId, body: "Hallo, wo ist mein Gutschein?", channel: "whatsapp", requestId: "SM0001", now });
    expect(await receiveShopperMessage(db(), { memberId, body: "Hallo, wo ist mein Gutschein?", channel: "whatsapp", requestId: "SM0001", now: at(1) })).toEqual({ ...first, duplicate: true });
    const [row] = await db().select().from(conversations).where(eq(conversations.id, first.conversationId));
    expect(row).toMatchObject({ channel: "whatsapp", handedOverAt: now, lastShopperWhatsappAt: now, status: "open" });
    const team = await staff();
    await setConversationClosed(db(), team, { conversationId: first.conversationId, closed: true }, at(5));
    const second = await receiveShopperMessage(db(), { memberId, body: "Noch eine Frage", channel: "sms", requestId: "SM0002", now: at(60) });
    expect(second.conversationId).toBe(first.conversationId);
    await setConversationClosed(db(), team, { conversationId: first.conversationId, closed: true }, at(61));
    const third = await receiveShopperMessage(db(), { memberId, body: "Wieder da", channel: "sms", requestId: "SM0003", now: at(61 + 8 * 24 * 60) });
    expect(third.conversationId).not.toBe(first.conversationId);
    expect(await db().$count(conversationMessages, eq(conversationMessages.requestId, "SM0001"))).toBe(1);
  });

  it("refuses an empty or too long message and a conversation that is not the shopper's, writing nothing", async () => {
    const owner = await shopper();
    const other = await shopper();
    const mine = await sendShopperMessage(db(), { memberId: owner, body: "Wie viele Punkte habe ich?", requestId: uuid(40) }, now);
    const before = await db().$count(conversationMessages);
    expect(await refusal(sendShopperMessage(db(), { memberId: owner, body: "   ", requestId: uuid(41) }, now))).toBe("messageEmpty");
    expect(await refusal(sendShopperMessage(db(), { memberId: owner, body: "x".repeat(4001), requestId: uuid(42) }, now))).toBe("messageTooLong");
    expect(await refusal(sendShopperMessage(db(), { memberId: other, conversationId: mine.conversationId, body: "Hallo", requestId: uuid(43) }, now))).toBe("conversationNotFound");
    expect(await refusal(handOverToPerson(db(), other, mine.conversationId, now))).toBe("conversationNotFound");
    expect(await db().$count(conversationMessages)).toBe(before);

    // Through the app's route: someone else's thread is 404, an empty message 422 with words.
    routesUse(db());
    const { GET } = await import("../../../app/api/me/conversations/[id]/route");
    const { POST } = await import("../../../app/api/me/conversations/route");
    signedIn.memberId = other;
    const read = await GET(new Request(`https://treue.example/api/me/conversations/${mine.conversationId}`), { params: Promise.resolve({ id: mine.conversationId }) });
    expect(read.status).toBe(404);
    signedIn.memberId = owner;
    const own = await GET(new Request(`https://treue.example/api/me/conversations/${mine.conversationId}?after=0`), { params: Promise.resolve({ id: mine.conversationId }) });
    expect(own.status).toBe(200);
    expect(((await own.json()) as { messages: { author: string }[] }).messages.map((m) => m.author)).toEqual(["shopper", "assistant"]);
    const form = new FormData();
    form.set("body", "  ");
    form.set("requestId", uuid(44));
    const empty = await POST(new Request("https://treue.example/api/me/conversations", { method: "POST", body: form }));
    expect(empty.status).toBe(422);
    expect(((await empty.json()) as { detail: string }).detail).toBe(de.errors.messageEmpty);
    expect(await db().$count(conversationMessages)).toBe(before);
    signedIn.memberId = null;
  });

  it("lists the shopper's conversations with their latest words, and the version an open thread polls", async () => {
    const memberId = await shopper({ push: false });
    const asked = await sendShopperMessage(db(), { memberId, body: "Wo ist mein Gutschein?", requestId: uuid(70), locale: "de" }, now);
    const [item] = await listMemberConversations(db(), memberId);
    expect(item).toMatchObject({ id: asked.conversationId, lastAuthor: "assistant" });
    expect(item!.preview).toBeTruthy();
    const seen = await thread(asked.conversationId);
    expect(await memberThreadVersion(db(), memberId, asked.conversationId)).toEqual({ lastId: seen.at(-1)!.id, status: "open" });
    expect(await memberThreadVersion(db(), (await byEmail(DEMO_CAMPER.email)).id, asked.conversationId)).toBeUndefined();
  });

  it("gives the demo shoppers' team one inbox count per tab", async () => {
    const counts = await inboxCounts(db(), (await staff()).id);
    expect(counts.unassigned).toBeGreaterThan(0);
    expect(await byEmail(DEMO_SHOPPER.email)).toBeTruthy();
    expect(await byEmail(DEMO_CAMPER.email)).toBeTruthy();
  });

  it.runIf(kind === "postgres")("sends one reply once when two workers run at once", async () => {
    await db().update(notifications).set({ status: "sent" }).where(eq(notifications.status, "pending"));
    const memberId = await shopper({ push: true });
    const claim = await submitClaim(db(), memberId, { orderNumber: "W-1", orderDate: "2026-11-20" }, now);
    const team = await staff();
    await Promise.all([1, 2].map(() => replyToConversation(db(), team, { conversationId: claim.conversationId, body: "Erledigt, schau nach.", requestId: uuid(60) }, at(1))));
    expect(await db().$count(notifications, and(eq(notifications.memberId, memberId), eq(notifications.kind, "conversation_reply")))).toBe(1);
    const sent: string[] = [];
    const slow: PushSender = async (target) => {
      sent.push(target.endpoint);
      await new Promise((r) => setTimeout(r, 50));
      return { outcome: "delivered" };
    };
    const reports = await Promise.all([1, 2].map(() => deliverDueNotifications(db(), slow, { now: at(2) })));
    expect(reports.reduce((sum, r) => sum + r.sent, 0)).toBe(1);
    expect(sent).toEqual([`https://push.example/talk/${n}`]);
  });
});
