import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { PROGRAM_ID } from "../db/program-id";
import { suppressEmail } from "../db/queries/email-suppressions";
import { createCampaign, dispatchDueCampaigns } from "../server/campaigns";
import { enqueueExpiringPoints } from "../db/queries/journeys";
import { enqueueRewardAvailable } from "../server/journeys";
import { confirmMarketingConsent, getMailPreferences } from "../db/queries/mail-preferences";
import { requestMarketingConsent } from "../server/mail-preferences";
import { saveSubscription } from "../db/queries/notifications";
import { forgetProgramConfig } from "../db/queries/program";
import { ledgerEntries, members, notifications, programs, rewards } from "../db/schema";
import { describeEachDatabase, routesUse } from "../db/test-databases";
import { POST as oneClickUnsubscribe } from "../../app/api/mail/unsubscribe/[token]/route";
import { POST as emailEventsRoute } from "../../app/api/v1/email-events/route";
import { signRequest } from "../shop-api/signature";
import { getMessageInsights } from "../db/queries/message-insights";
import { deliverDueMails } from "./outbox-worker";
import { mailSigningKey } from "./link-signing";
import { openToken } from "./links";
import { followMailLink, recordMailOpen } from "./signed-actions";
import { startTestSmtpServer, type ReceivedMail } from "./test-smtp-server";
import { smtpSender } from "./transport";

const DAY = 86_400_000;
process.env.TREUE_SHOP_SECRET = "mail-test-secret";
// Noon in Berlin: outside quiet hours, so what is queued is due at once.
const now = new Date("2026-11-23T11:00:00Z");

let smtp: Awaited<ReturnType<typeof startTestSmtpServer>>;
beforeAll(async () => {
  smtp = await startTestSmtpServer();
});
afterAll(() => smtp.close());

describeEachDatabase("e-mail journeys over SMTP", (db) => {
  const send = () => smtpSender(smtp.url, "Fellfreunde <treue@shop.example>");
  let n = 0;
  const mailsTo = (email: string): ReceivedMail[] => smtp.received.filter((m) => m.envelopeTo.includes(email));

  /** An enrolled member (signed in once) without push, whose points lapse `lapseInDays` from now (12 months after the last activity). */
  async function member(opts: { lapseInDays?: number; balance?: number; locale?: "de" | "en" } = {}) {
    const email = `mail-${++n}-${Math.random().toString(36).slice(2, 8)}@example.com`;
    const [m] = await db().insert(members).values({ email, emailVerified: new Date(now.getTime() - 30 * DAY), name: "Anna", locale: opts.locale ?? "de" }).returning({ id: members.id });
    const lastActivity = new Date(now.getTime() + (opts.lapseInDays ?? 25) * DAY);
    lastActivity.setUTCFullYear(lastActivity.getUTCFullYear() - 1);
    await db().insert(ledgerEntries).values({ memberId: m!.id, delta: opts.balance ?? 300, kind: "earn_order", sourceRef: `order:${email}`, idempotencyKey: `mail-earn:${email}`, createdAt: lastActivity });
    return { id: m!.id, email };
  }

  /** Two workers (two app instances) sending at once, until the outbox is empty. */
  const twoWorkers = (at = now) => Promise.all([deliverDueMails(db(), send(), { now: at }), deliverDueMails(db(), send(), { now: at })]);

  beforeEach(async () => {
    if (n > 0) return;
    await db().insert(programs).values({ id: PROGRAM_ID, name: "Fellfreunde" }).onConflictDoNothing();
    forgetProgramConfig(db());
  });

  it("mails the expiry reminder at each lead time exactly once, even with two instances queueing and sending at once", async () => {
    const anna = await member({ lapseInDays: 25 });
    const far = await member({ lapseInDays: 40 });
    await Promise.all([enqueueExpiringPoints(db(), now, 12, [30, 7]), enqueueExpiringPoints(db(), now, 12, [30, 7])]);
    await twoWorkers();
    await twoWorkers();
    const first = mailsTo(anna.email);
    expect(first).toHaveLength(1);
    expect(mailsTo(far.email)).toHaveLength(0); // 40 days off: not yet
    expect(first[0]!.subject).toMatch(/^300 Punkte verfallen am \d+\. Dezember$/);
    expect(first[0]!.text).toContain("Hallo Anna,");
    expect(first[0]!.html).toContain("Prämien ansehen");
    expect(first[0]!.header("List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
    expect(first[0]!.header("List-Unsubscribe")).toMatch(/^<http:\/\/localhost:\d+\/api\/mail\/unsubscribe\/u\.[^>]+>$/);
    // The button's link is tracked and leads into the app.
    expect(first[0]!.html).toMatch(/href="http:\/\/localhost:\d+\/api\/mail\/click\/k\.[^"]+"/);

    // 19 days later (6 days before): the 7-day reminder, once; the next day nothing new.
    const later = new Date(now.getTime() + 19 * DAY);
    await Promise.all([enqueueExpiringPoints(db(), later, 12, [30, 7]), enqueueExpiringPoints(db(), later, 12, [30, 7])]);
    await twoWorkers(later);
    await enqueueExpiringPoints(db(), new Date(later.getTime() + DAY), 12, [30, 7]);
    await twoWorkers(new Date(later.getTime() + DAY));
    expect(mailsTo(anna.email)).toHaveLength(2);
    const sent = await db().select().from(notifications).where(eq(notifications.memberId, anna.id)).orderBy(notifications.createdAt);
    // The open-tracking image (when the shop switches it on) records the open; a token not ours records nothing.
    await recordMailOpen(db(), "o.not-ours.sig", now);
    expect(sent.every((r) => r.openedAt === null)).toBe(true);
    await recordMailOpen(db(), openToken(await mailSigningKey(db()), sent[0]!.id), later);
    const [opened] = await db().select().from(notifications).where(eq(notifications.id, sent[0]!.id));
    expect(opened!.openedAt).toEqual(later);
    expect(sent.map((r) => [r.channel, r.status, r.source])).toEqual([
      ["email", "sent", "journey:expiring"],
      ["email", "sent", "journey:expiring"],
    ]);
  });

  it("stops the next mail once the member unsubscribes by the List-Unsubscribe-Post request", async () => {
    const ben = await member({ lapseInDays: 20 });
    await enqueueExpiringPoints(db(), now, 12, [30, 7]);
    await twoWorkers();
    const [mail] = mailsTo(ben.email);
    const oneClick = mail!.header("List-Unsubscribe")!.slice(1, -1);
    const token = oneClick.split("/").pop()!;
    // The 7-day reminder is already queued when the member unsubscribes.
    const later = new Date(now.getTime() + 14 * DAY);
    await enqueueExpiringPoints(db(), later, 12, [30, 7]);

    routesUse(db());
    const response = await oneClickUnsubscribe(
      new Request(oneClick, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "List-Unsubscribe=One-Click" }),
      { params: Promise.resolve({ token }) },
    );
    expect(response.status).toBe(200);
    expect((await getMailPreferences(db(), ben.id))!.muted).toEqual(["expiring"]);
    // The button's tracked link counts the click and leads to the screen; Insights count both.
    const click = /href="http:\/\/localhost:\d+\/api\/mail\/click\/([^"]+)"/.exec(String(mail!.html))![1]!;
    expect(await followMailLink(db(), click, now)).toBe("/");
    expect(await followMailLink(db(), `${click}x`, now)).toBeNull();
    const [sentToBen] = await db().select().from(notifications).where(eq(notifications.memberId, ben.id)).orderBy(notifications.createdAt);
    expect(sentToBen).toMatchObject({ clickedAt: now, openedAt: now });
    expect(sentToBen!.unsubscribedAt).not.toBeNull();
    const insight = (await getMessageInsights(db(), new Date(now.getTime() - DAY), new Date(now.getTime() + 30 * DAY))).find((m) => m.source === "journey:expiring" && m.channel === "email");
    expect(insight?.unsubscribed).toBeGreaterThanOrEqual(1);
    expect(insight?.clicked).toBeGreaterThanOrEqual(1);
    expect(insight?.delivered).toBe(insight?.sent);

    const report = await deliverDueMails(db(), send(), { now: later });
    expect(report.skipped).toBe(1);
    expect(mailsTo(ben.email)).toHaveLength(1);
    // A forged token changes nothing and says so.
    const forged = await oneClickUnsubscribe(new Request(`${oneClick}x`, { method: "POST", body: "List-Unsubscribe=One-Click" }), { params: Promise.resolve({ token: `${token}x` }) });
    expect(forged.status).toBe(404);
  });

  it("sends marketing only after the double opt-in is confirmed", async () => {
    await db().insert(rewards).values({ id: "mail-treat", programId: PROGRAM_ID, kind: "amount_off", name: { de: "5 € Rabatt", en: "€5 off" }, description: { de: "", en: "" }, pointsCost: 200, valueCents: 500 }).onConflictDoNothing();
    const carla = await member({ lapseInDays: 300 });
    const dora = await member({ lapseInDays: 300 });
    // Both just earned points and can now afford the treat.
    for (const m of [carla, dora]) await db().insert(ledgerEntries).values({ memberId: m.id, delta: 10, kind: "earn_task", sourceRef: "task", idempotencyKey: `mail-fresh:${m.id}`, createdAt: new Date(now.getTime() - 3_600_000) });

    // Dora asks for offers: the confirmation mail goes out (she has not consented yet, so nothing else).
    expect(await requestMarketingConsent(db(), dora.id, now)).toBe("requested");
    await enqueueRewardAvailable(db(), now);
    await twoWorkers();
    expect(mailsTo(carla.email)).toHaveLength(0);
    const [confirmation] = mailsTo(dora.email);
    expect(confirmation!.subject).toBe("Bitte bestätige: Angebote von Fellfreunde per E-Mail");
    expect(confirmation!.header("List-Unsubscribe")).toBeUndefined();
    expect(confirmation!.html).toMatch(/href="http:\/\/localhost:\d+\/consent\/c\.[^"]+"/);

    expect(await confirmMarketingConsent(db(), dora.id, now, new Date(now.getTime() + 60_000))).toBe("confirmed");
    expect((await getMailPreferences(db(), dora.id))!.marketing.state).toBe("confirmed");
    await enqueueRewardAvailable(db(), new Date(now.getTime() + 120_000));
    await twoWorkers(new Date(now.getTime() + 120_000));
    expect(mailsTo(carla.email)).toHaveLength(0);
    expect(mailsTo(dora.email).map((m) => m.subject)).toEqual(["Bitte bestätige: Angebote von Fellfreunde per E-Mail", "Jetzt einlösbar: 5 € Rabatt"]);
    expect(mailsTo(dora.email)[1]!.text).toContain("Angebote von Fellfreunde per E-Mail bestellt");
  });

  it("prefers push where the member subscribed: one message, never both", async () => {
    const eva = await member({ lapseInDays: 10 });
    await saveSubscription(db(), eva.id, { endpoint: `https://push.example/${eva.id}`, p256dh: "B".padEnd(87, "x"), auth: "a".repeat(22) });
    await enqueueExpiringPoints(db(), now, 12, [30, 7]);
    await twoWorkers();
    expect(mailsTo(eva.email)).toHaveLength(0);
    expect((await db().select().from(notifications).where(eq(notifications.memberId, eva.id))).map((r) => r.channel)).toEqual(["push"]);
  });

  it("stops mailing an address the receiving server refuses, or that bounced or complained", async () => {
    const gone = await member({ lapseInDays: 10 });
    const busy = await member({ lapseInDays: 10 });
    const bounced = await member({ lapseInDays: 10 });
    smtp.refuse(gone.email, 550);
    smtp.refuse(busy.email, 451);
    await suppressEmail(db(), bounced.email.toUpperCase(), "bounce", "reported by the mail provider");
    await enqueueExpiringPoints(db(), now, 12, [30, 7]);
    const report = await deliverDueMails(db(), send(), { now });
    expect(report).toMatchObject({ sent: 0, failed: 1, retrying: 1 });
    expect((await getMailPreferences(db(), gone.id))!.suppressed).toBe(true); // 550: never again
    expect((await getMailPreferences(db(), busy.id))!.suppressed).toBe(false); // 451: tried again later
    expect(await db().select().from(notifications).where(eq(notifications.memberId, bounced.id))).toEqual([]); // never queued
  });

  it("takes bounces and complaints from the shop's backend, signed, and mails those addresses no more", async () => {
    const hanna = await member({ lapseInDays: 10 });
    const ida = await member({ lapseInDays: 10 });
    routesUse(db());
    const post = (body: string, headers = signRequest("mail-test-secret", { method: "POST", url: "/api/v1/email-events", body })) =>
      emailEventsRoute(new Request("http://treue.test/api/v1/email-events", { method: "POST", body, headers: { "content-type": "application/json", ...headers } }));
    const good = JSON.stringify({ events: [{ type: "bounce", email: hanna.email.toUpperCase(), detail: "550 5.1.1 user unknown" }, { type: "complaint", email: ida.email }] });
    const bad = JSON.stringify({ events: [{ type: "unsubscribe", email: hanna.email }] });
    expect((await post(good, signRequest("wrong-secret", { method: "POST", url: "/api/v1/email-events", body: good }))).status).toBe(401);
    const refused = await post(bad);
    expect(refused.status).toBe(400);
    expect(refused.headers.get("content-type")).toContain("application/problem+json");
    expect(((await refused.json()) as { detail: string }).detail).toMatch(/type/);
    expect((await getMailPreferences(db(), hanna.id))!.suppressed).toBe(false); // nothing written
    const accepted = await post(good);
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toEqual({ suppressed: 2 });
    await enqueueExpiringPoints(db(), now, 12, [30, 7]);
    await twoWorkers();
    expect(mailsTo(hanna.email)).toEqual([]);
    expect(mailsTo(ida.email)).toEqual([]);
  });

  it("mails a campaign only to members who confirmed offers by e-mail, in their language, with the owner's words", async () => {
    const withConsent = await member({ lapseInDays: 300, locale: "en" });
    const without = await member({ lapseInDays: 300 });
    await requestMarketingConsent(db(), withConsent.id, now);
    await confirmMarketingConsent(db(), withConsent.id, now, now);
    const [owner] = await db().insert(members).values({ email: `owner-${n}@example.com`, role: "owner" }).returning();
    const message = { de: { title: "Sommerfest", body: "Doppelte Punkte am Samstag.\n\nBis bald!" }, en: { title: "Summer party", body: "Double points on Saturday.\n\nSee you!" } };
    await createCampaign(db(), { id: owner!.id, email: owner!.email }, { name: "Sommer", message, segment: {}, scheduledAt: now.toISOString() }, now);
    await dispatchDueCampaigns(db(), now);
    await twoWorkers();
    expect(mailsTo(without.email)).toEqual([]);
    const got = mailsTo(withConsent.email).filter((m) => m.subject === "Summer party");
    expect(got).toHaveLength(1);
    expect(got[0]!.text).toContain("Double points on Saturday.");
    expect(got[0]!.text).toContain("See you!");
    expect(got[0]!.text).toContain("because you asked for offers from Fellfreunde by e-mail");
    expect(got[0]!.header("List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
  });
});
