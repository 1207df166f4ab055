// A program in Swiss francs, end to end on the server: set up by its program document (the
// console's import), exported with it, its orders taken in CHF and one in euros refused, and the
// coupons it names in francs.
import { NextRequest } from "next/server";
import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { POST as eventsRoute } from "../../app/api/v1/events/route";
import { defaultProgram, programDocumentSchema } from "../loyalty/program-document";
import { exportProgram } from "../db/queries/console-program";
import { importProgram } from "../server/program";
import { getProgramConfig, programCurrency } from "../db/queries/program";
import { redeemReward } from "../server/rewards";
import { getStorefrontPricing } from "../db/queries/storefront";
import { members, orders, shopEvents } from "../db/schema";
import { describeEachDatabase, routesUse } from "../db/test-databases";
import { signRequest } from "./signature";

const SECRET = "program-currency-secret";
process.env.TREUE_SHOP_SECRET = SECRET;
const now = new Date("2026-12-01T09:00:00Z");

function orderPaid(id: string, currency: string, cents: number) {
  const body = JSON.stringify({
    id,
    type: "order.paid",
    occurred_at: "2026-11-30T10:15:00Z",
    data: { order_id: `order-${id}`, customer: { id: "ch-1", email: "heidi@example.ch" }, currency, subtotal_cents: cents, items: [] },
  });
  const headers = { ...signRequest(SECRET, { method: "POST", url: "/api/v1/events", body }), "content-type": "application/json" };
  return eventsRoute(new NextRequest("http://treue.test/api/v1/events", { method: "POST", headers, body }));
}

describeEachDatabase("a program in Swiss francs", (db) => {
  it("is set up by its program document, read once with the rest of the program, and exported with it", async () => {
    routesUse(db());
    const [owner] = await db().insert(members).values({ email: "inhaberin@example.ch", role: "owner" }).returning({ id: members.id, email: members.email });
    await importProgram(db(), owner!, programDocumentSchema.parse({ ...defaultProgram("Bergsport Zürich"), currency: "CHF" }), now);
    expect((await getProgramConfig(db())).currency).toBe("CHF");
    expect(await programCurrency(db())).toBe("CHF");
    expect((await exportProgram(db()))!.currency).toBe("CHF");
    expect((await getStorefrontPricing(db(), now))!.currency).toBe("CHF");
  });

  it("takes an order in francs and refuses one in euros, writing nothing and converting nothing", async () => {
    routesUse(db());
    const refused = await orderPaid("evt-eur", "EUR", 20_000);
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({ type: "urn:treue:problem:currency-mismatch", detail: "order order-evt-eur is in EUR, the program in CHF" });
    expect(await db().select().from(shopEvents).where(eq(shopEvents.id, "evt-eur"))).toEqual([]);

    const applied = await orderPaid("evt-chf", "CHF", 120_000);
    expect(applied.status).toBe(200);
    expect(await applied.json()).toMatchObject({ status: "applied", points_delta: 1_200 });
    expect(await db().select({ currency: orders.currency, cents: orders.subtotalCents }).from(orders)).toEqual([{ currency: "CHF", cents: 120_000 }]);
  });

  it("names a coupon of points for money off in francs", async () => {
    const [heidi] = await db().select({ id: members.id }).from(members).where(eq(members.email, "heidi@example.ch"));
    const outcome = await redeemReward(db(), heidi!.id, "punkte-rabatt", "chf-coupon", now, () => null, 700);
    expect(outcome.status).toBe("issued");
    const { name } = (outcome as { coupon: { terms: { name: { de: string; en: string } } } }).coupon.terms;
    expect({ de: name.de.replace(/\u00a0/g, " "), en: name.en.replace(/\u00a0/g, " ") }).toEqual({ de: "7,00 CHF Rabatt", en: "CHF 7.00 off" });
  });
});
