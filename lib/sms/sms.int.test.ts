import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { PROGRAM_ID } from "../db/program-id";
import { enqueueNotification } from "../db/queries/notifications";
import { forgetProgramConfig } from "../db/queries/program";
import { members, notifications, programs } from "../db/schema";
import { describeEachDatabase } from "../db/test-databases";
import { normalisePhone } from "./provider";
import { deliverDueTexts } from "./outbox-worker";
import { twilioSender } from "./twilio";

const ACCOUNT = `AC${"0123456789abcdef".repeat(2)}`;
const TOKEN = "twilio-test-token";
// SMS is on for this process (the channel choice reads it); the API base is the local stand-in below.
process.env.TREUE_TWILIO_ACCOUNT_SID = ACCOUNT;
process.env.TREUE_TWILIO_AUTH_TOKEN = TOKEN;
process.env.TREUE_TWILIO_FROM = "+4915100000000";

/**
 * Twilio's Messages endpoint as its API reference describes it: POST to
 * /2010-04-01/Accounts/{AccountSid}/Messages.json with Basic auth and a form body (To, From, Body);
 * 201 and the message resource, or 400 with error code 21211 for a number that is not valid.
 */
type Received = { to: string; from: string; body: string };
const received: Received[] = [];
let answerNext: ((r: Received) => { status: number; json: object }) | null = null;
const server = createServer((req: IncomingMessage, res) => {
  let raw = "";
  req.on("data", (chunk: Buffer) => (raw += chunk.toString("utf8")));
  req.on("end", () => {
    const reply = (status: number, json: object) => res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(json));
    if (req.method !== "POST" || req.url !== `/2010-04-01/Accounts/${ACCOUNT}/Messages.json`) return reply(404, { code: 20404, message: "The requested resource was not found" });
    if (req.headers.authorization !== `Basic ${Buffer.from(`${ACCOUNT}:${TOKEN}`).toString("base64")}`) return reply(401, { code: 20003, message: "Authenticate" });
    if (!req.headers["content-type"]?.startsWith("application/x-www-form-urlencoded")) return reply(400, { code: 20001, message: "form body expected" });
    const form = new URLSearchParams(raw);
    const message = { to: form.get("To") ?? "", from: form.get("From") ?? "", body: form.get("Body") ?? "" };
    if (!message.to || !message.from || !message.body) return reply(400, { code: 21604, message: "A 'To', 'From' and 'Body' are required" });
    const answer = answerNext?.(message);
    answerNext = null;
    if (answer) return reply(answer.status, answer.json);
    received.push(message);
    reply(201, { sid: `SM${"a".repeat(32)}`, status: "queued", to: message.to, from: message.from, body: message.body });
  });
});
let apiBase = "";
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  apiBase = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describeEachDatabase("text messages through Twilio", (db) => {
  const now = new Date("2027-03-10T11:00:00Z");
  let n = 0;
  const send = () => twilioSender({ accountSid: ACCOUNT, authToken: TOKEN, from: "+4915100000000", apiBase });
  async function member(values: Partial<typeof members.$inferInsert>) {
    const [m] = await db().insert(members).values({ email: `sms-${++n}@example.com`, emailVerified: now, locale: "de", ...values }).returning();
    return m!;
  }
  const tierUp = (memberId: string, key: string) =>
    enqueueNotification(db(), { memberId, category: "tier", kind: "tier_up", params: { tier_de: "Gold", tier_en: "Gold" }, url: "/tiers", dedupeKey: key, at: now, channels: "push-or-email" });

  beforeEach(async () => {
    if (n > 0) return;
    await db().insert(programs).values({ id: PROGRAM_ID, name: "Gipfelglück" });
    forgetProgramConfig(db());
  });

  it("texts a member who asked for texts instead of e-mail, as Twilio documents the request", async () => {
    received.length = 0; // each database's run counts its own
    const texter = await member({ phone: "+491511234567", smsConsentAt: now });
    const mailer = await member({ phone: "+491517654321" }); // a number, but no opt-in: e-mail
    await tierUp(texter.id, "t1");
    await tierUp(mailer.id, "t1");
    const channels = await db().select({ memberId: notifications.memberId, channel: notifications.channel }).from(notifications);
    expect(channels.find((c) => c.memberId === texter.id)?.channel).toBe("sms");
    expect(channels.find((c) => c.memberId === mailer.id)?.channel).toBe("email");

    const report = await Promise.all([deliverDueTexts(db(), send(), { now }), deliverDueTexts(db(), send(), { now })]);
    expect(report.reduce((sum, r) => sum + r.sent, 0)).toBe(1);
    const text = received.find((r) => r.to === "+491511234567")!;
    expect(text.from).toBe("+4915100000000");
    expect(text.body).toMatch(/^Willkommen im Status Gold! – Deine neuen Vorteile gelten ab sofort\. http:\/\/localhost:\d+\/api\/mail\/click\/k\./);
    expect(received.filter((r) => r.to === "+491511234567")).toHaveLength(1);
  });

  it("gives up on a number Twilio calls invalid and retries when Twilio is busy", async () => {
    const invalid = await member({ phone: "+491510000001", smsConsentAt: now });
    await tierUp(invalid.id, "t2");
    answerNext = () => ({ status: 400, json: { code: 21211, message: "The 'To' number +491510000001 is not a valid phone number." } });
    expect(await deliverDueTexts(db(), send(), { now })).toMatchObject({ failed: 1 });
    const busy = await member({ phone: "+491510000002", smsConsentAt: now });
    await tierUp(busy.id, "t3");
    answerNext = () => ({ status: 429, json: { code: 20429, message: "Too Many Requests" } });
    expect(await deliverDueTexts(db(), send(), { now })).toMatchObject({ retrying: 1 });
    const [row] = await db().select().from(notifications).where(eq(notifications.memberId, busy.id));
    expect(row!.lastError).toContain("Twilio 429 20429");
    expect((await deliverDueTexts(db(), send(), { now: new Date(now.getTime() + 10 * 60_000) })).sent).toBe(1);
  });

  it("refuses a wrong account's credentials without sending", async () => {
    const result = await twilioSender({ accountSid: ACCOUNT, authToken: "wrong", from: "+4915100000000", apiBase })("+491511234567", "Hallo");
    expect(result).toMatchObject({ outcome: "retry", error: expect.stringContaining("401") });
  });
});

it("reads German ways of writing a mobile number as E.164", () => {
  expect(normalisePhone("0151 2345 678")).toBe("+491512345678");
  expect(normalisePhone("+49 (151) 234-5678")).toBe("+491512345678");
  expect(normalisePhone("0043 664 1234567")).toBe("+436641234567");
  expect(normalisePhone("12345")).toBeNull();
  expect(normalisePhone("+49 abc")).toBeNull();
});
