// A platform retries a webhook Treue answered with an error: the retry must still earn. The order's
// facts (which also mean "this order has earned") are kept only once its events are in.
import { readFileSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { expect, it, vi } from "vitest";
import { POST as wooRoute } from "../../app/api/connectors/woocommerce/route";
import { seedDemo } from "../db/seed-demo";
import { connectorOrders, members, orders } from "../db/schema";
import { describeEachDatabase, routesUse } from "../db/test-databases";
import { hmacSha256 } from "./signature";

// The database goes away in the middle of the first delivery's order.paid, once per suite.
const failures = vi.hoisted(() => ({ next: 0 }));
vi.mock("../server/orders/apply-shop-event", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../server/orders/apply-shop-event")>();
  return {
    ...actual,
    applyShopEvent: async (...args: Parameters<typeof actual.applyShopEvent>) => {
      if (failures.next > 0) {
        failures.next -= 1;
        throw new Error("Connection terminated unexpectedly");
      }
      return actual.applyShopEvent(...args);
    },
  };
});

process.env.TREUE_WOOCOMMERCE_SECRET = "wc_retry_secret";
process.env.NEXTAUTH_SECRET ??= "retry-test-secret-retry-test-secret-42";

describeEachDatabase("a webhook retried after Treue failed", (db) => {
  it("earns on the retry of a WooCommerce order whose first delivery failed halfway", async () => {
    await seedDemo(db(), new Date("2026-11-20T00:00:00Z"));
    routesUse(db());
    const order = JSON.parse(readFileSync(path.join(import.meta.dirname, "fixtures/woocommerce-order-processing.json"), "utf8")) as { id: number };
    const body = JSON.stringify(order);
    const deliver = (id: string) =>
      wooRoute(
        new Request("http://treue.test/api/connectors/woocommerce", {
          method: "POST",
          body,
          headers: { "x-wc-webhook-topic": "order.updated", "x-wc-webhook-delivery-id": id, "x-wc-webhook-signature": hmacSha256("wc_retry_secret", body, "base64") },
        }),
      );
    failures.next = 1;
    await expect(deliver("d-1")).rejects.toThrow(/Connection terminated/);
    expect(await db().select().from(connectorOrders)).toEqual([]);
    const retry = await deliver("d-2");
    expect(retry.status).toBe(200);
    expect(await retry.json()).toMatchObject({ status: "applied" });
    const [earned] = await db().select().from(orders).where(eq(orders.shopOrderId, String(order.id)));
    expect(earned).toBeDefined();
    const [member] = await db().select().from(members).where(eq(members.id, earned!.memberId));
    expect(member!.pointsBalance).toBeGreaterThan(0);
    expect(await db().$count(connectorOrders)).toBe(1);
  });
});
