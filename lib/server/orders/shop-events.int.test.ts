import { asc, desc, eq } from "drizzle-orm";
import { parseEarnRule, pointsForOrder } from "../../loyalty/earn-rule";
import { tierStanding } from "../../loyalty/tier-standing";
import { expect, it } from "vitest";
import { DomainError } from "../../errors";
import { bodyHash } from "../../shop-api/canonical-json";
import { shopEventSchema, type ShopEvent } from "../../validations/shop-events";
import { findLedgerMismatches } from "../../db/ledger-audit";
import { DEMO_OWNER, seedDemo } from "../../db/seed-demo";
import { auditLog, ledgerEntries, members, orders, shopEvents } from "../../db/schema";
import { describeEachDatabase } from "../../db/test-databases";
import { saveEarnRule } from "../program";
import { earnRuleAt, getProgramConfig } from "../../db/queries/program";
import { applyShopEvent } from "./apply-shop-event";
import { getShopCustomer } from "./shop-customer";

let seq = 0;
function orderPaid(customer: { id: string; email: string; name?: string }, subtotalCents: number, orderId = `o${++seq}`): ShopEvent {
  return shopEventSchema.parse({
    id: `evt_paid_${orderId}`,
    type: "order.paid",
    occurred_at: "2026-11-20T10:00:00Z",
    data: { order_id: orderId, customer, currency: "EUR", subtotal_cents: subtotalCents, items: [] },
  });
}
function refund(orderId: string, amountCents: number, id = `evt_refund_${++seq}`): ShopEvent {
  return shopEventSchema.parse({ id, type: "order.refunded", occurred_at: "2026-11-21T10:00:00Z", data: { order_id: orderId, amount_cents: amountCents } });
}

describeEachDatabase("shop events", (db) => {
  const apply = (event: ShopEvent) => applyShopEvent(db(), event, bodyHash(event));
  const now = new Date("2026-11-22T10:00:00Z");

  it("turns an unknown customer into a member who earns one point per full euro", async () => {
    await seedDemo(db(), now); // program with tiers
    const outcome = await apply(orderPaid({ id: "c-new", email: "New@Example.com", name: "Neu" }, 4_299, "5001"));
    expect(outcome.status).toBe("applied");
    if (outcome.status === "conflict") return;
    expect(outcome.result).toMatchObject({ status: "applied", event_id: "evt_paid_5001", points_delta: 42, balance: 42, tier: { id: "bronze" } });
    const [member] = await db().select().from(members).where(eq(members.email, "new@example.com"));
    expect(member).toMatchObject({ shopCustomerId: "c-new", name: "Neu", pointsBalance: 42 });
    expect(await getShopCustomer(db(), "c-new", now)).toMatchObject({
      balance: 42,
      qualifying_spend_cents: 4_299,
      tier: { id: "bronze", name: "Bronze" },
      next_tier: { id: "silber", threshold_cents: 25_000 },
    });
    expect(await getShopCustomer(db(), "nobody", now)).toBeNull();
  });

  it("applies the same event delivered 50 times at once exactly once", async () => {
    const event = orderPaid({ id: "c-burst", email: "burst@example.com" }, 10_000);
    const outcomes = await Promise.all(Array.from({ length: 50 }, () => apply(event)));
    expect(outcomes.filter((o) => o.status === "applied")).toHaveLength(1);
    expect(outcomes.filter((o) => o.status === "duplicate")).toHaveLength(49);
    for (const o of outcomes) if (o.status !== "conflict") expect(o.result).toMatchObject({ points_delta: 100, balance: 100 });
    const memberId = outcomes[0]!.status !== "conflict" ? outcomes[0]!.result.member_id : "";
    expect(await db().$count(ledgerEntries, eq(ledgerEntries.memberId, memberId))).toBe(1);
  });

  it("refuses the same id with another body and changes nothing", async () => {
    const event = orderPaid({ id: "c-conf", email: "conf@example.com" }, 2_000);
    await apply(event);
    const altered = { ...event, data: { ...event.data, subtotal_cents: 9_000 } } as ShopEvent;
    expect(await apply(altered)).toEqual({ status: "conflict" });
    expect((await getShopCustomer(db(), "c-conf"))?.balance).toBe(20);
  });

  it("earns once per order even under a second event id", async () => {
    const first = orderPaid({ id: "c-twice", email: "twice@example.com" }, 3_000, "dup-order");
    await apply(first);
    const again = await apply({ ...first, id: "evt_other" } as ShopEvent);
    expect(again).toMatchObject({ status: "applied", result: { points_delta: 0, balance: 30 } });
  });

  it("claws back partial and full refunds pro rata, never more than earned", async () => {
    await apply(orderPaid({ id: "c-ref", email: "ref@example.com" }, 10_000, "r1"));
    expect(await apply(refund("r1", 2_500))).toMatchObject({ result: { points_delta: -25, balance: 75 } });
    expect(await apply(refund("r1", 2_500))).toMatchObject({ result: { points_delta: -25, balance: 50 } });
    expect(await apply(refund("r1", 99_999))).toMatchObject({ result: { points_delta: -50, balance: 0 } });
    expect(await apply(refund("r1", 100))).toMatchObject({ result: { points_delta: 0, balance: 0 } });
    expect((await getShopCustomer(db(), "c-ref"))?.qualifying_spend_cents).toBe(0);
  });

  it("records what a refund cannot take back as debt that later earnings settle first", async () => {
    const customer = { id: "c-debt", email: "debt@example.com" };
    const paid = await apply(orderPaid(customer, 10_000, "d1"));
    const memberId = paid.status !== "conflict" ? paid.result.member_id : "";
    // The member spends 80 of 100 points (as a redemption would).
    await db().insert(ledgerEntries).values({ memberId, delta: -80, kind: "redeem", sourceRef: "reward:test", idempotencyKey: "debt-redeem" });
    expect(await apply(refund("d1", 10_000))).toMatchObject({ result: { points_delta: -20, balance: 0 } });
    const [owing] = await db().select({ debt: members.pointsDebt }).from(members).where(eq(members.id, memberId));
    expect(owing?.debt).toBe(80);

    expect(await apply(orderPaid(customer, 5_000, "d2"))).toMatchObject({ result: { points_delta: 0, balance: 0 } });
    expect(await apply(orderPaid(customer, 5_000, "d3"))).toMatchObject({ result: { points_delta: 20, balance: 20 } });
    const [settled] = await db().select({ debt: members.pointsDebt }).from(members).where(eq(members.id, memberId));
    expect(settled?.debt).toBe(0);
    expect(await findLedgerMismatches(db())).toEqual([]);
  });

  it("refuses a refund for an unknown order and writes nothing", async () => {
    const event = refund("no-such-order", 100, "evt_refund_unknown");
    await expect(apply(event)).rejects.toThrow(DomainError);
    expect(await db().$count(shopEvents, eq(shopEvents.id, "evt_refund_unknown"))).toBe(0);
  });

  it("lets a shopper's sign-in claim the member the shop created, and updates it on customer.updated", async () => {
    await apply(orderPaid({ id: "c-claim", email: "claim-me@example.com" }, 1_000));
    const update = shopEventSchema.parse({
      id: "evt_cu_1",
      type: "customer.updated",
      occurred_at: "2026-11-21T10:00:00Z",
      data: { customer: { id: "c-claim", email: "claim-me@example.com", name: "Clara", birthday: "1991-03-02" } },
    });
    expect(await apply(update)).toMatchObject({ result: { points_delta: 0, balance: 10 } });
    const [m] = await db().select().from(members).where(eq(members.shopCustomerId, "c-claim"));
    expect(m).toMatchObject({ name: "Clara", birthday: "1991-03-02", email: "claim-me@example.com" });
  });

  it("earns at the tier held when ordering and reports the tier the order reaches", async () => {
    const customer = { id: "c-tier", email: "tier@example.com" };
    const paid = (cents: number, id: string) => apply(orderPaid(customer, cents, id));
    expect(await paid(24_000, "t1")).toMatchObject({ result: { points_delta: 240, tier: { id: "bronze" } } });
    // Crosses Silber (250 €) but was placed as Bronze: plain rate.
    expect(await paid(2_000, "t2")).toMatchObject({ result: { points_delta: 20, tier: { id: "silber", name: "Silber" } } });
    // Placed as Silber: × 1.25.
    expect(await paid(10_000, "t3")).toMatchObject({ result: { points_delta: 125, balance: 385, tier: { id: "silber" } } });
    // Refunds reduce qualifying spend: back below Silber.
    expect(await apply(refund("t3", 10_000))).toMatchObject({ result: { points_delta: -125, balance: 260, tier: { id: "silber" } } });
    expect(await apply(refund("t2", 1_001))).toMatchObject({ result: { tier: { id: "bronze" } } });
    expect(await getShopCustomer(db(), "c-tier")).toMatchObject({ qualifying_spend_cents: 24_999, tier: { id: "bronze" }, next_tier: { id: "silber" } });
  });

  it("prices each of 40 concurrent orders of one customer at the tier its predecessors reached", async () => {
    const customer = { id: "c-race", email: "race@example.com" };
    await apply(orderPaid(customer, 1_000, "race-0"));
    const outcomes = await Promise.all(Array.from({ length: 40 }, (_, i) => apply(orderPaid(customer, 3_000, `race-${i + 1}`))));
    expect(outcomes.every((o) => o.status === "applied")).toBe(true);
    // The member's lock orders the applications, and with them the earn rows' ids: replay them in
    // that order through the pure rules and each must have earned exactly that.
    const config = await getProgramConfig(db());
    const [member] = await db().select().from(members).where(eq(members.shopCustomerId, "c-race"));
    const earns = await db().select({ ref: ledgerEntries.sourceRef, delta: ledgerEntries.delta }).from(ledgerEntries).where(eq(ledgerEntries.memberId, member!.id)).orderBy(asc(ledgerEntries.id));
    const placed = new Map((await db().select().from(orders).where(eq(orders.memberId, member!.id))).map((o) => [`order:${o.shopOrderId}`, o]));
    const history: { id: string; paidAt: Date; netCents: number }[] = [];
    let crossed = false;
    for (const earn of earns) {
      const order = placed.get(earn.ref)!;
      const before = tierStanding(config.tierRule, config.tiers, history, new Date(), null);
      crossed ||= (before.tier?.multiplierPercent ?? 100) > 100;
      expect(earn.delta, earn.ref).toBe(pointsForOrder(earnRuleAt(config, order.paidAt).rule, order.subtotalCents, [], before.tier?.multiplierPercent ?? 100, order.paidAt));
      expect(order.pointsEarned).toBe(earn.delta);
      history.push({ id: order.id, paidAt: order.paidAt, netCents: order.subtotalCents });
    }
    expect(crossed).toBe(true); // the test reached a tier with a multiplier
    expect(earns).toHaveLength(41);
    expect(member!.tierId).toBe(tierStanding(config.tierRule, config.tiers, history, new Date(), null).tier?.id);
    expect(member!.pointsBalance).toBe(earns.reduce((sum, e) => sum + e.delta, 0));
    expect(await findLedgerMismatches(db())).toEqual([]);
  });

  it("follows the program's category rules: excluded categories earn nothing, bonus categories extra", async () => {
    const owner = await demoOwner();
    await saveEarnRule(db(), owner, parseEarnRule({ pointsPerUnit: 1, excludedCategories: ["gift-cards"], categoryBonusPercent: { tents: 100 } }), new Date("2026-11-01T00:00:00Z"), now);
    try {
      const event = shopEventSchema.parse({
        id: "evt_categories",
        type: "order.paid",
        occurred_at: "2026-11-20T10:00:00Z",
        data: {
          order_id: "cat-1",
          customer: { id: "c-cat", email: "cat@example.com" },
          currency: "EUR",
          subtotal_cents: 27_000, // 300 € of goods less a 30 € coupon
          items: [
            { sku: "TENT", name: "Zelt", quantity: 1, unit_price_cents: 20_000, category: "tents" },
            { sku: "GIFT", name: "Gutschein", quantity: 1, unit_price_cents: 10_000, category: "gift-cards" },
          ],
        },
      });
      // The tent's share is 180 €, doubled: 360 points; the gift card's 90 € earn nothing.
      expect(await apply(event)).toMatchObject({ result: { points_delta: 360, balance: 360 } });
    } finally {
      await saveEarnRule(db(), owner, parseEarnRule({ pointsPerUnit: 1, excludedCategories: ["gift-cards"] }), new Date("2026-11-02T00:00:00Z"), now);
    }
  });

  it("earns under the rule version in force when paid, and a refund takes back what that order earned", async () => {
    const owner = await demoOwner();
    const customer = { id: "c-version", email: "version@example.com" };
    const paid = (orderId: string, at: string) =>
      shopEventSchema.parse({ id: `evt_${orderId}`, type: "order.paid", occurred_at: at, data: { order_id: orderId, customer, currency: "EUR", subtotal_cents: 10_000, items: [] } });
    expect(await apply(paid("v-old", "2026-11-20T10:00:00Z"))).toMatchObject({ result: { points_delta: 100 } });
    const { version } = await saveEarnRule(db(), owner, parseEarnRule({ pointsPerUnit: 3 }), new Date("2026-11-20T12:00:00Z"), now);
    expect(await apply(paid("v-new", "2026-11-20T13:00:00Z"))).toMatchObject({ result: { points_delta: 300, balance: 400 } });
    // The old order earned 100 under the old rule: a full refund takes back 100, not 300.
    expect(await apply(refund("v-old", 10_000))).toMatchObject({ result: { points_delta: -100, balance: 300 } });
    const [earned] = await db().select().from(orders).where(eq(orders.shopOrderId, "v-new"));
    expect(earned).toMatchObject({ pointsEarned: 300, ruleVersion: version });
    const [entry] = await db().select().from(ledgerEntries).where(eq(ledgerEntries.idempotencyKey, "order:v-new:earn"));
    expect(entry?.ruleVersion).toBe(version);
    const [audit] = await db().select().from(auditLog).where(eq(auditLog.action, "program.earn-rule")).orderBy(desc(auditLog.id)).limit(1);
    expect(audit).toMatchObject({ actorEmail: DEMO_OWNER.email, before: { rule: { pointsPerUnit: 1 } }, after: { version, rule: { pointsPerUnit: 3 } } });
    await saveEarnRule(db(), owner, parseEarnRule({ pointsPerUnit: 1, excludedCategories: ["gift-cards"] }), new Date("2026-11-20T14:00:00Z"), now);
    expect(await findLedgerMismatches(db())).toEqual([]);
  });

  async function demoOwner() {
    const [owner] = await db().select({ id: members.id, email: members.email }).from(members).where(eq(members.email, DEMO_OWNER.email));
    return owner!;
  }
});
