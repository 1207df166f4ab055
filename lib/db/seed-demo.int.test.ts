import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { DEMO_SHOPPER, seedDemo } from "./seed-demo";
import { coupons, ledgerEntries, members, orders, rewards, tiers } from "./schema";
import { describeEachDatabase } from "./test-databases";
import { findLedgerMismatches } from "./ledger-audit";
import { getBalanceHistory, getLedgerPage, getRecentLedgerEntries } from "./queries/members";
import { getReferralStats } from "./queries/referrals";

describeEachDatabase("demo seed", (db) => {
  it("seeds a program, a shopper with orders and points, and changes nothing when run again", async () => {
    const now = new Date("2026-11-20T10:00:00Z");
    const first = await seedDemo(db(), now);
    const second = await seedDemo(db(), new Date("2026-11-21T10:00:00Z"));
    expect(first.shopperBalance).toBe(825);
    expect(second.shopperBalance).toBe(825);

    const [shopper] = await db().select().from(members).where(eq(members.email, DEMO_SHOPPER.email));
    expect(shopper?.shopCustomerId).toBe("cust_1001");
    expect(await db().$count(orders, eq(orders.memberId, shopper!.id))).toBe(5);
    expect(await db().$count(tiers)).toBe(3);
    expect(await db().$count(rewards)).toBeGreaterThanOrEqual(6);
    const kinds = new Set((await db().select({ kind: rewards.kind }).from(rewards)).map((r) => r.kind));
    expect([...kinds].sort()).toEqual(["amount_off", "free_product", "free_shipping", "percent_off", "points_off", "sale_access"]);

    // Every member's ledger sums to the balance.
    const mismatches = await findLedgerMismatches(db());
    expect(mismatches).toHaveLength(0);
    const entries = await db().select().from(ledgerEntries).where(eq(ledgerEntries.memberId, shopper!.id));
    expect(entries.map((e) => e.sourceRef.replace(/^referral:.*/, "referral")).sort()).toEqual([
      "order:1038",
      "order:1039",
      "order:1040",
      "order:1041",
      "order:1042",
      "referral",
      "reward:shipping",
      "task:newsletter",
      "task:review",
    ]);
    expect(await getReferralStats(db(), shopper!.id)).toEqual({ invited: 3, joined: 3, purchased: 2, pointsEarned: 250, pointsPending: 250 });
    expect(await db().$count(coupons, eq(coupons.memberId, shopper!.id))).toBe(1);

    // Home shows the newest entries first, each with its order's amount.
    const recent = await getRecentLedgerEntries(db(), shopper!.id, 2);
    expect(recent.map((e) => [e.sourceRef.replace(/^referral:.*/, "referral"), e.delta, e.order])).toEqual([
      ["task:review", 50, null],
      ["order:1042", 52, { subtotalCents: 4_299, currency: "EUR" }],
    ]);
    const secondPage = await getLedgerPage(db(), shopper!.id, { limit: 2, offset: 2 });
    expect(secondPage.map((e) => e.sourceRef.replace(/^referral:.*/, "referral"))).toEqual(["referral", "order:1041"]);

    // The chart's series: the running balance, oldest first, ending at the balance.
    expect((await getBalanceHistory(db(), shopper!.id)).map((p) => p.balance)).toEqual([89, 109, 308, 350, 200, 473, 723, 775, 825]);
  });
});
