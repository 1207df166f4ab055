// A customer's first order takes one statement without a transaction (order-paid.ts,
// placeFirstOrderOrRead): these pin what it must keep under concurrency and retries, on both databases.
import { and, eq } from "drizzle-orm";
import { beforeAll, expect, it, vi } from "vitest";
import { tierStanding } from "../../loyalty/tier-standing";
import { bodyHash } from "../../shop-api/canonical-json";
import { shopEventSchema, type ShopEvent } from "../../validations/shop-events";
import { findLedgerMismatches } from "../../db/ledger-audit";
import { seedDemo } from "../../db/seed-demo";
import { ledgerEntries, members, notifications, orders, referrals, shopEvents } from "../../db/schema";
import { describeEachDatabase } from "../../db/test-databases";
import { waitForLockWaits } from "../../db/test-lock-waits";
import { getProgramConfig } from "../../db/queries/program";
import { ensureReferralCode } from "../../db/queries/referrals";
import { claimReferral, completeReferralSignUp } from "../referrals";
import { applyShopEvent, type EventOutcome, type EventResult } from "./apply-shop-event";

type Customer = { id: string; email: string; name?: string; birthday?: string };

let seq = 0;
function orderPaid(customer: Customer, subtotalCents: number, orderId = `np-order-${++seq}`, eventId = `evt_np_${orderId}`): ShopEvent {
  return shopEventSchema.parse({
    id: eventId,
    type: "order.paid",
    occurred_at: "2026-11-20T10:00:00Z",
    data: { order_id: orderId, customer, currency: "EUR", subtotal_cents: subtotalCents, items: [] },
  });
}

function resultOf(outcome: EventOutcome): EventResult {
  if (outcome.status === "conflict") throw new Error("unexpected conflict");
  return outcome.result;
}

describeEachDatabase("a new customer's first order", (db, kind) => {
  const now = new Date("2026-11-22T10:00:00Z");
  const apply = (event: ShopEvent) => applyShopEvent(db(), event, bodyHash(event), now);
  const membersOf = (email: string) => db().select().from(members).where(eq(members.email, email));
  const ordersOf = (memberId: string) => db().select().from(orders).where(eq(orders.memberId, memberId));

  beforeAll(async () => {
    await seedDemo(db(), now); // a program with tiers (Bronze from the first cent, Silber from 250 €)
  });

  it("makes the member with the order, the tier it reaches and the balance, without a transaction", async () => {
    const transaction = vi.spyOn(db(), "transaction");
    try {
      const customer = { id: "np-first", email: "np-first@example.com", name: "Nora", birthday: "1990-05-01" };
      const outcome = await apply(orderPaid(customer, 30_000, "np-first-1"));
      expect(transaction).not.toHaveBeenCalled();
      expect(outcome).toMatchObject({ status: "applied", result: { points_delta: 300, balance: 300, tier: { id: "silber" } } });

      const [member] = await membersOf("np-first@example.com");
      const placed = await ordersOf(member!.id);
      const config = await getProgramConfig(db());
      const standing = tierStanding(config.tierRule, config.tiers, placed.map((o) => ({ paidAt: o.paidAt, netCents: o.subtotalCents })), now, null);
      expect(member).toMatchObject({ id: resultOf(outcome).member_id, shopCustomerId: "np-first", name: "Nora", birthday: "1990-05-01", pointsBalance: 300, pointsDebt: 0 });
      expect(member).toMatchObject({ tierId: "silber", tierKeptUntil: standing.keptUntil });
      expect(placed).toMatchObject([{ shopOrderId: "np-first-1", pointsEarned: 300 }]);
      const [event] = await db().select().from(shopEvents).where(eq(shopEvents.id, "evt_np_np-first-1"));
      expect(event!.result).toEqual(resultOf(outcome));
      expect(await findLedgerMismatches(db())).toEqual([]);
    } finally {
      transaction.mockRestore();
    }
  });

  it("takes one statement for a first order and for its re-delivery, and two for the customer's next order", async () => {
    // Every statement outside a transaction goes through the pool's query (prepared or not).
    const pool = (db() as unknown as { $client: { query: (...args: unknown[]) => unknown } }).$client;
    const statements = vi.spyOn(pool, "query");
    const transaction = vi.spyOn(db(), "transaction");
    try {
      const customer = { id: "np-count", email: "np-count@example.com" };
      const first = orderPaid(customer, 4_000);
      const counted = async (event: ShopEvent) => {
        statements.mockClear();
        const outcome = await apply(event);
        return { status: outcome.status, statements: statements.mock.calls.length };
      };
      expect(await counted(first)).toEqual({ status: "applied", statements: 1 });
      expect(await counted(first)).toEqual({ status: "duplicate", statements: 1 });
      expect(await counted(orderPaid(customer, 4_000))).toEqual({ status: "applied", statements: 2 });
      expect(transaction).not.toHaveBeenCalled();
      expect(await membersOf("np-count@example.com")).toMatchObject([{ pointsBalance: 80 }]);
    } finally {
      statements.mockRestore();
      transaction.mockRestore();
    }
  });

  it("writes a returning customer's order that reaches a new tier in its two statements, with the tier and one tier-up message", async () => {
    const pool = (db() as unknown as { $client: { query: (...args: unknown[]) => unknown } }).$client;
    const customer = { id: "np-climb", email: "np-climb@example.com" };
    await apply(orderPaid(customer, 20_000, "np-climb-1"));
    const [joined] = await membersOf(customer.email);
    // A confirmed address: the tier-up message has a channel (e-mail).
    await db().update(members).set({ emailVerified: now }).where(eq(members.id, joined!.id));
    const statements = vi.spyOn(pool, "query");
    const transaction = vi.spyOn(db(), "transaction");
    try {
      const climb = orderPaid(customer, 10_000, "np-climb-2");
      expect(await apply(climb)).toMatchObject({ status: "applied", result: { points_delta: 100, balance: 300, tier: { id: "silber" } } });
      expect(statements).toHaveBeenCalledTimes(2);
      expect(transaction).not.toHaveBeenCalled();
    } finally {
      statements.mockRestore();
      transaction.mockRestore();
    }
    const config = await getProgramConfig(db());
    const standing = tierStanding(config.tierRule, config.tiers, (await ordersOf(joined!.id)).map((o) => ({ paidAt: o.paidAt, netCents: o.subtotalCents })), now, null);
    expect(await membersOf(customer.email)).toMatchObject([{ tierId: "silber", tierKeptUntil: standing.keptUntil, pointsBalance: 300 }]);
    const tierUps = () => db().select().from(notifications).where(and(eq(notifications.memberId, joined!.id), eq(notifications.kind, "tier_up")));
    expect(await tierUps()).toMatchObject([{ channel: "email", url: "/tiers", params: { tier_de: "Silber" } }]);

    // The same order again under another event id earns nothing and moves no tier; the next one in Silber tells nothing new.
    expect(await apply(orderPaid(customer, 10_000, "np-climb-2", "evt_np_climb_again"))).toMatchObject({ status: "applied", result: { points_delta: 0, balance: 300 } });
    expect(await apply(orderPaid(customer, 1_000, "np-climb-3"))).toMatchObject({ status: "applied", result: { points_delta: 12, tier: { id: "silber" } } });
    expect(await tierUps()).toHaveLength(1);
    expect(await findLedgerMismatches(db())).toEqual([]);
  });

  it("moves a returning customer through Silber to Gold once when 20 orders arrive at once", async () => {
    const customer = { id: "np-surge", email: "np-surge@example.com" };
    await apply(orderPaid(customer, 1_000, "np-surge-0"));
    const [joined] = await membersOf(customer.email);
    await db().update(members).set({ emailVerified: now }).where(eq(members.id, joined!.id));
    const outcomes = await Promise.all(Array.from({ length: 20 }, (_, i) => apply(orderPaid(customer, 5_000, `np-surge-${i + 1}`))));
    expect(outcomes.every((o) => o.status === "applied")).toBe(true);
    const [member] = await membersOf(customer.email);
    const placed = await ordersOf(member!.id);
    expect(placed).toHaveLength(21);
    const config = await getProgramConfig(db());
    const standing = tierStanding(config.tierRule, config.tiers, placed.map((o) => ({ paidAt: o.paidAt, netCents: o.subtotalCents })), now, null);
    expect(standing.tier?.id).toBe("gold");
    expect(member).toMatchObject({ tierId: "gold", tierKeptUntil: standing.keptUntil, pointsBalance: placed.reduce((sum, o) => sum + o.pointsEarned, 0) });
    const told = await db().select().from(notifications).where(and(eq(notifications.memberId, member!.id), eq(notifications.kind, "tier_up")));
    expect(told.map((n) => (n.params as { tier_de: string }).tier_de).sort()).toEqual(["Gold", "Silber"]);
    expect(await findLedgerMismatches(db())).toEqual([]);
  });

  it("applies one event delivered 30 times at once exactly once, on one member", async () => {
    const event = orderPaid({ id: "np-burst", email: "np-burst@example.com" }, 10_000);
    const outcomes = await Promise.all(Array.from({ length: 30 }, () => apply(event)));
    expect(outcomes.filter((o) => o.status === "applied")).toHaveLength(1);
    expect(outcomes.filter((o) => o.status === "duplicate")).toHaveLength(29);
    const [applied] = outcomes.filter((o) => o.status === "applied").map(resultOf);
    for (const o of outcomes) expect(resultOf(o)).toEqual({ ...applied, status: o.status });
    const found = await membersOf("np-burst@example.com");
    expect(found).toMatchObject([{ id: applied!.member_id, pointsBalance: 100 }]);
    expect(await db().$count(ledgerEntries, eq(ledgerEntries.memberId, applied!.member_id))).toBe(1);
  });

  it("applies 30 different first orders of one new customer at once, each once, on one member", async () => {
    const customer = { id: "np-rush", email: "np-rush@example.com" };
    const outcomes = await Promise.all(Array.from({ length: 30 }, (_, i) => apply(orderPaid(customer, 2_000 + i * 100, `np-rush-${i}`))));
    expect(outcomes.every((o) => o.status === "applied")).toBe(true);
    const found = await membersOf("np-rush@example.com");
    expect(found).toHaveLength(1);
    const member = found[0]!;
    expect(new Set(outcomes.map((o) => resultOf(o).member_id))).toEqual(new Set([member.id]));
    const placed = await ordersOf(member.id);
    expect(placed).toHaveLength(30);
    // Each order earned once, and what the answers said is what the member holds.
    expect(member.pointsBalance).toBe(outcomes.reduce((sum, o) => sum + resultOf(o).points_delta, 0));
    expect(member.pointsBalance).toBe(placed.reduce((sum, o) => sum + o.pointsEarned, 0));
    const config = await getProgramConfig(db());
    expect(member.tierId).toBe(tierStanding(config.tierRule, config.tiers, placed.map((o) => ({ paidAt: o.paidAt, netCents: o.subtotalCents })), now, null).tier?.id);
    expect(await findLedgerMismatches(db())).toEqual([]);
  });

  it("gives the orders of two customer ids under one e-mail, sent at once, to the one member holding it", async () => {
    const [a, b] = await Promise.all([
      apply(orderPaid({ id: "np-mail-a", email: "np-shared@example.com" }, 4_000, "np-mail-1")),
      apply(orderPaid({ id: "np-mail-b", email: "np-shared@example.com" }, 6_000, "np-mail-2")),
    ]);
    const found = await membersOf("np-shared@example.com");
    expect(found).toHaveLength(1);
    expect(["np-mail-a", "np-mail-b"]).toContain(found[0]!.shopCustomerId);
    expect([resultOf(a!).member_id, resultOf(b!).member_id]).toEqual([found[0]!.id, found[0]!.id]);
    expect(found[0]!.pointsBalance).toBe(100);
    expect(await ordersOf(found[0]!.id)).toHaveLength(2);
  });

  it("earns once for an order that two new customers' events report at once", async () => {
    const outcomes = await Promise.all([
      apply(orderPaid({ id: "np-same-x", email: "np-same-x@example.com" }, 5_000, "np-same-order", "evt_np_same_x")),
      apply(orderPaid({ id: "np-same-y", email: "np-same-y@example.com" }, 5_000, "np-same-order", "evt_np_same_y")),
    ]);
    expect(outcomes.map((o) => resultOf(o).points_delta).sort()).toEqual([0, 50]);
    expect(await db().$count(orders, eq(orders.shopOrderId, "np-same-order"))).toBe(1);
    expect(await db().$count(ledgerEntries, eq(ledgerEntries.sourceRef, "order:np-same-order"))).toBe(1);
    expect(await findLedgerMismatches(db())).toEqual([]);
  });

  it("adds the order to the member another delivery is making meanwhile, and makes no second one", async () => {
    const customer = { id: "np-meanwhile", email: "np-meanwhile@example.com" };
    const memberId = crypto.randomUUID();
    let applying: Promise<EventOutcome> | undefined;
    await db().transaction(async (tx) => {
      await tx.insert(members).values({ id: memberId, email: customer.email, shopCustomerId: customer.id });
      applying = apply(orderPaid(customer, 7_000, "np-meanwhile-1"));
      // On PostgreSQL the order's statement must be waiting for this member's row when it commits
      // (its unique key); PGlite runs one session, so there it waits for this transaction anyway.
      if (kind === "postgres") await waitForLockWaits(db());
      else await new Promise((resolve) => setTimeout(resolve, 20));
    });
    expect(await applying).toMatchObject({ status: "applied", result: { member_id: memberId, points_delta: 70, balance: 70, tier: { id: "bronze" } } });
    expect(await membersOf(customer.email)).toMatchObject([{ id: memberId, pointsBalance: 70, tierId: "bronze" }]);
  });

  it("qualifies the referral of a friend who joined in the app when their first shop orders arrive at once", async () => {
    const [referrer] = await db().insert(members).values({ email: "np-referrer@example.com" }).returning({ id: members.id });
    const code = await ensureReferralCode(db(), referrer!.id);
    await claimReferral(db(), { code, email: "np-friend@example.com", ipHash: "ip-np-friend", now });
    const [friend] = await db().insert(members).values({ email: "np-friend@example.com" }).returning({ id: members.id });
    expect(await completeReferralSignUp(db(), friend!.id, "np-friend@example.com", now)).toBe(true);

    const customer = { id: "np-friend", email: "np-friend@example.com" };
    const outcomes = await Promise.all([apply(orderPaid(customer, 6_000, "np-friend-1")), apply(orderPaid(customer, 6_000, "np-friend-2"))]);
    expect(outcomes.map((o) => resultOf(o).member_id)).toEqual([friend!.id, friend!.id]);
    const [referral] = await db().select().from(referrals).where(eq(referrals.friendId, friend!.id));
    expect(referral).toMatchObject({ status: "pending", points: 250 });
    expect(await membersOf("np-friend@example.com")).toMatchObject([{ shopCustomerId: "np-friend", pointsBalance: 120 }]);
  });
});
