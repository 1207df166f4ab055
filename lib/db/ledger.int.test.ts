import { eq, sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { ledgerEntries, members } from "./schema";
import { findLedgerMismatches } from "./ledger-audit";
import { describeEachDatabase } from "./test-databases";

describeEachDatabase("points ledger", (db) => {
  async function newMember(email: string) {
    const [row] = await db().insert(members).values({ email }).returning({ id: members.id });
    return row!.id;
  }
  async function balanceOf(id: string) {
    const [row] = await db().select({ points: members.pointsBalance }).from(members).where(eq(members.id, id));
    return row!.points;
  }

  it("moves the balance with each ledger row, in the same statement", async () => {
    const id = await newMember("ledger-a@example.com");
    await db().insert(ledgerEntries).values({ memberId: id, delta: 120, kind: "earn_order", sourceRef: "order:1", idempotencyKey: "a:1" });
    await db().insert(ledgerEntries).values({ memberId: id, delta: -20, kind: "redeem", sourceRef: "reward:x", idempotencyKey: "a:2" });
    expect(await balanceOf(id)).toBe(100);
  });

  it("refuses a row that would overdraw the balance and writes nothing", async () => {
    const id = await newMember("ledger-b@example.com");
    await db().insert(ledgerEntries).values({ memberId: id, delta: 10, kind: "earn_order", sourceRef: "order:2", idempotencyKey: "b:1" });
    await expect(
      db().insert(ledgerEntries).values({ memberId: id, delta: -11, kind: "redeem", sourceRef: "reward:y", idempotencyKey: "b:2" }),
    ).rejects.toThrow();
    expect(await balanceOf(id)).toBe(10);
    const rows = await db().select().from(ledgerEntries).where(eq(ledgerEntries.memberId, id));
    expect(rows).toHaveLength(1);
  });

  it("applies an idempotency key once", async () => {
    const id = await newMember("ledger-c@example.com");
    const row = { memberId: id, delta: 50, kind: "earn_order" as const, sourceRef: "order:3", idempotencyKey: "c:1" };
    await db().insert(ledgerEntries).values(row);
    await db().insert(ledgerEntries).values(row).onConflictDoNothing();
    await expect(db().insert(ledgerEntries).values(row)).rejects.toThrow();
    expect(await balanceOf(id)).toBe(50);
  });

  it("keeps history append-only", async () => {
    const id = await newMember("ledger-d@example.com");
    await db().insert(ledgerEntries).values({ memberId: id, delta: 5, kind: "adjust", sourceRef: "x", idempotencyKey: "d:1" });
    await expect(db().update(ledgerEntries).set({ delta: 500 }).where(eq(ledgerEntries.memberId, id))).rejects.toThrow();
    expect(await balanceOf(id)).toBe(5);
  });

  it("rejects an unknown kind and a mixed-case e-mail", async () => {
    const id = await newMember("ledger-e@example.com");
    await expect(
      db().execute(sql`insert into ledger_entries (member_id, delta, kind, source_ref, idempotency_key) values (${id}, 1, 'gift', 'x', 'e:1')`),
    ).rejects.toThrow();
    await expect(db().insert(members).values({ email: "Mixed@Example.com" })).rejects.toThrow();
  });
});

describeEachDatabase("ledger audit", (db) => {
  it("finds a member whose balance was changed behind the ledger's back", async () => {
    const [m] = await db().insert(members).values({ email: "audit@example.com" }).returning({ id: members.id });
    await db().insert(ledgerEntries).values({ memberId: m!.id, delta: 30, kind: "adjust", sourceRef: "x", idempotencyKey: "audit:1" });
    expect(await findLedgerMismatches(db())).toEqual([]);
    await db().update(members).set({ pointsBalance: 31 }).where(eq(members.id, m!.id));
    expect(await findLedgerMismatches(db())).toEqual([{ memberId: m!.id, balance: 31, ledgerSum: 30 }]);
  });
});
