import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { bodyHash } from "../../shop-api/canonical-json";
import { shopEventSchema } from "../../validations/shop-events";
import { seedDemo } from "../seed-demo";
import { members } from "../schema";
import { describeEachDatabase } from "../test-databases";
import { applyShopEvent } from "../../server/orders/apply-shop-event";
import { getShopCustomer } from "../../server/orders/shop-customer";
import { getMemberStanding } from "./tiers";
import { refreshDueTiers } from "../../server/tiers";

const DAY = 86_400_000;

describeEachDatabase("tiers", (db) => {
  const now = new Date("2026-11-22T10:00:00Z");
  const paid = (customer: string, cents: number, daysAgo: number, order: string) => {
    const event = shopEventSchema.parse({
      id: `evt_${order}`,
      type: "order.paid",
      occurred_at: new Date(now.getTime() - daysAgo * DAY).toISOString(),
      data: { order_id: order, customer: { id: customer, email: `${customer}@example.com` }, currency: "EUR", subtotal_cents: cents, items: [] },
    });
    return applyShopEvent(db(), event, bodyHash(event), now);
  };
  const recorded = async (customer: string) =>
    (await db().select({ tierId: members.tierId, keptUntil: members.tierKeptUntil }).from(members).where(eq(members.shopCustomerId, customer)))[0];

  it("keeps a status through the grace period, shows it to the shop, then downgrades it once", async () => {
    await seedDemo(db(), now);
    // 300 € paid 380 days ago: out of the window for 15 days, inside the 30-day grace.
    expect(await paid("grace", 30_000, 380, "g1")).toMatchObject({ result: { tier: { id: "silber" } } });
    expect(await getShopCustomer(db(), "grace", now)).toMatchObject({
      tier: { id: "silber", benefits: { free_shipping: true, early_access: false }, kept_until: new Date(now.getTime() + 15 * DAY).toISOString() },
      qualifying_spend_cents: 0,
    });
    expect(await recorded("grace")).toEqual({ tierId: "silber", keptUntil: new Date(now.getTime() + 15 * DAY) });

    expect(await refreshDueTiers(db(), new Date(now.getTime() + 14 * DAY))).toBe(0);
    expect(await refreshDueTiers(db(), new Date(now.getTime() + 16 * DAY))).toBe(1);
    expect(await recorded("grace")).toEqual({ tierId: "bronze", keptUntil: null });
    expect(await refreshDueTiers(db(), new Date(now.getTime() + 17 * DAY))).toBe(0);
  });

  it("pushes the guarantee forward for members who still qualify", async () => {
    await paid("steady", 30_000, 340, "s1"); // leaves the window in 25 days
    await paid("steady", 30_000, 10, "s2");
    const { keptUntil } = (await recorded("steady"))!;
    expect(keptUntil).toEqual(new Date(now.getTime() + 25 * DAY + 30 * DAY));
    // The job is not fooled by a stale date: the standing still holds until the second order ages out.
    await db().update(members).set({ tierKeptUntil: new Date(now.getTime() - DAY) }).where(eq(members.shopCustomerId, "steady"));
    expect(await refreshDueTiers(db(), now)).toBe(1);
    expect(await recorded("steady")).toEqual({ tierId: "silber", keptUntil: new Date(now.getTime() + 355 * DAY + 30 * DAY) });
  });

  it("upgrades at once on the qualifying order and reports the way to the next tier", async () => {
    expect(await paid("climber", 74_999, 3, "c1")).toMatchObject({ result: { tier: { id: "silber" } } });
    expect(await paid("climber", 1, 2, "c2")).toMatchObject({ result: { tier: { id: "gold" } } });
    const [member] = await db().select({ id: members.id }).from(members).where(eq(members.shopCustomerId, "climber"));
    const { standing } = await getMemberStanding(db(), member!.id, now);
    expect(standing).toMatchObject({ tier: { id: "gold" }, next: null, spendCents: 75_000 });
    expect((await recorded("climber"))?.tierId).toBe("gold");
  });
});
