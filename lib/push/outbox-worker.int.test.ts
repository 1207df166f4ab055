import { eq } from "drizzle-orm";
import { beforeEach, expect, it } from "vitest";
import { PROGRAM_ID } from "../db/program-id";
import { enqueueExpiringCoupons, enqueueExpiringPoints, enqueueNewTasks } from "../db/queries/journeys";
import { recordNotificationOpen, saveSubscription, setMutedCategories } from "../db/queries/notifications";
import { forgetProgramConfig } from "../db/queries/program";
import { settleDueReferrals } from "../server/referrals";
import { applyShopEvent } from "../server/orders/apply-shop-event";
import { moderateSubmission } from "../server/tasks";
import { coupons, ledgerEntries, members, notifications, programs, pushSubscriptions, referrals, rewards, taskSubmissions, tasks, tiers } from "../db/schema";
import { describeEachDatabase } from "../db/test-databases";
import { bodyHash } from "../shop-api/canonical-json";
import { shopEventSchema } from "../validations/shop-events";
import { deliverDueNotifications } from "./outbox-worker";
import { MAX_ATTEMPTS } from "./retry-policy";
import type { PushPayload, PushSender, PushTarget, SendResult } from "./sender";

const MINUTE = 60_000;
const keys = { p256dh: "B".padEnd(87, "x"), auth: "a".repeat(22) };

/** A push service stand-in that records what it was given and answers per endpoint as told. */
function pushService(answers: Record<string, SendResult["outcome"]> = {}) {
  const received: { target: PushTarget; payload: PushPayload }[] = [];
  const send: PushSender = async (target, payload) => {
    received.push({ target, payload });
    const outcome = answers[target.endpoint] ?? "delivered";
    return outcome === "failed" ? { outcome, error: "push service answered 503" } : { outcome };
  };
  return { send, received };
}

describeEachDatabase("push outbox", (db) => {
  const now = new Date("2026-11-23T10:00:00Z");
  let n = 0;

  async function member(opts: { subscribed?: number; locale?: "de" | "en" } = {}) {
    const k = ++n;
    const email = `push-${k}@example.com`;
    const [m] = await db().insert(members).values({ email, shopCustomerId: `cust-push-${k}`, locale: opts.locale }).returning({ id: members.id });
    const endpoints = Array.from({ length: opts.subscribed ?? 1 }, (_, i) => `https://push.example/${k}/${i}`);
    for (const endpoint of endpoints) await saveSubscription(db(), m!.id, { endpoint, ...keys });
    return { id: m!.id, customer: `cust-push-${k}`, email, endpoints };
  }
  const orderPaid = (who: { customer: string; email: string }, cents: number, eventId = `evt-push-${++n}`) => {
    const event = shopEventSchema.parse({
      id: eventId,
      type: "order.paid",
      occurred_at: now.toISOString(),
      data: { order_id: `order-${eventId}`, customer: { id: who.customer, email: who.email }, currency: "EUR", subtotal_cents: cents, items: [] },
    });
    return applyShopEvent(db(), event, bodyHash(event), now);
  };
  const outboxOf = (memberId: string) => db().select().from(notifications).where(eq(notifications.memberId, memberId)).orderBy(notifications.createdAt);
  // Leaves only the rows a test writes itself as due.
  const clearOutbox = () => db().update(notifications).set({ status: "sent" }).where(eq(notifications.status, "pending"));

  beforeEach(async () => {
    if (n > 0) return;
    await db().insert(programs).values({ id: PROGRAM_ID, name: "Testshop" });
    await db().insert(tiers).values([
      { id: "bronze", programId: PROGRAM_ID, name: { de: "Bronze", en: "Bronze" }, thresholdCents: 0, position: 0 },
      { id: "gold", programId: PROGRAM_ID, name: { de: "Gold", en: "Gold" }, thresholdCents: 50_000, position: 1 },
    ]);
    forgetProgramConfig(db());
  });

  it("queues one points notification with the order, in its transaction, and none for a replay", async () => {
    const anna = await member();
    const first = await orderPaid(anna, 4_000, "evt-replayed");
    await orderPaid(anna, 4_000, "evt-replayed");
    expect(first.status).toBe("applied");
    const rows = await outboxOf(anna.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ category: "points", kind: "points_earned", url: "/history", status: "pending", params: { points: 40, balance: 40 } });
  });

  it("queues nothing for a shopper without a subscription or who muted the category", async () => {
    const quiet = await member({ subscribed: 0 });
    await orderPaid(quiet, 3_000);
    const muted = await member();
    await setMutedCategories(db(), muted.id, ["points"]);
    await orderPaid(muted, 3_000);
    expect(await outboxOf(quiet.id)).toHaveLength(0);
    expect(await outboxOf(muted.id)).toHaveLength(0);
  });

  it("announces a step up to a higher tier, but not the entry tier", async () => {
    const climber = await member();
    await orderPaid(climber, 2_000);
    await orderPaid(climber, 60_000);
    const kinds = (await outboxOf(climber.id)).map((r) => r.kind);
    expect(kinds.filter((k) => k === "tier_up")).toHaveLength(1);
    const tierUp = (await outboxOf(climber.id)).find((r) => r.kind === "tier_up");
    expect(tierUp).toMatchObject({ url: "/tiers", params: { tier_de: "Gold" } });
  });

  it("sends the rendered push to each of the member's devices once, in their language", async () => {
    await clearOutbox();
    const ben = await member({ subscribed: 2, locale: "en" });
    await orderPaid(ben, 12_345);
    const service = pushService();
    const report = await deliverDueNotifications(db(), service.send, { now });
    expect(report).toMatchObject({ sent: 1, retrying: 0, failed: 0 });
    expect(service.received.map((r) => r.target.endpoint).sort()).toEqual([...ben.endpoints].sort());
    expect(service.received[0]!.payload).toMatchObject({ title: "+123 points", url: "/history" });
    expect(service.received[0]!.payload.body).toContain("123 points");
    const [row] = await outboxOf(ben.id);
    expect(row).toMatchObject({ status: "sent", attempts: 1 });
    expect((await deliverDueNotifications(db(), service.send, { now: new Date(now.getTime() + 60 * MINUTE) })).sent).toBe(0);
    expect(service.received).toHaveLength(2);
  });

  it("drops subscriptions the push service calls gone, and still counts the delivery to the others", async () => {
    await clearOutbox();
    const cara = await member({ subscribed: 2 });
    await orderPaid(cara, 5_000);
    const service = pushService({ [cara.endpoints[0]!]: "gone" });
    const report = await deliverDueNotifications(db(), service.send, { now });
    expect(report).toMatchObject({ sent: 1, subscriptionsRemoved: 1 });
    const left = await db().select().from(pushSubscriptions).where(eq(pushSubscriptions.memberId, cara.id));
    expect(left.map((s) => s.endpoint)).toEqual([cara.endpoints[1]]);
  });

  it("retries a passing failure later with backoff, then gives up after the last attempt", async () => {
    await clearOutbox();
    const dora = await member();
    await orderPaid(dora, 5_000);
    const down = pushService({ [dora.endpoints[0]!]: "failed" });
    let at = now;
    expect((await deliverDueNotifications(db(), down.send, { now: at, random: () => 0 })).retrying).toBe(1);
    let [row] = await outboxOf(dora.id);
    expect(row!.nextAttemptAt.getTime() - at.getTime()).toBe(30_000);
    expect(row!.lastError).toBe("push service answered 503");
    // Not due yet: nothing is sent before the delay has passed.
    expect(down.received).toHaveLength(1);
    await deliverDueNotifications(db(), down.send, { now: new Date(at.getTime() + 10_000) });
    expect(down.received).toHaveLength(1);
    for (let attempt = 2; attempt <= MAX_ATTEMPTS; attempt++) {
      at = (await outboxOf(dora.id))[0]!.nextAttemptAt;
      await deliverDueNotifications(db(), down.send, { now: at, random: () => 0 });
    }
    [row] = await outboxOf(dora.id);
    expect(row).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS });
    expect(down.received).toHaveLength(MAX_ATTEMPTS);
  });

  it("never sends one notification twice when workers run at once, and takes over a crashed worker's claim after the lease", async () => {
    await clearOutbox();
    const people = await Promise.all(Array.from({ length: 6 }, () => member()));
    for (const p of people) await orderPaid(p, 2_500);
    const service = pushService();
    const reports = await Promise.all([1, 2, 3].map(() => deliverDueNotifications(db(), service.send, { now, limit: 4 })));
    const again = await deliverDueNotifications(db(), service.send, { now, limit: 10 });
    expect(reports.reduce((sum, r) => sum + r.sent, 0) + again.sent).toBe(6);
    const endpoints = service.received.map((r) => r.target.endpoint);
    expect(new Set(endpoints).size).toBe(endpoints.length);

    // A worker that claimed and died: nobody sends it inside the lease, the next worker after it.
    const eve = await member();
    await orderPaid(eve, 2_500);
    const crashed: PushSender = () => new Promise<SendResult>(() => {});
    void deliverDueNotifications(db(), crashed, { now });
    await new Promise((r) => setTimeout(r, 200));
    const later = pushService();
    expect((await deliverDueNotifications(db(), later.send, { now: new Date(now.getTime() + MINUTE) })).sent).toBe(0);
    expect((await deliverDueNotifications(db(), later.send, { now: new Date(now.getTime() + 6 * MINUTE) })).sent).toBe(1);
  });

  it("reminds of a coupon 3 days before it expires and of points 14 days before they lapse, once each", async () => {
    const fritz = await member();
    await db().insert(rewards).values({ id: "r-push", programId: PROGRAM_ID, name: { de: "5 €", en: "€5" }, description: { de: "", en: "" }, kind: "amount_off", pointsCost: 100, valueCents: 500 });
    const [coupon] = await db()
      .insert(coupons)
      .values([
        { memberId: fritz.id, rewardId: "r-push", code: "SOON-1", requestId: "q1", pointsCost: 100, terms: { kind: "amount_off" } as never, expiresAt: new Date(now.getTime() + 2 * 86_400_000) },
        { memberId: fritz.id, rewardId: "r-push", code: "LATER-1", requestId: "q2", pointsCost: 100, terms: { kind: "amount_off" } as never, expiresAt: new Date(now.getTime() + 9 * 86_400_000) },
      ])
      .returning();
    await db().insert(ledgerEntries).values({ memberId: fritz.id, delta: 300, kind: "earn_order", sourceRef: "order:old", idempotencyKey: "push-old-earn", createdAt: new Date("2025-11-30T09:00:00Z") });
    await enqueueExpiringCoupons(db(), now);
    await enqueueExpiringCoupons(db(), now);
    await enqueueExpiringPoints(db(), now, 12, [14]);
    await enqueueExpiringPoints(db(), now, 12, [14]);
    const rows = await outboxOf(fritz.id);
    expect(rows.map((r) => r.kind).sort()).toEqual(["coupon_expiring", "points_expiring"]);
    expect(rows.find((r) => r.kind === "coupon_expiring")).toMatchObject({ url: "/wallet", dedupeKey: `coupon-expiring:${coupon!.id}`, params: { code: "SOON-1" } });
    expect(rows.find((r) => r.kind === "points_expiring")).toMatchObject({ url: "/", params: { points: 300, expiresAt: "2026-11-30T09:00:00Z" } });
  });

  it("announces a task that just opened once, but not one that was always there", async () => {
    const hanna = await member();
    await db().insert(tasks).values([
      { id: "fresh-task", programId: PROGRAM_ID, kind: "newsletter", title: { de: "Newsletter", en: "Newsletter" }, points: 20, config: { validFrom: new Date(now.getTime() - 3_600_000).toISOString() } },
      { id: "old-task", programId: PROGRAM_ID, kind: "birthday", title: { de: "Geburtstag", en: "Birthday" }, points: 50, config: {} },
    ]);
    await enqueueNewTasks(db(), now);
    await enqueueNewTasks(db(), now);
    const rows = await outboxOf(hanna.id);
    expect(rows.map((r) => [r.kind, r.url])).toEqual([["task_new", "/tasks/fresh-task"]]);
  });

  it("tells the referrer when a referral pays, and the shopper when staff decide on a review", async () => {
    const ida = await member();
    const staff = await member({ subscribed: 0 });
    const [referral] = await db()
      .insert(referrals)
      .values({ referrerId: ida.id, friendEmail: `friend-${n}@example.com`, status: "pending", claimedAt: now, points: 250, pendingUntil: new Date(now.getTime() - MINUTE) })
      .returning();
    await settleDueReferrals(db(), now);
    await db().insert(tasks).values({ id: "review-push", programId: PROGRAM_ID, kind: "product_review", title: { de: "Bewerten", en: "Review" }, points: 50 });
    const [good, bad] = await db()
      .insert(taskSubmissions)
      .values([
        { memberId: ida.id, taskId: "review-push", kind: "product_review", clientId: "c-good", status: "in_review", productSku: "A", points: 50 },
        { memberId: ida.id, taskId: "review-push", kind: "product_review", clientId: "c-bad", status: "in_review", productSku: "B", points: 50 },
      ])
      .returning();
    await moderateSubmission(db(), { id: staff!.id, email: "team@demo.treue.shop" }, good!.id, { approve: true }, now);
    await moderateSubmission(db(), { id: staff!.id, email: "team@demo.treue.shop" }, bad!.id, { approve: false, reason: "Kein Bezug zum Produkt" }, now);
    const rows = (await outboxOf(ida.id)).sort((a, b) => a.kind.localeCompare(b.kind)); // one moment: order by kind
    expect(rows.map((r) => ({ kind: r.kind, url: r.url, params: r.params }))).toEqual([
      { kind: "referral_rewarded", url: "/invite", params: { points: 250 } },
      { kind: "task_approved", url: "/tasks/review-push", params: { points: 50 } },
      { kind: "task_rejected", url: "/tasks/review-push", params: { reason: "Kein Bezug zum Produkt" } },
    ]);
    expect(rows.find((r) => r.kind === "referral_rewarded")!.dedupeKey).toBe(`referral:${referral!.id}`);
  });

  it("counts the first tap on a notification as its open", async () => {
    const gina = await member();
    await orderPaid(gina, 1_000);
    const [row] = await outboxOf(gina.id);
    expect(await recordNotificationOpen(db(), row!.id, now)).toBe(true);
    expect(await recordNotificationOpen(db(), row!.id, new Date(now.getTime() + MINUTE))).toBe(false);
    expect((await outboxOf(gina.id))[0]!.openedAt).toEqual(now);
  });
});
