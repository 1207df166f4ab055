import { eq } from "drizzle-orm";
import { beforeEach, expect, it } from "vitest";
import { PROGRAM_ID } from "../program-id";
import { coupons, ledgerEntries, members, notifications, orders, programs, rewards, tiers } from "../schema";
import { describeEachDatabase } from "../test-databases";
import { enqueueExpiringPoints, enqueueWelcome } from "./journeys";
import { enqueueRewardAvailable, enqueueTierAtRisk, sendBirthdayGifts, sendWinBackOffers } from "../../server/journeys";
import { forgetProgramConfig } from "./program";

const DAY = 86_400_000;

describeEachDatabase("journeys", (db) => {
  let n = 0;
  const outboxOf = (memberId: string) => db().select().from(notifications).where(eq(notifications.memberId, memberId));
  const couponsOf = (memberId: string) => db().select().from(coupons).where(eq(coupons.memberId, memberId));

  /** An enrolled member who asked for offers by e-mail (double opt-in done). */
  async function member(values: Partial<typeof members.$inferInsert> = {}) {
    const [m] = await db()
      .insert(members)
      .values({ email: `journey-${++n}@example.com`, emailVerified: new Date("2026-01-01T00:00:00Z"), marketingMailConfirmedAt: new Date("2026-01-02T00:00:00Z"), ...values })
      .returning();
    return m!;
  }

  beforeEach(async () => {
    if (n > 0) return;
    await db().insert(programs).values({ id: PROGRAM_ID, name: "Fellfreunde" });
    await db().insert(rewards).values({ id: "gift", programId: PROGRAM_ID, kind: "amount_off", name: { de: "10 € Geschenk", en: "€10 gift" }, description: { de: "", en: "" }, pointsCost: 1, valueCents: 1_000, active: false });
    await db().insert(tiers).values([
      { id: "bronze", programId: PROGRAM_ID, name: { de: "Bronze", en: "Bronze" }, thresholdCents: 0, position: 0 },
      { id: "gold", programId: PROGRAM_ID, name: { de: "Gold", en: "Gold" }, thresholdCents: 50_000, position: 1 },
    ]);
    // Birthday and win-back are off until the owner picks the gift; here they are on.
    const journeys = { birthday: { enabled: true, rewardId: "gift" }, win_back: { enabled: true, rewardId: "gift" } };
    await db().update(programs).set({ tierRule: { window: "rolling", graceDays: 30 }, journeys }).where(eq(programs.id, PROGRAM_ID));
    forgetProgramConfig(db());
  });

  it("gives a birthday gift coupon on the local birthday, once a year, with a greeting", async () => {
    // 23:30 UTC on 14 March is already 15 March in Berlin.
    const now = new Date("2027-03-14T23:30:00Z");
    const anna = await member({ birthday: "1990-03-15" });
    const ben = await member({ birthday: "1990-03-14" });
    const leap = await member({ birthday: "1992-02-29" });
    const settings = { enabled: true, texts: {}, rewardId: "gift", validDays: 30 };
    expect(await sendBirthdayGifts(db(), now, settings)).toBe(1);
    expect(await sendBirthdayGifts(db(), new Date(now.getTime() + 3_600_000), settings)).toBe(0); // the next hourly run
    const [gift] = await couponsOf(anna.id);
    expect(gift).toMatchObject({ pointsCost: 0, rewardId: "gift", expiresAt: new Date(now.getTime() + 30 * DAY) });
    const [greeting] = await outboxOf(anna.id);
    expect(greeting).toMatchObject({ kind: "birthday", channel: "email", source: "journey:birthday", url: "/wallet", params: { code: gift!.code, reward_de: "10 € Geschenk" } });
    // Quiet hours: queued at 00:30 local, due at 08:00 local.
    expect(greeting!.nextAttemptAt).toEqual(new Date("2027-03-15T07:00:00Z"));
    expect(await couponsOf(ben.id)).toEqual([]);
    // 29 February birthdays are celebrated on the 28th in a common year.
    expect(await sendBirthdayGifts(db(), new Date("2027-02-28T10:00:00Z"), settings)).toBe(1);
    expect(await couponsOf(leap.id)).toHaveLength(1);
  });

  it("offers a win-back coupon once per lapse, only to members a message can reach", async () => {
    const now = new Date("2027-06-01T10:00:00Z");
    const lapsed = await member();
    const unreachable = await member({ marketingMailConfirmedAt: null }); // no consent, no push
    const recent = await member();
    const order = (memberId: string, id: string, daysAgo: number) =>
      db().insert(orders).values({ memberId, shopOrderId: id, currency: "EUR", subtotalCents: 5_000, paidAt: new Date(now.getTime() - daysAgo * DAY) });
    await order(lapsed.id, `wb-${n}-a`, 95);
    await order(unreachable.id, `wb-${n}-b`, 95);
    await order(recent.id, `wb-${n}-c`, 20);
    const settings = { enabled: true, texts: {}, rewardId: "gift", days: 90, validDays: 14 };
    await Promise.all([sendWinBackOffers(db(), now, settings), sendWinBackOffers(db(), now, settings)]);
    await sendWinBackOffers(db(), new Date(now.getTime() + DAY), settings);
    expect(await couponsOf(lapsed.id)).toHaveLength(1);
    expect((await outboxOf(lapsed.id)).map((r) => [r.kind, r.category, r.channel])).toEqual([["win_back", "offers", "email"]]);
    expect(await couponsOf(unreachable.id)).toEqual([]);
    expect(await couponsOf(recent.id)).toEqual([]);
  });

  it("warns a member whose status is held only by grace before it runs out, with the spend that keeps it", async () => {
    const now = new Date("2027-06-01T10:00:00Z");
    const gold = await member();
    // 600 € a year and 20 days ago, of which 450 € have since left the window: Gold by grace until 10 days from now.
    await db().insert(orders).values([
      { memberId: gold.id, shopOrderId: `risk-${n}-a`, currency: "EUR", subtotalCents: 45_000, paidAt: new Date(now.getTime() - 385 * DAY) },
      { memberId: gold.id, shopOrderId: `risk-${n}-b`, currency: "EUR", subtotalCents: 15_000, paidAt: new Date(now.getTime() - 300 * DAY) },
    ]);
    await db().update(members).set({ tierId: "gold", tierKeptUntil: new Date(now.getTime() + 10 * DAY) }).where(eq(members.id, gold.id));
    const settings = { enabled: true, texts: {}, days: 30 };
    expect(await enqueueTierAtRisk(db(), now, settings)).toBe(1);
    expect(await enqueueTierAtRisk(db(), now, settings)).toBe(0);
    const [warning] = await outboxOf(gold.id);
    expect(warning).toMatchObject({ kind: "tier_at_risk", url: "/tiers", params: { tier_de: "Gold", missingCents: 35_000, currency: "EUR" } });
  });

  it("welcomes a member who just enrolled, once", async () => {
    const now = new Date("2027-06-01T10:00:00Z");
    const fresh = await member({ emailVerified: new Date(now.getTime() - 3_600_000) });
    const old = await member();
    await enqueueWelcome(db(), now, "Fellfreunde");
    await enqueueWelcome(db(), new Date(now.getTime() + 3_600_000), "Fellfreunde");
    expect((await outboxOf(fresh.id)).map((r) => [r.kind, r.params])).toEqual([["welcome", { shop: "Fellfreunde" }]]);
    expect(await outboxOf(old.id)).toEqual([]);
  });

  it("dates an expiry reminder as the expiry rule does, in the program's time zone", async () => {
    // 23:30 UTC on 30 January is 31 January in Berlin; a month later is the last day of February
    // there (27 February 23:30 UTC), where adding a month in UTC would say 28 February 23:30 UTC.
    const m = await member();
    await db().insert(ledgerEntries).values({ memberId: m.id, delta: 40, kind: "earn_order", sourceRef: "order:tz-1", idempotencyKey: "tz:1", createdAt: new Date("2026-01-30T23:30:00Z") });
    expect(await enqueueExpiringPoints(db(), new Date("2026-02-22T00:00:00Z"), 1, [7])).toBeGreaterThanOrEqual(1);
    const [reminder] = (await outboxOf(m.id)).filter((x) => x.kind === "points_expiring");
    expect(reminder).toMatchObject({ params: { points: 40, expiresAt: "2026-02-27T23:30:00Z" } });
  });

  it("tells a member about a reward they can redeem now, never one out of stock or past its per-member limit", async () => {
    await db().insert(rewards).values([
      { id: "dear-empty", programId: PROGRAM_ID, kind: "amount_off", name: { de: "Leer", en: "Empty" }, description: { de: "", en: "" }, pointsCost: 900, valueCents: 900, stock: 0 },
      { id: "dear-once", programId: PROGRAM_ID, kind: "amount_off", name: { de: "Einmal", en: "Once" }, description: { de: "", en: "" }, pointsCost: 800, valueCents: 800, perMemberLimit: 1 },
      { id: "cheap", programId: PROGRAM_ID, kind: "amount_off", name: { de: "Klein", en: "Small" }, description: { de: "", en: "" }, pointsCost: 100, valueCents: 100 },
    ]);
    const now = new Date();
    const m = await member();
    await db().insert(ledgerEntries).values({ memberId: m.id, delta: 1_000, kind: "earn_order", sourceRef: "order:ra-1", idempotencyKey: "ra:1", createdAt: new Date(now.getTime() - 3_600_000) });
    // Redeemed "dear-once" before: its one time is used.
    await db().insert(coupons).values({ memberId: m.id, rewardId: "dear-once", code: "RA-ONCE-1", requestId: "ra-once", pointsCost: 0, terms: { kind: "amount_off", name: { de: "Einmal", en: "Once" }, valueCents: 800, percentOff: null, sku: null, minOrderCents: null }, issuedAt: now, expiresAt: new Date(now.getTime() + 30 * DAY) });
    await enqueueRewardAvailable(db(), now);
    const told = (await outboxOf(m.id)).filter((x) => x.kind === "reward_available");
    expect(told.map((x) => x.url)).toEqual(["/rewards/cheap"]);
    // Once told, never again for that reward.
    await enqueueRewardAvailable(db(), new Date(now.getTime() + 60_000));
    expect((await outboxOf(m.id)).filter((x) => x.kind === "reward_available")).toHaveLength(1);
    await db().update(rewards).set({ active: false }).where(eq(rewards.id, "cheap"));
  });
});
