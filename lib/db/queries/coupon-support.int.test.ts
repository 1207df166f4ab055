// Support's coupon actions (cancel: points back; reissue: a fresh code, no points charged) and the
// shop's checkout must never let one coupon's points be paid out twice: a cancelled coupon is not
// reissued, a replaced coupon is not cancelled, and neither code works at the shop any more, even
// when the clocks of two app instances disagree by a second.
import { and, eq, like } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { ConsoleError } from "../../errors";
import { findLedgerMismatches } from "../ledger-audit";
import { DEMO_OWNER, seedDemo } from "../seed-demo";
import { coupons, ledgerEntries, members } from "../schema";
import { describeEachDatabase } from "../test-databases";
import { getMemberDossier } from "./console-members";
import { cancelCoupon, reissueCoupon } from "../../server/members";
import { markCouponUsed, redeemReward } from "../../server/rewards";
import { applyShopEvent } from "../../server/orders/apply-shop-event";
import { bodyHash } from "../../shop-api/canonical-json";
import { shopEventSchema } from "../../validations/shop-events";

describeEachDatabase("coupon support actions", (db) => {
  const now = new Date("2026-11-22T10:00:00Z");
  const second = (s: number) => new Date(now.getTime() + s * 1_000);
  let n = 0;

  beforeAll(async () => {
    await seedDemo(db(), now);
  });

  const actor = async () => {
    const [m] = await db().select().from(members).where(eq(members.email, DEMO_OWNER.email));
    return { id: m!.id, email: m!.email, role: m!.role };
  };
  /** A member who just redeemed the 5 € reward (250 points) and holds its coupon. */
  async function memberWithCoupon() {
    const [m] = await db().insert(members).values({ email: `coupon-support${++n}@example.com` }).returning({ id: members.id });
    await db().insert(ledgerEntries).values({ memberId: m!.id, delta: 250, kind: "adjust", sourceRef: "test", idempotencyKey: `grant:${m!.id}`, createdAt: second(-86_400) });
    const issued = await redeemReward(db(), m!.id, "eur5", `buy-${n}`, now);
    if (issued.status !== "issued") throw new Error("not issued");
    return { memberId: m!.id, coupon: issued.coupon };
  }
  const balance = async (memberId: string) => (await db().select({ b: members.pointsBalance }).from(members).where(eq(members.id, memberId)))[0]!.b;
  const couponCount = async (memberId: string) => db().$count(coupons, eq(coupons.memberId, memberId));
  const refusal = async (work: Promise<unknown>) => {
    const error = await work.then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(ConsoleError);
    return (error as ConsoleError).key;
  };

  it("refuses to reissue a cancelled coupon: its points already went back", async () => {
    const { memberId, coupon } = await memberWithCoupon();
    await cancelCoupon(db(), await actor(), coupon.id, "Falsche Prämie gewählt", second(1));
    expect(await balance(memberId)).toBe(250);
    expect(await refusal(reissueCoupon(db(), await actor(), coupon.id, "nie erhalten", second(2)))).toBe("couponCancelled");
    expect(await couponCount(memberId)).toBe(1);
    expect(await refusal(cancelCoupon(db(), await actor(), coupon.id, "nochmal", second(3)))).toBe("couponCancelled");
    expect(await balance(memberId)).toBe(250);
    expect(await findLedgerMismatches(db())).toEqual([]);
  });

  it("refuses to reissue a used coupon, saying it was used", async () => {
    const { memberId, coupon } = await memberWithCoupon();
    expect(await markCouponUsed(db(), coupon.code, "order-used-1", second(1))).toMatchObject({ status: "used" });
    expect(await refusal(reissueCoupon(db(), await actor(), coupon.id, "nie erhalten", second(2)))).toBe("couponUsedNoReissue");
    expect(await refusal(cancelCoupon(db(), await actor(), coupon.id, "zu spät", second(2)))).toBe("couponUsed");
    expect(await couponCount(memberId)).toBe(1);
    expect(await balance(memberId)).toBe(0);
  });

  it("refuses to cancel a coupon that was reissued, even on an instance whose clock is a second behind", async () => {
    const { memberId, coupon } = await memberWithCoupon();
    const replacement = await reissueCoupon(db(), await actor(), coupon.id, "Code nie angekommen", second(2));
    expect(await refusal(cancelCoupon(db(), await actor(), coupon.id, "doch nicht", second(1)))).toBe("couponReissued");
    expect(await refusal(cancelCoupon(db(), await actor(), coupon.id, "doch nicht", second(3)))).toBe("couponReissued");
    expect(await balance(memberId)).toBe(0);
    // The replacement itself can be cancelled, once: the points go back once.
    await cancelCoupon(db(), await actor(), (await db().select().from(coupons).where(eq(coupons.code, replacement.code)))[0]!.id, "doch nicht", second(4));
    expect(await balance(memberId)).toBe(250);
    expect(await findLedgerMismatches(db())).toEqual([]);
  });

  it("reissues a coupon once when support clicks twice at the same moment", async () => {
    const { memberId, coupon } = await memberWithCoupon();
    const outcomes = await Promise.all([reissueCoupon(db(), await actor(), coupon.id, "verloren", second(1)), reissueCoupon(db(), await actor(), coupon.id, "verloren", second(1))]);
    expect(outcomes[0]!.code).toBe(outcomes[1]!.code);
    expect(outcomes.map((o) => o.duplicate).sort()).toEqual([false, true]);
    expect(await couponCount(memberId)).toBe(2);
    expect(await db().$count(coupons, and(eq(coupons.memberId, memberId), like(coupons.requestId, "reissue:%")))).toBe(1);
  });

  it("does not let the shop use a cancelled or replaced code, whatever the clock says", async () => {
    const cancelled = await memberWithCoupon();
    await cancelCoupon(db(), await actor(), cancelled.coupon.id, "storniert", second(2));
    expect(await markCouponUsed(db(), cancelled.coupon.code, "order-c", second(1))).toMatchObject({ status: "withdrawn", reason: "cancelled" });
    expect(await markCouponUsed(db(), cancelled.coupon.code, "order-c", second(3))).toMatchObject({ status: "withdrawn", reason: "cancelled" });

    const replaced = await memberWithCoupon();
    const fresh = await reissueCoupon(db(), await actor(), replaced.coupon.id, "verloren", second(2));
    expect(await markCouponUsed(db(), replaced.coupon.code, "order-r", second(1))).toMatchObject({ status: "withdrawn", reason: "replaced" });
    expect(await markCouponUsed(db(), fresh.code, "order-r", second(3))).toMatchObject({ status: "used" });
    const [old] = await db().select().from(coupons).where(eq(coupons.id, replaced.coupon.id));
    expect(old!.usedAt).toBeNull();
  });

  it("shows support which coupons were cancelled or replaced, so the member page offers neither action again", async () => {
    const { memberId, coupon } = await memberWithCoupon();
    await db().insert(ledgerEntries).values({ memberId, delta: 250, kind: "adjust", sourceRef: "test", idempotencyKey: `grant-more:${memberId}`, createdAt: now });
    const other = await redeemReward(db(), memberId, "eur5", `buy-more-${n}`, second(1));
    if (other.status !== "issued") throw new Error("not issued");
    await cancelCoupon(db(), await actor(), coupon.id, "Falsche Prämie", second(2));
    const { code: replacement } = await reissueCoupon(db(), await actor(), other.coupon.id, "nie angekommen", second(3));
    const wallet = (await getMemberDossier(db(), memberId, second(4)))!.wallet;
    const byCode = new Map(wallet.map((c) => [c.code, c.withdrawn]));
    expect(byCode.get(coupon.code)).toEqual({ reason: "cancelled" });
    expect(byCode.get(other.coupon.code)).toEqual({ reason: "replaced", code: replacement });
    expect(byCode.get(replacement)).toBeNull();
  });

  it("shows support the order that used a coupon and that it was refunded since (the points stay spent)", async () => {
    const { memberId, coupon } = await memberWithCoupon();
    const [m] = await db().select({ email: members.email }).from(members).where(eq(members.id, memberId));
    const order = (id: string, type: "order.paid" | "order.refunded", data: object) => shopEventSchema.parse({ id, type, occurred_at: second(5).toISOString(), data });
    const paid = order(`evt-used-${n}`, "order.paid", { order_id: `used-${n}`, customer: { id: `c-used-${n}`, email: m!.email }, currency: "EUR", subtotal_cents: 6_000, items: [{ sku: "S", name: "Zelt", quantity: 1, unit_price_cents: 6_000 }] });
    await applyShopEvent(db(), paid, bodyHash(paid), second(5));
    expect(await markCouponUsed(db(), coupon.code, `used-${n}`, second(6))).toMatchObject({ status: "used" });
    const before = (await getMemberDossier(db(), memberId, second(7)))!.wallet.find((c) => c.id === coupon.id)!;
    expect(before).toMatchObject({ usedOrderId: `used-${n}`, usedOrderRefunded: false });
    const refund = order(`evt-refund-${n}`, "order.refunded", { order_id: `used-${n}`, amount_cents: 6_000 });
    await applyShopEvent(db(), refund, bodyHash(refund), second(8));
    const after = (await getMemberDossier(db(), memberId, second(9)))!.wallet.find((c) => c.id === coupon.id)!;
    expect(after).toMatchObject({ usedOrderId: `used-${n}`, usedOrderRefunded: true });
    expect(after.usedAt).not.toBeNull();
  });
});
