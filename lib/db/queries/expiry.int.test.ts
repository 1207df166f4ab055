import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { findLedgerMismatches } from "../ledger-audit";
import { ledgerEntries, members } from "../schema";
import { describeEachDatabase } from "../test-databases";
import { notifications, pushSubscriptions } from "../schema";
import { enqueueExpiringLots } from "./journeys";
import { backfillLedgerExpiry, getExpiryOutlook, getLastActivity } from "./expiry";
import { expireEarnedLots, expireInactiveMembers } from "../../server/expiry";
import { parseEarnRule } from "../../loyalty/earn-rule";

describeEachDatabase("points expiry", (db) => {
  const now = new Date("2027-12-01T03:00:00Z");

  async function memberWith(email: string, earnedAt: string, points: number) {
    const [m] = await db().insert(members).values({ email }).returning({ id: members.id });
    await db()
      .insert(ledgerEntries)
      .values({ memberId: m!.id, delta: points, kind: "earn_order", sourceRef: `order:${email}`, idempotencyKey: `exp:${email}`, createdAt: new Date(earnedAt) });
    return m!.id;
  }
  const balance = async (id: string) =>
    (await db().select({ b: members.pointsBalance }).from(members).where(eq(members.id, id)))[0]!.b;

  it("expires a balance unused for twelve months, once, even with two instances at it", async () => {
    const idle = await memberWith("idle@example.com", "2026-11-30T10:00:00Z", 120);
    const active = await memberWith("active@example.com", "2026-12-02T10:00:00Z", 80);

    const [a, b] = await Promise.all([expireInactiveMembers(db(), now), expireInactiveMembers(db(), now)]);
    expect(a + b).toBe(1);
    expect(await expireInactiveMembers(db(), now)).toBe(0);

    expect(await balance(idle)).toBe(0);
    expect(await balance(active)).toBe(80);
    const rows = await db().select().from(ledgerEntries).where(eq(ledgerEntries.memberId, idle));
    expect(rows.find((r) => r.kind === "expire")).toMatchObject({ delta: -120, sourceRef: "inactive-since:2026-11-30" });
    expect(await findLedgerMismatches(db())).toEqual([]);
  });

  it("counts spending as activity and ignores expiry rows when finding the last one", async () => {
    const id = await memberWith("spender@example.com", "2026-01-10T10:00:00Z", 50);
    await db()
      .insert(ledgerEntries)
      .values({ memberId: id, delta: -10, kind: "redeem", sourceRef: "reward:x", idempotencyKey: "exp:spend", createdAt: new Date("2027-06-01T00:00:00Z") });
    expect(await getLastActivity(db(), id)).toEqual(new Date("2027-06-01T00:00:00Z"));
    await expireInactiveMembers(db(), now);
    expect(await balance(id)).toBe(40);
  });

  it("per earning: expires what is left of each lot after its months, oldest spent first, once", async () => {
    const id = await memberWith("lots@example.com", "2026-10-15T10:00:00Z", 100);
    const entry = (delta: number, at: string, key: string, kind: "earn_order" | "redeem") =>
      db().insert(ledgerEntries).values({ memberId: id, delta, kind, sourceRef: key, idempotencyKey: `lots:${key}`, createdAt: new Date(at) });
    await entry(60, "2027-03-01T10:00:00Z", "march", "earn_order");
    await entry(-120, "2027-04-01T10:00:00Z", "redeem", "redeem"); // all of October's 100, 20 of March
    const rule = parseEarnRule({ expiryMode: "per-earning", pointsValidMonths: 12 });
    // October's lot is spent; March's 40 expire on 1 March 2028.
    expect(await getExpiryOutlook(db(), id, rule, now)).toEqual({ mode: "per-earning", points: 40, at: new Date("2028-03-01T10:00:00Z") });
    const [push] = await db().insert(pushSubscriptions).values({ memberId: id, endpoint: "https://push.example/lots", p256dh: "k", auth: "a" }).returning();
    await enqueueExpiringLots(db(), new Date("2028-02-20T10:00:00Z"), 12, [14]);
    await enqueueExpiringLots(db(), new Date("2028-02-21T10:00:00Z"), 12, [14]);
    const warned = await db().select().from(notifications).where(eq(notifications.memberId, id));
    expect(warned).toHaveLength(1);
    expect(warned[0]).toMatchObject({ kind: "points_expiring", params: { points: 40 } });
    await db().delete(pushSubscriptions).where(eq(pushSubscriptions.id, push!.id));

    const later = new Date("2028-03-02T00:00:00Z");
    // Two instances at once: the member's 40 expire once (the other members' old lots go too).
    await Promise.all([expireEarnedLots(db(), later, 12), expireEarnedLots(db(), later, 12)]);
    expect(await expireEarnedLots(db(), later, 12)).toBe(0);
    const expired = await db().select().from(ledgerEntries).where(eq(ledgerEntries.memberId, id));
    expect(expired.filter((r) => r.kind === "expire").map((r) => r.delta)).toEqual([-40]);
    expect(await balance(id)).toBe(0);
    expect(await findLedgerMismatches(db())).toEqual([]);
  });

  it("per earning: points keep the expiry they were earned with when the owner shortens validity later", async () => {
    const [m] = await db().insert(members).values({ email: "kept-expiry@example.com" }).returning({ id: members.id });
    const id = m!.id;
    // Earned under 24 months, as the shop's order wrote it: lapses 2028-03-01.
    await db().insert(ledgerEntries).values({ memberId: id, delta: 100, kind: "earn_order", sourceRef: "order:kept-1", idempotencyKey: "kept:1", createdAt: new Date("2026-03-01T10:00:00Z"), expiresAt: new Date("2028-03-01T10:00:00Z") });
    // A staff credit written without an expiry, under a rule whose versions changed: 24 months until 2026-06-01, 6 since.
    await db().insert(ledgerEntries).values({ memberId: id, delta: 20, kind: "adjust", sourceRef: "staff:x", idempotencyKey: "kept:2", createdAt: new Date("2026-04-01T10:00:00Z") });
    const rule = (months: number) => parseEarnRule({ pointsPerUnit: 1, expiryMode: "per-earning", pointsValidMonths: months });
    const versions = [
      { version: 1, rule: rule(24), effectiveFrom: new Date("2025-01-01T00:00:00Z") },
      { version: 2, rule: rule(6), effectiveFrom: new Date("2026-06-01T00:00:00Z") },
    ];
    expect(await backfillLedgerExpiry(db(), { earnRule: rule(6), earnRuleVersions: versions, timeZone: "Europe/Berlin" })).toBeGreaterThanOrEqual(1);
    const [credit] = await db().select().from(ledgerEntries).where(eq(ledgerEntries.idempotencyKey, "kept:2"));
    // 24 months after 2026-04-01 12:00 Berlin summer time: 2028-04-01 12:00 Berlin, still summer time.
    expect(credit!.expiresAt).toEqual(new Date("2028-04-01T10:00:00Z"));
    // Today's 6 months would have let both lapse by 2027-12-01; they keep their own dates.
    expect(await expireEarnedLots(db(), now, 6)).toBe(0);
    expect(await balance(id)).toBe(120);
    expect(await getExpiryOutlook(db(), id, rule(6), now)).toEqual({ mode: "per-earning", at: new Date("2028-03-01T10:00:00Z"), points: 100 });
    expect(await expireEarnedLots(db(), new Date("2028-03-02T00:00:00Z"), 6)).toBe(1);
    expect(await balance(id)).toBe(20);
    // Still append-only otherwise: a given expiry cannot be moved, an amount cannot change.
    await expect(db().update(ledgerEntries).set({ expiresAt: new Date("2030-01-01T00:00:00Z") }).where(eq(ledgerEntries.idempotencyKey, "kept:2"))).rejects.toThrow();
    await expect(db().update(ledgerEntries).set({ delta: 999 }).where(eq(ledgerEntries.idempotencyKey, "kept:1"))).rejects.toThrow();
    // A second run writes nothing more.
    expect(await backfillLedgerExpiry(db(), { earnRule: rule(6), earnRuleVersions: versions, timeZone: "Europe/Berlin" })).toBe(0);
  });
});
