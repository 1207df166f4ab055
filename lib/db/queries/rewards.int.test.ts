import { and, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { findLedgerMismatches } from "../ledger-audit";
import { seedDemo } from "../seed-demo";
import { couponCodes, coupons, ledgerEntries, members, rewards } from "../schema";
import { describeEachDatabase } from "../test-databases";
import { getCoupon } from "./coupons";
import { listRewardOffers } from "./rewards";
import { markCouponUsed, redeemReward } from "../../server/rewards";

const DAY = 86_400_000;

describeEachDatabase("rewards and coupons", (db) => {
  const now = new Date("2026-11-22T10:00:00Z");
  let n = 0;
  async function memberWith(points: number) {
    const [member] = await db()
      .insert(members)
      .values({ email: `redeemer${++n}@example.com` })
      .returning({ id: members.id });
    if (points > 0) await db().insert(ledgerEntries).values({ memberId: member!.id, delta: points, kind: "adjust", sourceRef: "test", idempotencyKey: `grant:${member!.id}` });
    return member!.id;
  }
  const balanceOf = async (id: string) => (await db().select({ b: members.pointsBalance }).from(members).where(eq(members.id, id)))[0]!.b;

  it("issues a coupon, debits once, and returns the same coupon for a retried request", async () => {
    await seedDemo(db(), now);
    const id = await memberWith(300);
    const first = await redeemReward(db(), id, "eur5", "req-1", now);
    expect(first).toMatchObject({ status: "issued", coupon: { rewardId: "eur5", pointsCost: 250 } });
    if (first.status !== "issued") return;
    expect(first.coupon.code).toMatch(/^TREUE-/);
    expect(first.coupon.expiresAt).toEqual(new Date(now.getTime() + 30 * DAY));
    expect(await redeemReward(db(), id, "eur5", "req-1", now)).toEqual({ status: "duplicate", coupon: first.coupon });
    expect(await balanceOf(id)).toBe(50);
    expect(await redeemReward(db(), id, "eur5", "req-2", now)).toEqual({
      status: "refused",
      availability: { ok: false, reason: "insufficient-points", missingPoints: 200 },
    });
    expect(await db().$count(coupons, eq(coupons.memberId, id))).toBe(1);
  });

  it("gives exactly as many coupons as the balance covers under 200 concurrent redemptions", async () => {
    const id = await memberWith(1_500); // ten free-shipping coupons at 150
    const outcomes = await Promise.all(Array.from({ length: 200 }, (_, i) => redeemReward(db(), id, "shipping", `burst-${i}`, now)));
    expect(outcomes.filter((o) => o.status === "issued")).toHaveLength(10);
    expect(outcomes.filter((o) => o.status === "refused")).toHaveLength(190);
    expect(await balanceOf(id)).toBe(0);
    expect(await db().$count(coupons, eq(coupons.memberId, id))).toBe(10);
    expect(await findLedgerMismatches(db())).toEqual([]);
  });

  it("hands out a stock of 5 to exactly 5 of 50 members redeeming at once", async () => {
    await db().update(rewards).set({ stock: 5 }).where(eq(rewards.id, "bottle"));
    const ids = await Promise.all(Array.from({ length: 50 }, () => memberWith(400)));
    const outcomes = await Promise.all(ids.map((id, i) => redeemReward(db(), id, "bottle", `stock-${i}`, now)));
    expect(outcomes.filter((o) => o.status === "issued")).toHaveLength(5);
    expect(outcomes.filter((o) => o.status === "refused" && o.availability.reason === "sold-out")).toHaveLength(45);
    const [bottle] = await db().select({ stock: rewards.stock }).from(rewards).where(eq(rewards.id, "bottle"));
    expect(bottle?.stock).toBe(0);
    const charged = (await Promise.all(ids.map(balanceOf))).filter((b) => b === 0);
    expect(charged).toHaveLength(5);
  });

  it("holds the per-member limit under concurrency", async () => {
    const id = await memberWith(6_000);
    const outcomes = await Promise.all(Array.from({ length: 20 }, (_, i) => redeemReward(db(), id, "pct10", `limit-${i}`, now)));
    expect(outcomes.filter((o) => o.status === "issued")).toHaveLength(1);
    expect(outcomes.filter((o) => o.status === "refused" && o.availability.reason === "limit-reached")).toHaveLength(19);
    expect(await balanceOf(id)).toBe(5_400);
  });

  it("takes codes from the shop's pool, each once, and refuses when it runs dry", async () => {
    await db().delete(couponCodes).where(and(eq(couponCodes.rewardId, "eur20")));
    await db().insert(couponCodes).values([{ rewardId: "eur20", code: "SHOP-A" }, { rewardId: "eur20", code: "SHOP-B" }]);
    const ids = await Promise.all(Array.from({ length: 4 }, () => memberWith(900)));
    const outcomes = await Promise.all(ids.map((id, i) => redeemReward(db(), id, "eur20", `pool-${i}`, now)));
    const codes = outcomes.flatMap((o) => (o.status === "issued" ? [o.coupon.code] : [])).sort();
    expect(codes).toEqual(["SHOP-A", "SHOP-B"]);
    expect(outcomes.filter((o) => o.status === "refused" && o.availability.reason === "sold-out")).toHaveLength(2);
    expect((await Promise.all(ids.map(balanceOf))).filter((b) => b === 900)).toHaveLength(2);
  });

  it("gates rewards by tier and explains every offer", async () => {
    const id = await memberWith(5_000);
    expect(await redeemReward(db(), id, "early", "tier-1", now)).toMatchObject({ status: "refused", availability: { reason: "tier-required" } });
    const offers = await listRewardOffers(db(), id, now);
    expect(offers.length).toBeGreaterThanOrEqual(6);
    expect(offers.find((o) => o.reward.id === "gold25")?.availability).toEqual({ ok: false, reason: "tier-required" });
    expect(offers.find((o) => o.reward.id === "shipping")?.availability).toEqual({ ok: true });
    expect(await redeemReward(db(), id, "no-such-reward", "tier-2", now)).toEqual({ status: "unknown-reward" });
  });

  it("lets the shop use a coupon once: second use 409-worthy, retry by the same order fine, expired refused", async () => {
    const id = await memberWith(150);
    const issued = await redeemReward(db(), id, "shipping", "use-1", now);
    if (issued.status !== "issued") throw new Error("not issued");
    const code = issued.coupon.code;
    expect(await getCoupon(db(), code, now)).toMatchObject({ status: "active", kind: "free_shipping", member_id: id });
    const later = new Date(now.getTime() + DAY);
    expect(await markCouponUsed(db(), code, "order-9", later)).toMatchObject({ status: "used", coupon: { status: "used", used_order_id: "order-9" } });
    expect(await markCouponUsed(db(), code, "order-9", later)).toMatchObject({ status: "used" });
    expect(await markCouponUsed(db(), code, "order-10", later)).toMatchObject({ status: "already-used" });
    expect(await markCouponUsed(db(), "TREUE-NOPE", "order-9", later)).toEqual({ status: "unknown" });

    const id2 = await memberWith(150);
    const old = await redeemReward(db(), id2, "shipping", "use-2", now);
    if (old.status !== "issued") throw new Error("not issued");
    expect(await markCouponUsed(db(), old.coupon.code, "order-11", new Date(now.getTime() + 31 * DAY))).toMatchObject({ status: "expired" });
  });

  it("lets only one of two racing checkouts use a coupon", async () => {
    const id = await memberWith(150);
    const issued = await redeemReward(db(), id, "shipping", "race-1", now);
    if (issued.status !== "issued") throw new Error("not issued");
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => markCouponUsed(db(), issued.coupon.code, `race-order-${i}`, now)));
    expect(results.filter((r) => r.status === "used")).toHaveLength(1);
    expect(results.filter((r) => r.status === "already-used")).toHaveLength(9);
  });
});
