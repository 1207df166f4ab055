import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { PROGRAM_ID } from "../db/program-id";
import { forgetProgramConfig } from "../db/queries/program";
import { replyRouteFacts } from "../db/queries/whatsapp";
import { campaigns, conversationMessages, conversations, members, notifications, programs } from "../db/schema";
import { describeEachDatabase, routesUse } from "../db/test-databases";
import { replyRoute } from "../loyalty/conversation-channel";
import { dispatchDueCampaigns } from "../server/campaigns";
import { deliverDueTexts } from "../sms/outbox-worker";
import { twilioSender } from "../sms/twilio";
import { receiveTwilioInbound } from "./inbound";
import { deliverDueWhatsapp } from "./outbox-worker";
import { twilioSignature } from "./signature";
import { twilioWhatsappSender } from "./twilio";

const ACCOUNT = `AC${"0123456789abcdef".repeat(2)}`;
const TOKEN = "twilio-test-token";
const WA_FROM = "whatsapp:+4915100000009";
const SMS_FROM = "+4915100000000";
const PUBLIC_URL = "https://treue.example";
const WEBHOOK = `${PUBLIC_URL}/api/twilio/inbound`;
const CONTENT_SID = `HX${"b".repeat(32)}`;
// WhatsApp and SMS are on for this process (the channel choice and the webhook read them).
process.env.TREUE_TWILIO_ACCOUNT_SID = ACCOUNT;
process.env.TREUE_TWILIO_AUTH_TOKEN = TOKEN;
process.env.TREUE_TWILIO_FROM = SMS_FROM;
process.env.TREUE_TWILIO_WHATSAPP_FROM = WA_FROM;
process.env.NEXTAUTH_URL = PUBLIC_URL;

/**
 * Twilio's Messages endpoint as its API reference and the Content Template Builder guide describe
 * it: POST /2010-04-01/Accounts/{AccountSid}/Messages.json, Basic auth, a form body; for WhatsApp
 * To and From carry "whatsapp:"; a template is ContentSid (HX…) with ContentVariables (a JSON
 * object) and no Body; free text (Body) outside the 24-hour window fails with 63016.
 * `windowOpen` is the stand-in's knowledge of which numbers wrote in the last 24 hours.
 */
type Sent = { to: string; from: string; body: string | null; contentSid: string | null; variables: Record<string, string> | null };
const sent: Sent[] = [];
const refused: { to: string; code: number }[] = [];
const windowOpen = new Set<string>();
const server = createServer((req: IncomingMessage, res) => {
  let raw = "";
  req.on("data", (chunk: Buffer) => (raw += chunk.toString("utf8")));
  req.on("end", () => {
    const reply = (status: number, json: object) => res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(json));
    const refuse = (to: string, code: number, message: string) => {
      refused.push({ to, code });
      reply(400, { code, message, status: 400 });
    };
    if (req.method !== "POST" || req.url !== `/2010-04-01/Accounts/${ACCOUNT}/Messages.json`) return reply(404, { code: 20404, message: "The requested resource was not found" });
    if (req.headers.authorization !== `Basic ${Buffer.from(`${ACCOUNT}:${TOKEN}`).toString("base64")}`) return reply(401, { code: 20003, message: "Authenticate" });
    if (!req.headers["content-type"]?.startsWith("application/x-www-form-urlencoded")) return reply(400, { code: 20001, message: "form body expected" });
    const form = new URLSearchParams(raw);
    const to = form.get("To") ?? "";
    const from = form.get("From") ?? "";
    if (!/^whatsapp:\+[1-9]\d{7,14}$/.test(to)) return refuse(to, 21211, "The 'To' number is not a valid WhatsApp address");
    if (from !== WA_FROM) return refuse(to, 63007, "Twilio could not find a Channel with the specified From address");
    const body = form.get("Body");
    const contentSid = form.get("ContentSid");
    const rawVariables = form.get("ContentVariables");
    if (rawVariables !== null && contentSid === null) return refuse(to, 21654, "A ContentSid must be specified if ContentVariables are provided");
    if (contentSid !== null && body !== null) return refuse(to, 21619, "A template is sent without Body");
    if (contentSid === null && body === null) return refuse(to, 21619, "A text message body or media urls must be specified");
    let variables: Record<string, string> | null = null;
    if (contentSid !== null) {
      if (!/^HX[0-9a-fA-F]{32}$/.test(contentSid)) return refuse(to, 21655, "The ContentSid is Invalid");
      try {
        variables = JSON.parse(rawVariables ?? "{}") as Record<string, string>;
      } catch {
        return refuse(to, 21656, "The ContentVariables Parameter is invalid");
      }
      if (typeof variables !== "object" || Object.values(variables).some((v) => typeof v !== "string" || v === "")) return refuse(to, 21656, "The ContentVariables Parameter is invalid");
    } else if (!windowOpen.has(to)) return refuse(to, 63016, "Failed to send freeform message because you are outside the allowed window");
    sent.push({ to, from, body, contentSid, variables });
    reply(201, { sid: `SM${String(sent.length).padStart(32, "0")}`, status: "queued", to, from });
  });
});
let apiBase = "";
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  apiBase = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** A request as Twilio sends it: the form, signed over the webhook URL and the sorted parameters. */
function inbound(params: Record<string, string>, { signature, url = WEBHOOK }: { signature?: string | null; url?: string } = {}): Request {
  const form = new URLSearchParams(params);
  const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" };
  const signed = signature === undefined ? twilioSignature(TOKEN, WEBHOOK, form) : signature;
  if (signed !== null) headers["x-twilio-signature"] = signed;
  // The app behind a proxy sees its internal address; Twilio signed the public one.
  return new Request(url.replace(PUBLIC_URL, "http://10.0.0.5:3000"), { method: "POST", headers, body: form.toString() });
}

const sid = (n: number) => `SM${n.toString(16).padStart(32, "0")}`;

describeEachDatabase("WhatsApp and text messages through Twilio", (db) => {
  const now = new Date("2027-03-10T11:00:00Z");
  const send = () => twilioWhatsappSender({ accountSid: ACCOUNT, authToken: TOKEN, from: WA_FROM, apiBase });
  let n = 0;
  async function member(values: Partial<typeof members.$inferInsert>) {
    const [m] = await db().insert(members).values({ email: `wa-${++n}@example.com`, emailVerified: now, locale: "de", ...values }).returning();
    return m!;
  }
  const wa = (phone: string) => ({ phone, whatsappConsentAt: now, whatsappConsentText: "Ja, ich möchte Nachrichten … per WhatsApp." });
  const messagesOf = (conversationId: string) => db().select().from(conversationMessages).where(eq(conversationMessages.conversationId, conversationId));

  beforeEach(async () => {
    sent.length = 0;
    refused.length = 0;
    windowOpen.clear();
    if (n > 0) return;
    await db().insert(programs).values({ id: PROGRAM_ID, name: "Gipfelglück" });
    forgetProgramConfig(db());
  });

  it("sends a campaign to a WhatsApp member as its approved template, and one without a template by their next channel", async () => {
    // Both confirmed offers by e-mail (campaigns are marketing).
    const anna = await member({ name: "Anna", pointsBalance: 120, marketingMailConfirmedAt: now, ...wa("+491511110001") });
    const ben = await member({ name: "Ben", pointsBalance: 120, marketingMailConfirmedAt: now }); // no WhatsApp: e-mail
    const segment = { pointsMin: 120, pointsMax: 120 };
    const message = { de: { title: "Frühling", body: "Doppelte Punkte" } };
    const [withTemplate] = await db()
      .insert(campaigns)
      .values({ name: "Frühling", message, segment, scheduledAt: now, createdAt: now, whatsappContentSid: CONTENT_SID, whatsappVariables: { "1": "{name}", "2": "{points} Punkte" } })
      .returning();
    await dispatchDueCampaigns(db(), now);
    const queued = await db().select().from(notifications).where(eq(notifications.source, `campaign:${withTemplate!.id}`));
    expect(queued.find((q) => q.memberId === anna.id)?.channel).toBe("whatsapp");
    expect(queued.find((q) => q.memberId === ben.id)?.channel).toBe("email");

    expect(await deliverDueWhatsapp(db(), send(), { now })).toMatchObject({ sent: 1, failed: 0 });
    expect(sent).toEqual([{ to: "whatsapp:+491511110001", from: WA_FROM, body: null, contentSid: CONTENT_SID, variables: { "1": "Anna", "2": "120 Punkte" } }]);
    expect(refused).toEqual([]);

    // The same member, a campaign without a template: never WhatsApp, never free text; e-mail instead.
    const later = new Date(now.getTime() + 60_000);
    const [plain] = await db().insert(campaigns).values({ name: "Ohne Vorlage", message, segment, scheduledAt: later, createdAt: later }).returning();
    await dispatchDueCampaigns(db(), later);
    const [annaPlain] = await db().select().from(notifications).where(and(eq(notifications.source, `campaign:${plain!.id}`), eq(notifications.memberId, anna.id)));
    expect(annaPlain?.channel).toBe("email");
    expect((await deliverDueWhatsapp(db(), send(), { now: later })).sent).toBe(0);
    expect(sent).toHaveLength(1);
  });

  it("takes a signed message into the member's conversation once, and answers inside the window as free text", async () => {
    const clara = await member({ name: "Clara", ...wa("+491511110002") });
    const response = await receiveTwilioInbound(db(), inbound({ MessageSid: sid(1), From: "whatsapp:+491511110002", To: WA_FROM, Body: "Wo ist mein Gutschein?", NumMedia: "0", ProfileName: "Clara" }), now);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/xml");
    expect(await response.text()).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
    // Twilio re-delivers the same message: stored once.
    await receiveTwilioInbound(db(), inbound({ MessageSid: sid(1), From: "whatsapp:+491511110002", To: WA_FROM, Body: "Wo ist mein Gutschein?", NumMedia: "0", ProfileName: "Clara" }), now);
    const [conversation] = await db().select().from(conversations).where(eq(conversations.memberId, clara.id));
    expect(conversation).toMatchObject({ channel: "whatsapp", lastShopperWhatsappAt: now });
    const thread = await messagesOf(conversation!.id);
    expect(thread).toHaveLength(1);
    expect(thread[0]).toMatchObject({ author: "shopper", channel: "whatsapp", body: "Wo ist mein Gutschein?", requestId: sid(1) });

    // Staff answer an hour later: inside the window, by WhatsApp as free text.
    const inAnHour = new Date(now.getTime() + 3_600_000);
    const [answer] = await db().insert(conversationMessages).values({ conversationId: conversation!.id, author: "staff", body: "Er liegt in deiner Wallet.", channel: "whatsapp", createdAt: inAnHour }).returning();
    const facts = await replyRouteFacts(db(), conversation!.id);
    expect(replyRoute({ ...facts!, whatsappConfigured: true, smsConfigured: true }, inAnHour)).toBe("whatsapp");
    await db().insert(notifications).values({ memberId: clara.id, category: "points", channel: "whatsapp", kind: "conversation_reply", params: { conversationId: conversation!.id, messageId: answer!.id }, url: "/help", dedupeKey: `reply:${answer!.id}`, nextAttemptAt: inAnHour, createdAt: inAnHour });
    windowOpen.add("whatsapp:+491511110002");
    expect(await deliverDueWhatsapp(db(), send(), { now: inAnHour })).toMatchObject({ sent: 1 });
    expect(sent).toEqual([{ to: "whatsapp:+491511110002", from: WA_FROM, body: "Er liegt in deiner Wallet.", contentSid: null, variables: null }]);
    const [stored] = await db().select().from(conversationMessages).where(eq(conversationMessages.id, answer!.id));
    expect(stored!.providerId).toMatch(/^SM/);
  });

  it("sends a reply by e-mail instead once the 24-hour window has closed, never as free text", async () => {
    const dora = await member({ name: "Dora", ...wa("+491511110003") });
    await receiveTwilioInbound(db(), inbound({ MessageSid: sid(2), From: "whatsapp:+491511110003", To: WA_FROM, Body: "Hallo?", NumMedia: "0" }), now);
    const [conversation] = await db().select().from(conversations).where(eq(conversations.memberId, dora.id));
    const dayLater = new Date(now.getTime() + 25 * 3_600_000);
    const [answer] = await db().insert(conversationMessages).values({ conversationId: conversation!.id, author: "staff", body: "Entschuldige die Wartezeit.", createdAt: dayLater }).returning();
    // Queued while the window was open, sent after it closed.
    await db().insert(notifications).values({ memberId: dora.id, category: "points", channel: "whatsapp", kind: "conversation_reply", params: { conversationId: conversation!.id, messageId: answer!.id }, url: "/help", dedupeKey: `reply:${answer!.id}`, nextAttemptAt: now, createdAt: now });
    expect(replyRoute({ ...(await replyRouteFacts(db(), conversation!.id))!, whatsappConfigured: true, smsConfigured: true }, dayLater)).toBe("email");
    expect(await deliverDueWhatsapp(db(), send(), { now: dayLater })).toMatchObject({ sent: 0, rerouted: 1 });
    expect(sent).toEqual([]);
    expect(refused).toEqual([]);
    const [row] = await db().select().from(notifications).where(eq(notifications.dedupeKey, `reply:${answer!.id}`));
    expect(row).toMatchObject({ channel: "email", status: "pending" });
  });

  it("stops WhatsApp at once on STOP and starts it again on START, answering in the member's language", async () => {
    const emil = await member({ name: "Emil", locale: "en", ...wa("+491511110004") });
    const stop = await receiveTwilioInbound(db(), inbound({ MessageSid: sid(3), From: "whatsapp:+491511110004", To: WA_FROM, Body: "  stop ", NumMedia: "0" }), now);
    expect(await stop.text()).toContain("<Message>You will no longer get messages from us on WhatsApp.");
    let [row] = await db().select().from(members).where(eq(members.id, emil.id));
    expect(row).toMatchObject({ whatsappConsentAt: null, whatsappConsentText: null, phone: "+491511110004" });
    expect(await db().select().from(conversations).where(eq(conversations.memberId, emil.id))).toEqual([]); // a keyword is no message

    const later = new Date(now.getTime() + 60_000);
    const start = await receiveTwilioInbound(db(), inbound({ MessageSid: sid(4), From: "whatsapp:+491511110004", To: WA_FROM, Body: "Start", NumMedia: "0" }), later);
    expect(await start.text()).toContain("<Message>Welcome back");
    [row] = await db().select().from(members).where(eq(members.id, emil.id));
    expect(row).toMatchObject({ whatsappConsentAt: later, whatsappConsentText: "START" });
  });

  it("stops texts on STOPP by SMS, and leaves WhatsApp as it was", async () => {
    const frida = await member({ phone: "+491511110005", smsConsentAt: now, whatsappConsentAt: now, whatsappConsentText: "…" });
    const stop = await receiveTwilioInbound(db(), inbound({ MessageSid: sid(5), From: "+491511110005", To: SMS_FROM, Body: "STOPP", NumMedia: "0" }), now);
    expect(await stop.text()).toContain("<Message>Du bekommst von uns keine SMS mehr.");
    const [row] = await db().select().from(members).where(eq(members.id, frida.id));
    expect(row).toMatchObject({ smsConsentAt: null, whatsappConsentAt: now });
  });

  it("refuses a forged or unsigned request with 403 and changes nothing", async () => {
    const gerd = await member(wa("+491511110006"));
    routesUse(db());
    const { POST } = await import("../../app/api/twilio/inbound/route");
    const params = { MessageSid: sid(6), From: "whatsapp:+491511110006", To: WA_FROM, Body: "STOP", NumMedia: "0" };
    const forged = twilioSignature("someone-elses-token", WEBHOOK, new URLSearchParams(params));
    expect((await POST(inbound(params, { signature: forged }))).status).toBe(403);
    expect((await POST(inbound(params, { signature: null }))).status).toBe(403);
    // Signed, but for other parameters than the ones sent (a changed body).
    const tampered = inbound({ ...params, Body: "Hallo" }, { signature: twilioSignature(TOKEN, WEBHOOK, new URLSearchParams(params)) });
    expect((await POST(tampered)).status).toBe(403);
    const [row] = await db().select().from(members).where(eq(members.id, gerd.id));
    expect(row!.whatsappConsentAt).toEqual(now);
    expect(await db().select().from(conversations).where(eq(conversations.memberId, gerd.id))).toEqual([]);
    // The same request, signed with the account's token, acts (through the route, as Twilio calls it).
    expect((await POST(inbound(params))).status).toBe(200);
    const [after] = await db().select().from(members).where(eq(members.id, gerd.id));
    expect(after!.whatsappConsentAt).toBeNull();
  });

  it("answers a number no member has with an empty response and stores nothing", async () => {
    const before = await db().select().from(conversationMessages);
    const response = await receiveTwilioInbound(db(), inbound({ MessageSid: sid(7), From: "whatsapp:+491519999999", To: WA_FROM, Body: "Wer bist du?", NumMedia: "0" }), now);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
    expect(await db().select().from(conversationMessages)).toHaveLength(before.length);
  });

  it("sends a reply to a conversation started by text as the reply's own words", async () => {
    const hanna = await member({ phone: "+491511110008", smsConsentAt: now });
    await receiveTwilioInbound(db(), inbound({ MessageSid: sid(8), From: "+491511110008", To: SMS_FROM, Body: "Punkte fehlen", NumMedia: "0" }), now);
    const [conversation] = await db().select().from(conversations).where(eq(conversations.memberId, hanna.id));
    expect(conversation!.channel).toBe("sms");
    const [answer] = await db().insert(conversationMessages).values({ conversationId: conversation!.id, author: "staff", body: "Sind nachgetragen.", createdAt: now }).returning();
    await db().insert(notifications).values({ memberId: hanna.id, category: "points", channel: "sms", kind: "conversation_reply", params: { conversationId: conversation!.id, messageId: answer!.id }, url: "/help", dedupeKey: `reply:${answer!.id}`, nextAttemptAt: now, createdAt: now });
    const texts: { to: string; body: string }[] = [];
    const textServer = twilioSender({ accountSid: ACCOUNT, authToken: TOKEN, from: SMS_FROM, apiBase }, async (_url, init) => {
      const form = new URLSearchParams(String(init?.body));
      texts.push({ to: form.get("To")!, body: form.get("Body")! });
      return new Response(JSON.stringify({ sid: `SM${"c".repeat(32)}` }), { status: 201 });
    });
    expect(await deliverDueTexts(db(), textServer, { now })).toMatchObject({ sent: 1 });
    expect(texts).toEqual([{ to: "+491511110008", body: "Sind nachgetragen." }]);
  });

  it("sends one message once when two workers run at the same time", async () => {
    const ida = await member({ name: "Ida", pointsBalance: 333, ...wa("+491511110009") });
    const [campaign] = await db()
      .insert(campaigns)
      .values({ name: "Parallel", message: { de: { title: "T", body: "B" } }, segment: { pointsMin: 333, pointsMax: 333 }, scheduledAt: now, createdAt: now, whatsappContentSid: CONTENT_SID, whatsappVariables: { "1": "{name}" } })
      .returning();
    await dispatchDueCampaigns(db(), now);
    const [queued] = await db().select().from(notifications).where(and(eq(notifications.source, `campaign:${campaign!.id}`), eq(notifications.memberId, ida.id)));
    expect(queued!.channel).toBe("whatsapp");
    const reports = await Promise.all([deliverDueWhatsapp(db(), send(), { now }), deliverDueWhatsapp(db(), send(), { now }), deliverDueWhatsapp(db(), send(), { now })]);
    expect(reports.reduce((sum, r) => sum + r.sent, 0)).toBe(1);
    expect(sent.filter((s) => s.to === "whatsapp:+491511110009")).toHaveLength(1);
  });
});
