import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { findLedgerMismatches } from "../ledger-audit";
import { ledgerEntries, members } from "../schema";
import { describeEachDatabase } from "../test-databases";
import { expireInactiveMembers, getLastActivity } from "./expiry";

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
});
