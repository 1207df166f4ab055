// The direct order statements and the transactional way take their locks in one order (the
// member, then the event id). An order whose member kept changing falls back to the transaction
// while a re-delivery of the same event may still take the direct way; in the opposite order the
// two would deadlock and PostgreSQL would abort one (a 500 to the shop); a cycle that remains (a
// customer linked meanwhile) is run again. PostgreSQL only: PGlite
// runs one session, so nothing there waits for another.
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bodyHash } from "../../shop-api/canonical-json";
import { connectorEventSchema, shopEventSchema, type ShopEvent } from "../../validations/shop-events";
import { findLedgerMismatches } from "../../db/ledger-audit";
import { seedDemo } from "../../db/seed-demo";
import { members, orders } from "../../db/schema";
import { openTestDatabase, type TestDatabase } from "../../db/test-databases";
import { waitForLockWaits } from "../../db/test-lock-waits";
import { getProgramConfig } from "../../db/queries/program";
import { applyInTransaction, applyShopEvent, type EventOutcome } from "./apply-shop-event";

const now = new Date("2026-11-22T10:00:00Z");

function orderPaid(customer: { id: string; email: string }, subtotalCents: number, orderId: string): ShopEvent {
  return shopEventSchema.parse({
    id: `evt_lo_${orderId}`,
    type: "order.paid",
    occurred_at: "2026-11-20T10:00:00Z",
    data: { order_id: orderId, customer, currency: "EUR", subtotal_cents: subtotalCents, items: [] },
  });
}

describe("one event down the direct and the transactional way at once [postgres]", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase("postgres");
    await seedDemo(database.db, now);
  });
  afterAll(async () => {
    await database.dispose();
  });

  it("applies it once and answers the other delivery as a duplicate, neither aborted as a deadlock", async () => {
    const db = database.db;
    const customer = { id: "lo-both", email: "lo-both@example.com" };
    expect(await applyShopEvent(db, orderPaid(customer, 5_000, "lo-both-1"), bodyHash(orderPaid(customer, 5_000, "lo-both-1")), now)).toMatchObject({ status: "applied" });
    const event = orderPaid(customer, 7_000, "lo-both-2");
    const config = await getProgramConfig(db);

    // Another transaction holds the member (a redemption, say) while the two deliveries arrive:
    // the direct one queues for the member first, then the transactional one.
    let direct: Promise<EventOutcome> | undefined;
    let transactional: Promise<EventOutcome> | undefined;
    await db.transaction(async (tx) => {
      await tx.execute(sql`select id from members where shop_customer_id = ${customer.id} for update`);
      direct = applyShopEvent(db, event, bodyHash(event), now);
      await waitForLockWaits(db, 1);
      transactional = applyInTransaction(db, config, event, bodyHash(event), now);
      await waitForLockWaits(db, 2);
    });
    const outcomes = await Promise.all([direct!, transactional!]);

    expect(outcomes.map((o) => o.status).sort()).toEqual(["applied", "duplicate"]);
    for (const outcome of outcomes) if (outcome.status !== "conflict") expect(outcome.result).toMatchObject({ points_delta: 70, balance: 120 });
    const [member] = await db.select().from(members).where(eq(members.shopCustomerId, customer.id));
    expect(member).toMatchObject({ pointsBalance: 120 });
    expect(await db.$count(orders, eq(orders.memberId, member!.id))).toBe(2);
    expect(await findLedgerMismatches(db)).toEqual([]);
  });

  it("runs an event again when PostgreSQL aborted it to break a lock cycle, and applies it once", async () => {
    const db = database.db;
    // A guest's order (a connector's: the shop API always names its customer) takes the transactional way: it claims the event id, then finds or makes the
    // member by e-mail. Here another transaction holds that member (made, not yet committed) and
    // then wants the same event id: a cycle, and PostgreSQL aborts the delivery that waited first.
    const guest = { email: "lo-cycle@example.com" };
    const event = connectorEventSchema.parse({
      id: "evt_lo_cycle",
      type: "order.paid",
      occurred_at: "2026-11-20T10:00:00Z",
      data: { order_id: "lo-cycle-1", customer: guest, currency: "EUR", subtotal_cents: 4_000, items: [] },
    });
    let applying: Promise<EventOutcome> | undefined;
    const other = db.transaction(async (tx) => {
      await tx.insert(members).values({ email: guest.email });
      applying = applyShopEvent(db, event, bodyHash(event), now);
      await waitForLockWaits(db, 1);
      // Waits for the delivery's claim until PostgreSQL aborts the delivery (it waited first).
      await tx.execute(sql`insert into shop_events (id, type, body_hash) values (${event.id}, 'order.paid', 'other') on conflict do nothing`);
      tx.rollback();
    });
    await expect(other).rejects.toThrow(/rollback/i);

    expect(await applying!).toMatchObject({ status: "applied", result: { points_delta: 40, balance: 40 } });
    const [member] = await db.select().from(members).where(eq(members.email, guest.email));
    expect(member).toMatchObject({ pointsBalance: 40 });
    expect(await db.$count(orders, eq(orders.memberId, member!.id))).toBe(1);
    expect(await findLedgerMismatches(db)).toEqual([]);
  });
});
