// The till (Console → Kasse) on both databases: an in-store purchase earns exactly what the same
// online order earns, through the same path; a receipt books once, also from two tills at once;
// a coupon is redeemed once; the member is found by their card; the shop API keeps the till's ids.
import { randomUUID } from "node:crypto";
import { count, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { ConsoleError } from "../../errors";
import { formatMemberNumber, memberNumberFrom } from "../../loyalty/member-number";
import { bodyHash } from "../../shop-api/canonical-json";
import { receiveShopEvent } from "../../shop-api/event-intake";
import { shopEventSchema } from "../../validations/shop-events";
import { tillBookSchema } from "../../validations/till";
import { findLedgerMismatches } from "../../db/ledger-audit";
import { DEMO_TILL, seedDemo } from "../../db/seed-demo";
import { auditLog, coupons, ledgerEntries, members, orders, shopEvents } from "../../db/schema";
import { describeEachDatabase } from "../../db/test-databases";
import { getLedgerPage } from "../../db/queries/members";
import { ensureMemberNumber } from "../../db/queries/member-number";
import { issueGiftCoupon } from "../../db/queries/rewards";
import { getChannelMetrics } from "../../db/queries/channel-metrics";
import { cancelCoupon } from "../members";
import { applyShopEvent } from "../orders/apply-shop-event";
import { bookStorePurchase, lookUpAtTill, redeemCouponAtTill } from ".";

/** The refusal's catalog key and values, or a failure when the promise did not refuse. */
async function refusal(promise: Promise<unknown>): Promise<ConsoleError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ConsoleError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

describeEachDatabase("the till", (db, kind) => {
  const now = new Date("2026-11-22T10:00:00Z");
  let till: { id: string; email: string };
  let seq = 0;

  /** A member as a shop customer makes them: with the shop's customer id, or (a sign-up in the app) without. */
  async function newMember(withShopId: boolean) {
    const n = ++seq;
    const [member] = await db()
      .insert(members)
      .values({ email: `till-${kind}-${n}@example.com`, name: `Kundin ${n}`, ...(withShopId && { shopCustomerId: `till-cust-${kind}-${n}` }) })
      .returning();
    return member!;
  }
  const book = (memberId: string, amountCents: number, receipt: string, store = "Laden Mitte") => bookStorePurchase(db(), till, tillBookSchema.parse({ memberId, amountCents, receipt, store }), now);
  const tally = async () => ({
    orders: (await db().select({ n: count() }).from(orders))[0]!.n,
    ledger: (await db().select({ n: count() }).from(ledgerEntries))[0]!.n,
    events: (await db().select({ n: count() }).from(shopEvents))[0]!.n,
    audit: (await db().select({ n: count() }).from(auditLog))[0]!.n,
    balances: (await db().select({ n: sql<number>`sum(points_balance)::int` }).from(members))[0]!.n,
  });

  beforeAll(async () => {
    await seedDemo(db(), now);
    const [row] = await db().select({ id: members.id, email: members.email, role: members.role }).from(members).where(eq(members.email, DEMO_TILL.email));
    expect(row?.role).toBe("store");
    till = { id: row!.id, email: row!.email };
  });

  it("books a purchase that earns exactly what an online order of the same amount earns, by shop id or by e-mail", async () => {
    for (const withShopId of [true, false]) {
      const online = await newMember(withShopId);
      const inStore = await newMember(withShopId);
      const event = shopEventSchema.parse({
        id: `evt-online-${online.id}`,
        type: "order.paid",
        occurred_at: now.toISOString(),
        data: { order_id: `online-${online.id}`, customer: { id: online.shopCustomerId ?? `guest-${online.id}`, email: online.email }, currency: "EUR", subtotal_cents: 4_990, items: [] },
      });
      const onlineOutcome = await applyShopEvent(db(), event, bodyHash(event), now);
      const booked = await book(inStore.id, 4_990, `R-${seq}`);

      expect(onlineOutcome).toMatchObject({ status: "applied" });
      const onlineResult = onlineOutcome.status === "conflict" ? null : onlineOutcome.result;
      expect(booked).toMatchObject({ memberId: inStore.id, points: onlineResult!.points_delta, balance: onlineResult!.balance, tier: onlineResult!.tier, currency: "EUR", amountCents: 4_990 });
      expect(booked.points).toBe(49);
      const [storeOrder] = await db().select().from(orders).where(eq(orders.memberId, inStore.id));
      const [onlineOrder] = await db().select().from(orders).where(eq(orders.memberId, online.id));
      expect(storeOrder).toMatchObject({ shopOrderId: `store:laden-mitte:R-${seq}`, channel: "store", pointsEarned: onlineOrder!.pointsEarned, ruleVersion: onlineOrder!.ruleVersion, subtotalCents: 4_990 });
      expect(onlineOrder!.channel).toBe("online");
      const ledgerOf = async (memberId: string) => (await db().select().from(ledgerEntries).where(eq(ledgerEntries.memberId, memberId))).map((r) => ({ kind: r.kind, delta: r.delta, expiresAt: r.expiresAt, ruleVersion: r.ruleVersion }));
      expect(await ledgerOf(inStore.id)).toEqual(await ledgerOf(online.id));
      // Nothing else about the member changed: the till found them, it did not make or rename anyone.
      const [after] = await db().select().from(members).where(eq(members.id, inStore.id));
      expect(after).toMatchObject({ email: inStore.email, name: inStore.name, shopCustomerId: inStore.shopCustomerId });
    }
    expect(await findLedgerMismatches(db())).toEqual([]);
  });

  it("says in the shopper's history where it was bought, and writes the audit row", async () => {
    const member = await newMember(true);
    await book(member.id, 12_000, "H-1", "Café am Markt");
    const [line] = await getLedgerPage(db(), member.id, { limit: 1 });
    expect(line).toMatchObject({ kind: "earn_order", sourceRef: "order:store:cafe-am-markt:H-1", storeName: "Café am Markt", order: { subtotalCents: 12_000, currency: "EUR" } });
    const [audit] = await db().select().from(auditLog).where(eq(auditLog.target, `member:${member.id}`));
    expect(audit).toMatchObject({ actorEmail: DEMO_TILL.email, action: "till.purchase", after: { store: "Café am Markt", receipt: "H-1", amountCents: 12_000, currency: "EUR", points: 120 } });
  });

  it("refuses the same receipt of the same store again, however it is typed, with when it was booked, and writes nothing", async () => {
    const member = await newMember(true);
    await book(member.id, 2_000, "A4711");
    const before = await tally();
    for (const [receipt, store] of [["A4711", "Laden Mitte"], [" a 4711", "laden   mitte"]] as const) {
      const refused = await refusal(book(member.id, 9_999, receipt, store));
      expect(refused).toMatchObject({ code: "conflict", key: "tillReceiptBooked", values: { receipt: "A4711", at: now }, pointer: "/receipt" });
    }
    // Another member, the same receipt: still the one receipt.
    expect(await refusal(book((await newMember(false)).id, 2_000, "A4711"))).toMatchObject({ key: "tillReceiptBooked" });
    expect(await tally()).toEqual(before);
    // The same receipt in another store is another purchase.
    await expect(book(member.id, 2_000, "A4711", "Laden Süd")).resolves.toMatchObject({ points: 20 });
  });

  it("lets one of two tills booking the same receipt at once win; the other is refused and writes nothing", async () => {
    for (const withShopId of [true, false]) {
      const first = await newMember(withShopId);
      const second = await newMember(withShopId);
      const receipt = `RACE-${seq}`;
      const before = await tally();
      const outcomes = await Promise.allSettled([book(first.id, 5_000, receipt), book(second.id, 5_000, receipt), book(first.id, 5_000, receipt)]);
      const won = outcomes.filter((o) => o.status === "fulfilled");
      const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === "rejected");
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(2);
      for (const l of lost) expect(l.reason).toMatchObject({ key: "tillReceiptBooked" });
      const after = await tally();
      expect(after).toMatchObject({ orders: before.orders + 1, ledger: before.ledger + 1, events: before.events + 1, audit: before.audit + 1, balances: before.balances + 50 });
    }
    expect(await findLedgerMismatches(db())).toEqual([]);
  });

  it("finds the member by their card's number, says why a number is wrong, and finds a coupon's owner by its code", async () => {
    const member = await newMember(true);
    const number = await ensureMemberNumber(db(), member.id);
    const coupon = await db().transaction((tx) => issueGiftCoupon(tx, member.id, "eur5", `gift-${member.id}`, 30, now));
    const found = await lookUpAtTill(db(), formatMemberNumber(number), now);
    expect(found).toMatchObject({ couponCode: null, member: { id: member.id, name: member.name, memberNumber: number, balance: 0, coupons: [{ code: coupon!.code, name: { de: expect.any(String) } }] } });
    expect(await lookUpAtTill(db(), coupon!.code.toLowerCase(), now)).toMatchObject({ couponCode: coupon!.code, member: { id: member.id } });

    const typo = number.slice(0, 9) + ((Number(number[9]) + 1) % 10);
    expect(await refusal(lookUpAtTill(db(), typo, now))).toMatchObject({ code: "invalid-input", key: "tillNumberCheck" });
    expect(await refusal(lookUpAtTill(db(), "1234 567", now))).toMatchObject({ key: "tillNumberFormat", values: { digits: 7 } });
    expect(await refusal(lookUpAtTill(db(), "  ", now))).toMatchObject({ key: "tillLookupEmpty" });
    expect(await refusal(lookUpAtTill(db(), "no such thing!", now))).toMatchObject({ key: "tillNothingFound" });
    let unknown = memberNumberFrom(7);
    if (unknown === number) unknown = memberNumberFrom(8);
    expect(await refusal(lookUpAtTill(db(), unknown, now))).toMatchObject({ code: "not-found", key: "tillNumberUnknown", values: { number: formatMemberNumber(unknown) } });
  });

  it("redeems a coupon once through the coupon-use service and refuses used, expired and cancelled ones", async () => {
    const member = await newMember(false);
    const gift = (id: string, days = 30) => db().transaction((tx) => issueGiftCoupon(tx, member.id, "eur5", id, days, now)).then((c) => c!);
    const coupon = await gift("till-a");
    const tap = randomUUID();
    const redeemed = await redeemCouponAtTill(db(), till, { code: coupon.code, store: "Laden Mitte", requestId: tap }, now);
    expect(redeemed).toMatchObject({ code: coupon.code, memberId: member.id, usedAt: now.toISOString() });
    // The same tap again (a retry) is the same use; another tap is a second use and refused.
    await expect(redeemCouponAtTill(db(), till, { code: coupon.code, store: "Laden Mitte", requestId: tap }, new Date(now.getTime() + 1_000))).resolves.toMatchObject({ code: coupon.code });
    expect(await refusal(redeemCouponAtTill(db(), till, { code: coupon.code, store: "Laden Süd", requestId: randomUUID() }, now))).toMatchObject({ code: "conflict", key: "tillCouponUsed", values: { at: now } });
    const [used] = await db().select().from(coupons).where(eq(coupons.id, coupon.id));
    expect(used).toMatchObject({ usedAt: now, usedOrderId: `store:laden-mitte:coupon-${tap}` });
    expect(await db().select().from(auditLog).where(eq(auditLog.action, "till.coupon"))).toMatchObject([{ target: `member:${member.id}`, after: { coupon: coupon.code, store: "Laden Mitte" } }]);
    // Gone from the member's coupons the till lists.
    expect((await lookUpAtTill(db(), coupon.code, now).catch(() => null))?.member.coupons.map((c) => c.code) ?? []).not.toContain(coupon.code);

    const expired = await gift("till-b", 1);
    expect(await refusal(redeemCouponAtTill(db(), till, { code: expired.code, store: "Laden Mitte", requestId: randomUUID() }, new Date(now.getTime() + 2 * 86_400_000)))).toMatchObject({ key: "tillCouponExpired" });
    const cancelled = await gift("till-c");
    await cancelCoupon(db(), till, cancelled.id, "Kulanz", now);
    expect(await refusal(redeemCouponAtTill(db(), till, { code: cancelled.code, store: "Laden Mitte", requestId: randomUUID() }, now))).toMatchObject({ key: "tillCouponCancelled" });
    expect(await refusal(redeemCouponAtTill(db(), till, { code: "NOPE-0000", store: "Laden Mitte", requestId: randomUUID() }, now))).toMatchObject({ code: "not-found", key: "tillCouponUnknown" });
    for (const c of [expired, cancelled]) expect((await db().select().from(coupons).where(eq(coupons.id, c.id)))[0]!.usedAt).toBeNull();
  });

  it("counts in-store purchases as their own channel in Insights", async () => {
    const figures = await getChannelMetrics(db(), { from: "2026-11-01", to: "2026-12-01" }, "Europe/Berlin");
    const [store] = await db().select({ orders: count(), revenue: sql<number>`sum(subtotal_cents)::int`, points: sql<number>`sum(points_earned)::int` }).from(orders).where(sql`shop_order_id like 'store:%' and paid_at >= '2026-11-01' and paid_at < '2026-12-01'`);
    expect(figures.store).toEqual({ orders: store!.orders, revenue_cents: store!.revenue, points: store!.points });
    expect(figures.store.orders).toBeGreaterThan(0);
    expect(figures.online.orders).toBeGreaterThan(0);
  });

  describe("the shop API keeps the till's ids", () => {
    const send = (body: unknown) => receiveShopEvent(db(), JSON.stringify(body));
    const paid = (id: string, orderId: string) => ({ id, type: "order.paid", occurred_at: now.toISOString(), data: { order_id: orderId, customer: { id: "api-cust", email: "api@example.com" }, currency: "EUR", subtotal_cents: 1_000, items: [] } });

    it("refuses an event id or an order id starting with store:, and writes nothing", async () => {
      const before = await tally();
      for (const [body, type] of [
        [paid("store:laden-mitte:1", "order-1"), "reserved-event-id"],
        [paid("evt-api-1", "store:laden-mitte:1"), "reserved-order-id"],
        [{ id: "evt-api-2", type: "order.refunded", occurred_at: now.toISOString(), data: { order_id: "store:laden-mitte:A4711", amount_cents: 100 } }, "reserved-order-id"],
      ] as const) {
        const response = await send(body);
        expect(response.status).toBe(422);
        expect(await response.json()).toMatchObject({ type: `urn:treue:problem:${type}` });
      }
      const after = await tally();
      expect({ ...after, audit: before.audit }).toEqual(before);
      // An ordinary id still applies.
      expect((await send(paid("evt-api-3", "order-3"))).status).toBe(200);
    });
  });
});
