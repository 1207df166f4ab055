// Points for money off, on PGlite and PostgreSQL: the shopper's chosen amount is charged once and
// becomes a coupon for exactly that much money off, whatever reads it (wallet, shop API, the shop's
// own discount); an amount out of bounds, off the step or beyond the balance writes nothing.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { discountAdapters, discountChooser, processShopDiscounts } from "../../connectors/discounts/run";
import { startFakeShopify } from "../../connectors/discounts/fakes/shopify-admin";
import type { FakeAdmin } from "../../connectors/discounts/fake-admin";
import { findLedgerMismatches } from "../ledger-audit";
import { DEMO_OWNER, seedDemo } from "../seed-demo";
import { coupons, ledgerEntries, members } from "../schema";
import { describeEachDatabase } from "../test-databases";
import { saveDiscountSettings } from "../../connectors/settings";
import { getCoupon } from "./coupons";
import { listRewardOffers, listWallet } from "./rewards";
import { redeemReward } from "../../server/rewards";

process.env.TREUE_ENCRYPTION_KEY ??= "points-off-test-key-points-off-test-key-000";
const KEY = process.env.TREUE_ENCRYPTION_KEY;

// The demo's "Punkte in Rabatt": 100 points = 1 €, 5 € to 50 € a time.
const REWARD = "punkte-rabatt";

describeEachDatabase("points for money off", (db) => {
  const now = new Date("2026-12-08T10:00:00Z");
  let n = 0;
  async function memberWith(points: number) {
    const [member] = await db()
      .insert(members)
      .values({ email: `points-off-${++n}@example.com`, shopCustomerId: `${7000 + n}`, emailVerified: now })
      .returning({ id: members.id, email: members.email });
    if (points > 0) await db().insert(ledgerEntries).values({ memberId: member!.id, delta: points, kind: "adjust", sourceRef: "test", idempotencyKey: `grant:${member!.id}` });
    return member!;
  }
  const balanceOf = async (id: string) => (await db().select({ b: members.pointsBalance }).from(members).where(eq(members.id, id)))[0]!.b;
  const couponsOf = (id: string) => db().$count(coupons, eq(coupons.memberId, id));
  const ledgerOf = (id: string) => db().$count(ledgerEntries, eq(ledgerEntries.memberId, id));

  beforeAll(async () => {
    await seedDemo(db(), now);
  });

  it("charges the chosen steps once and issues money off of exactly the chosen value", async () => {
    const { id } = await memberWith(1_234);
    const outcome = await redeemReward(db(), id, REWARD, "choose-1", now, undefined, 1_200);
    if (outcome.status !== "issued") throw new Error(outcome.status);
    expect(outcome.coupon).toMatchObject({ rewardId: REWARD, pointsCost: 1_200 });
    expect(outcome.coupon.terms).toEqual({ kind: "amount_off", name: { de: "12,00\u00a0€ Rabatt", en: "€12.00 off" }, valueCents: 1_200, percentOff: null, sku: null, minOrderCents: null });
    expect(await balanceOf(id)).toBe(34);
    const debits = await db().select({ delta: ledgerEntries.delta, kind: ledgerEntries.kind }).from(ledgerEntries).where(eq(ledgerEntries.memberId, id));
    expect(debits.filter((d) => d.kind === "redeem")).toEqual([{ delta: -1_200, kind: "redeem" }]);
    // What the wallet lists and the shop's checkout reads: money off, 12 €.
    expect((await listWallet(db(), id))[0]).toMatchObject({ id: outcome.coupon.id, terms: { kind: "amount_off", valueCents: 1_200 } });
    expect(await getCoupon(db(), outcome.coupon.code, now)).toMatchObject({ status: "active", kind: "amount_off", amount_off_cents: 1_200, name: "12,00\u00a0€ Rabatt", reward_id: REWARD });
    // The same request again (a retry, another amount or not) is that coupon, charged once.
    expect(await redeemReward(db(), id, REWARD, "choose-1", now, undefined, 500)).toEqual({ status: "duplicate", coupon: outcome.coupon });
    expect(await balanceOf(id)).toBe(34);
    expect(await findLedgerMismatches(db())).toEqual([]);
  });

  it("takes the minimum and the maximum themselves, to the exact point", async () => {
    const { id } = await memberWith(5_500);
    expect(await redeemReward(db(), id, REWARD, "max", now, undefined, 5_000)).toMatchObject({ status: "issued", coupon: { pointsCost: 5_000, terms: { valueCents: 5_000 } } });
    expect(await redeemReward(db(), id, REWARD, "min", now, undefined, 500)).toMatchObject({ status: "issued", coupon: { pointsCost: 500, terms: { valueCents: 500 } } });
    expect(await balanceOf(id)).toBe(0);
  });

  it("refuses an amount below the minimum, above the maximum, off the step, missing or beyond the balance, and writes nothing", async () => {
    const { id } = await memberWith(800);
    const refused = async (requestId: string, cents: number | undefined) => {
      const outcome = await redeemReward(db(), id, REWARD, requestId, now, undefined, cents);
      return outcome.status === "refused" ? outcome.availability : outcome;
    };
    expect(await refused("below", 400)).toEqual({ ok: false, reason: "below-minimum" });
    expect(await refused("above", 5_100)).toEqual({ ok: false, reason: "above-maximum" });
    expect(await refused("off-step", 550)).toEqual({ ok: false, reason: "not-a-step" });
    expect(await refused("fraction", 500.5)).toEqual({ ok: false, reason: "not-a-step" });
    expect(await refused("none", undefined)).toEqual({ ok: false, reason: "not-a-step" });
    expect(await refused("too-dear", 900)).toEqual({ ok: false, reason: "insufficient-points", missingPoints: 100 });
    expect(await balanceOf(id)).toBe(800);
    expect(await couponsOf(id)).toBe(0);
    expect(await ledgerOf(id)).toBe(1); // the grant only
    // A refused request id is free for the next attempt.
    expect(await redeemReward(db(), id, REWARD, "too-dear", now, undefined, 800)).toMatchObject({ status: "issued", coupon: { pointsCost: 800 } });
    expect(await balanceOf(id)).toBe(0);
  });

  it("is not offered below the minimum's points: the catalog says how many are missing", async () => {
    const { id } = await memberWith(420);
    const offer = (await listRewardOffers(db(), id, now)).find((o) => o.reward.id === REWARD);
    expect(offer?.availability).toEqual({ ok: false, reason: "insufficient-points", missingPoints: 80 });
    expect(await redeemReward(db(), id, REWARD, "poor", now, undefined, 400)).toMatchObject({ status: "refused", availability: { reason: "insufficient-points", missingPoints: 80 } });
    expect(await couponsOf(id)).toBe(0);
  });

  it("charges a double tap once, and never overdraws under concurrent amounts", async () => {
    const { id } = await memberWith(2_000);
    const taps = await Promise.all(Array.from({ length: 10 }, () => redeemReward(db(), id, REWARD, "double-tap", now, undefined, 700)));
    expect(taps.filter((o) => o.status === "issued")).toHaveLength(1);
    expect(taps.filter((o) => o.status === "duplicate")).toHaveLength(9);
    expect(await balanceOf(id)).toBe(1_300);
    // 1 300 points left; eight requests of 6 € each: two fit, whatever the order.
    const burst = await Promise.all(Array.from({ length: 8 }, (_, i) => redeemReward(db(), id, REWARD, `burst-${i}`, now, undefined, 600)));
    expect(burst.filter((o) => o.status === "issued")).toHaveLength(2);
    expect(burst.filter((o) => o.status === "refused" && o.availability.reason === "insufficient-points")).toHaveLength(6);
    expect(await balanceOf(id)).toBe(100);
    expect(await couponsOf(id)).toBe(3);
    expect(await findLedgerMismatches(db())).toEqual([]);
  });

  describeShopDiscount(db, now, memberWith);
});

/** With a shop connected, the chosen amount is the discount the shop creates: money off, that much. */
function describeShopDiscount(db: () => Parameters<typeof redeemReward>[0], now: Date, memberWith: (points: number) => Promise<{ id: string; email: string }>) {
  let fake: FakeAdmin;
  beforeAll(async () => {
    fake = await startFakeShopify();
    const [owner] = await db().select().from(members).where(eq(members.email, DEMO_OWNER.email));
    await saveDiscountSettings(db(), { id: owner!.id, email: owner!.email }, "shopify", { enabled: true, adminUrl: fake.url, credentials: fake.credentials }, KEY);
  });
  afterAll(async () => {
    await fake.close();
  });

  it("becomes an amount-off discount of the chosen value in the shop", async () => {
    const member = await memberWith(3_000);
    fake.addCustomer?.(member.email);
    const outcome = await redeemReward(db(), member.id, REWARD, "to-shop", now, discountChooser(await discountAdapters(db())), 2_300);
    if (outcome.status !== "issued") throw new Error(outcome.status);
    expect(outcome.coupon).toMatchObject({ shopStatus: "pending", shopPlatform: "shopify", pointsCost: 2_300 });
    expect(await processShopDiscounts(db(), () => now, { currency: "EUR", couponId: outcome.coupon.id })).toMatchObject({ created: 1 });
    const made = fake.discounts().filter((d) => d.code === outcome.coupon.code);
    expect(made).toHaveLength(1);
    expect(JSON.stringify(made[0]!.body)).toContain('"discountAmount":{"amount":"23.00"');
    expect(fake.violations).toEqual([]);
  });
}
