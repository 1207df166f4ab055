import { eq, sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { ledgerEntries, members, orders } from "./schema";
import { describeEachDatabase } from "./test-databases";
import { shopperIds } from "./shoppers";
import { previewAudience } from "./queries/campaigns";
import { getConsoleOverview } from "./queries/console-overview";
import { searchMembers } from "./queries/console-members";
import { getMetrics } from "./queries/metrics";

// The first owner comes from the environment and is stored as a plain member (lib/loyalty/roles.ts).
process.env.TREUE_OWNER_EMAILS = "chefin@example.com";

describeEachDatabase("who counts as a shopper", (db) => {
  const now = new Date("2026-11-22T10:00:00Z");
  const period = { from: "2026-11-01", to: "2026-12-01" };
  const earlier = new Date("2026-10-01T00:00:00Z");

  it("leaves staff out of the console's counts, list, metrics and audiences until they buy, then counts them", async () => {
    const [owner, admin, shopper] = await db()
      .insert(members)
      .values([
        { email: "chefin@example.com", name: "Chefin", emailVerified: now, createdAt: earlier },
        { email: "admin@example.com", name: "Admin", role: "admin", emailVerified: now, createdAt: earlier },
        { email: "kundin@example.com", name: "Kundin", emailVerified: now, createdAt: earlier },
      ])
      .returning({ id: members.id });
    // Staff trying the program: points for the owner, none of which are a shopper's.
    await db().insert(ledgerEntries).values({ memberId: owner!.id, delta: 40, kind: "adjust", sourceRef: "test", idempotencyKey: "try:owner", createdAt: now });

    const listed = async () => (await searchMembers(db(), "")).hits.map((h) => h.id).sort();
    expect(await listed()).toEqual([shopper!.id]);
    expect((await searchMembers(db(), "chefin")).hits).toEqual([]);
    expect((await getConsoleOverview(db())).members).toBe(1);
    const before = await getMetrics(db(), period, "Europe/Berlin");
    expect({ members: before.members, active: before.active_members, issued: before.points_issued, liability: before.points_liability.points }).toEqual({ members: 1, active: 1, issued: 0, liability: 0 });
    expect((await previewAudience(db(), {}, now)).members).toBe(1);

    // The admin buys in the shop: from then on a member like anyone else.
    await db().insert(orders).values({ memberId: admin!.id, shopOrderId: "staff-1", currency: "EUR", subtotalCents: 2500, paidAt: now });
    expect(await listed()).toEqual([admin!.id, shopper!.id].sort());
    expect((await searchMembers(db(), "admin")).hits.map((h) => h.id)).toEqual([admin!.id]);
    expect((await getConsoleOverview(db())).members).toBe(2);
    const after = await getMetrics(db(), period, "Europe/Berlin");
    expect({ members: after.members, active: after.active_members, customers: after.customers }).toEqual({ members: 2, active: 2, customers: 1 });
    expect((await previewAudience(db(), {}, now)).members).toBe(2);

    // The environment's owner is staff even though the row says "member"; the rule reads the list it is given.
    const ids = async (owners: string[]) => ((await db().execute(sql`select id from ${shopperIds(owners)} s`)) as unknown as { rows: { id: string }[] }).rows.map((r) => r.id).sort();
    expect(await ids(["chefin@example.com"])).toEqual([admin!.id, shopper!.id].sort());
    expect(await ids([])).toEqual([owner!.id, admin!.id, shopper!.id].sort());
    expect((await db().select({ role: members.role }).from(members).where(eq(members.id, owner!.id)))[0]!.role).toBe("member");
  });
});
