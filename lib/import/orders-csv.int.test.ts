// The history import on PGlite and PostgreSQL: a dry run writes nothing, an import credits what the
// shop API would have, a second run changes nothing, a malformed file applies nothing.
import { Readable } from "node:stream";
import { eq, like, sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { findLedgerMismatches } from "../db/ledger-audit";
import { applyShopEvent } from "../server/orders/apply-shop-event";
import { seedDemo } from "../db/seed-demo";
import { segmentWhere } from "../db/queries/campaigns";
import { ledgerEntries, members, orders } from "../db/schema";
import { parseSegment } from "../loyalty/campaigns";
import { orderEarnKey } from "../loyalty/ledger-keys";
import { describeEachDatabase } from "../db/test-databases";
import { bodyHash } from "../shop-api/canonical-json";
import { shopEventSchema } from "../validations/shop-events";
import type { Connection } from "../db/connect";
import { importOrdersCsv } from "./orders-csv";

const actor = { id: null, email: "test import" };
const file = (text: string) => Readable.from([Buffer.from(text, "utf8")]);

const CSV = [
  "order_id;date;customer_id;email;subtotal;currency;category",
  "H-1;2026-03-02T10:00:00Z;K-1;Ida.Alt@Example.de;129.90;EUR;zelte",
  "H-2;2026-05-10;K-1;ida.alt@example.de;49.90;EUR;",
  "H-3;2026-06-01 12:00:00;;gast@example.de;20.00;EUR;",
  `H-4;2026-07-01;K-2;"komma, im@example.de";10.00;EUR;`,
].join("\n");

describeEachDatabase("history import", (db, kind) => {
  const connection = () => ({ db: db(), kind, close: async () => {} }) as Connection;

  it("reports a malformed file by line and writes nothing", async () => {
    await seedDemo(db(), new Date("2026-01-01T00:00:00Z"));
    const bad = await importOrdersCsv(connection(), file(`${CSV}\nH-5;31.02.2026;K-3;x@example.de;10;EUR\nH-1;2026-01-01;K-1;ida.alt@example.de;1.00;EUR\nH-6;2026-01-01;K-1;ida.alt@example.de;12,50;EUR`), { mode: "points", dryRun: false, actor });
    expect(bad).toMatchObject({ applied: false, errorCount: 4 });
    expect(bad.errors.map((e) => e.line)).toEqual([5, 6, 7, 8]);
    expect(bad.errors[0]!.message).toContain("is not an e-mail address");
    expect(bad.errors[1]!.message).toContain("is not a date");
    expect(bad.errors[2]!.message).toContain("appears twice");
    expect(bad.errors[3]!.message).toContain("is not an amount");
    expect(await db().$count(orders, like(orders.shopOrderId, "H-%"))).toBe(0);
    const header = await importOrdersCsv(connection(), file("id,amount\n1,2"), { mode: "points", dryRun: true, actor });
    expect(header.errors[0]).toMatchObject({ line: 1, message: expect.stringContaining("order_id, date, email, subtotal, currency") });
  });

  it("dry-runs, then credits each order what the shop API would have, once", async () => {
    const good = CSV.split("\n").slice(0, 4).join("\n");
    const dry = await importOrdersCsv(connection(), file(good), { mode: "points", dryRun: true, actor });
    expect(dry).toMatchObject({ applied: false, rows: 3, knownOrders: 0, newOrders: 3, newMembers: 2, errorCount: 0 });
    expect(await db().$count(orders, like(orders.shopOrderId, "H-%"))).toBe(0);
    expect(await db().$count(members, eq(members.email, "ida.alt@example.de"))).toBe(0);

    const done = await importOrdersCsv(connection(), file(good), { mode: "points", dryRun: false, actor });
    expect(done).toMatchObject({ applied: true, newOrders: 3, newMembers: 2, points: dry.points });
    const [ida] = await db().select().from(members).where(eq(members.email, "ida.alt@example.de"));
    expect(ida).toMatchObject({ shopCustomerId: "K-1" });
    // The same two orders through the shop API, for a twin, earn the same.
    let twin = 0;
    for (const [id, at, cents, category] of [["T-1", "2026-03-02T10:00:00Z", 12_990, "zelte"], ["T-2", "2026-05-10T00:00:00Z", 4_990, null]] as const) {
      const event = shopEventSchema.parse({ id: `twin-${id}`, type: "order.paid", occurred_at: at, data: { order_id: id, customer: { id: "twin", email: "twin@example.de" }, currency: "EUR", subtotal_cents: cents, items: category ? [{ sku: id, name: id, quantity: 1, unit_price_cents: cents, category }] : [] } });
      const outcome = await applyShopEvent(db(), event, bodyHash(event), new Date(at));
      if (outcome.status !== "conflict") twin += outcome.result.points_delta;
    }
    expect(ida!.pointsBalance).toBe(twin);
    expect((await db().select().from(ledgerEntries).where(eq(ledgerEntries.sourceRef, "order:H-1")))[0]).toMatchObject({ kind: "earn_order", createdAt: new Date("2026-03-02T10:00:00Z") });

    const again = await importOrdersCsv(connection(), file(good), { mode: "points", dryRun: false, actor });
    expect(again).toMatchObject({ applied: true, knownOrders: 3, newOrders: 0, newMembers: 0, points: 0 });
    expect(await findLedgerMismatches(db())).toEqual([]);
  });

  it("imports for tier qualification only when the owner chooses so", async () => {
    const only = await importOrdersCsv(connection(), file("order_id,date,email,subtotal,currency\nQ-1,2026-04-01,tier.only@example.de,500.00,EUR"), { mode: "tiers-only", dryRun: false, actor });
    expect(only).toMatchObject({ applied: true, newOrders: 1, points: 0 });
    const [member] = await db().select().from(members).where(eq(members.email, "tier.only@example.de"));
    expect(member!.pointsBalance).toBe(0);
    expect((await db().select().from(orders).where(eq(orders.shopOrderId, "Q-1")))[0]).toMatchObject({ subtotalCents: 50_000, pointsEarned: 0 });
  });

  it("makes tiers from the history: an imported customer whose orders reach Gold is Gold, and a Gold campaign finds them", async () => {
    const day = 86_400_000;
    const at = (daysAgo: number) => new Date(Date.now() - daysAgo * day).toISOString().slice(0, 10);
    // 3 × 300 € in the last year: past Gold's 750 €. The first earns at Bronze, the second at Silber (125 %), the third at Silber too.
    const csv = ["order_id,date,customer_id,email,subtotal,currency", `G-1,${at(200)},K-GOLD,gold.kundin@example.de,300.00,EUR`, `G-2,${at(100)},K-GOLD,gold.kundin@example.de,300.00,EUR`, `G-3,${at(10)},K-GOLD,gold.kundin@example.de,300.00,EUR`].join("\n");
    const done = await importOrdersCsv(connection(), file(csv), { mode: "points", dryRun: false, actor });
    expect(done).toMatchObject({ applied: true, newOrders: 3, tiersSet: 1 });
    const [gold] = await db().select().from(members).where(eq(members.email, "gold.kundin@example.de"));
    expect(gold).toMatchObject({ tierId: "gold", shopCustomerId: "K-GOLD" });
    expect(gold!.tierKeptUntil).not.toBeNull();
    // Priced as the shop API prices: Bronze 300, then Silber's 125 % twice.
    expect(gold!.pointsBalance).toBe(300 + 375 + 375);
    // The ledger's own key for an order's earn row, the one the shop API writes.
    expect((await db().select().from(ledgerEntries).where(eq(ledgerEntries.idempotencyKey, orderEarnKey("G-3"))))[0]).toMatchObject({ delta: 375, kind: "earn_order" });

    const segment = parseSegment({ tiers: ["gold"] })!;
    const found = (await db().execute(sql`select m.id from members m where ${segmentWhere(segment, "Europe/Berlin")}`)) as unknown as { rows: { id: string }[] };
    expect(found.rows.map((r) => r.id)).toContain(gold!.id);

    // A second run changes nothing, tiers included.
    expect(await importOrdersCsv(connection(), file(csv), { mode: "points", dryRun: false, actor })).toMatchObject({ newOrders: 0, tiersSet: 0 });
  });
});
