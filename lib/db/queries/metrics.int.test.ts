import { eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import { expect, it } from "vitest";
import { GET as metricsRoute } from "../../../app/api/v1/metrics/route";
import { signRequest } from "../../shop-api/signature";
import type { Database } from "../connect";
import { cliSurveyTemplate, npsSurveyTemplate } from "../../loyalty/survey-templates";
import { ledgerEntries, members, orders, programs, taskSubmissions, tasks } from "../schema";
import { describeEachDatabase, routesUse } from "../test-databases";
import { getMetricSeries } from "./metric-series";
import { getMetrics } from "./metrics";
import { getInsights, refreshInsightPresets } from "./metric-snapshots";

process.env.TREUE_SHOP_SECRET = "metrics-test-secret";

/** GET /api/v1/metrics through the route itself (signature, validation, JSON), answering from `db`. */
async function viaApi(db: Database, query: string, secret = "metrics-test-secret") {
  routesUse(db);
  const url = `http://treue.test/api/v1/metrics?${query}`;
  const headers = signRequest(secret, { method: "GET", url });
  const response = await metricsRoute(new NextRequest(url, { headers }));
  return { status: response.status, type: response.headers.get("content-type"), body: await response.json() };
}

// Hand-computed: November 2026 in Berlin is [2026-10-31T23:00Z, 2026-11-30T23:00Z).
describeEachDatabase("loyalty metrics", (db) => {
  const november = { from: "2026-11-01", to: "2026-12-01" };

  it("counts the period's orders, customers, revenue, repeat rate, upsell and the program's effect by its definitions", async () => {
    await db().insert(programs).values({ id: "default", name: "Metrik-Shop", pointValueMilliCents: 50 });
    await db().insert(tasks).values([
      { id: "nps", programId: "default", kind: "survey", title: { de: "NPS", en: "NPS" }, points: 10, config: { questions: npsSurveyTemplate } },
      { id: "cli", programId: "default", kind: "survey", title: { de: "CLI", en: "CLI" }, points: 10, config: { questions: cliSurveyTemplate } },
    ]);
    const [a, b, c] = await db()
      .insert(members)
      .values([
        // Members from before the period: the test must not depend on the day it runs.
        { email: "a@example.com", emailVerified: new Date("2026-01-01T00:00:00Z"), createdAt: new Date("2026-01-01T00:00:00Z") },
        { email: "b@example.com", createdAt: new Date("2026-01-01T00:00:00Z") },
        { email: "c@example.com", createdAt: new Date("2026-01-01T00:00:00Z") },
      ])
      .returning({ id: members.id });
    const order = (memberId: string, id: string, paidAt: string, subtotalCents: number, items: object[], refundedCents = 0) => ({
      memberId,
      shopOrderId: id,
      currency: "EUR",
      subtotalCents,
      refundedCents,
      items,
      paidAt: new Date(paidAt),
    });
    await db()
      .insert(orders)
      .values([
        order(a!.id, "a1", "2026-10-31T23:30:00Z", 10_000, [{ sku: "ZELT", category: "zelte" }]), // 00:30 on 1 Nov in Berlin
        order(a!.id, "a2", "2026-11-15T10:00:00Z", 5_000, [{ sku: "SOCKE" }], 1_000), // no category: counts by SKU; partly refunded
        order(b!.id, "b1", "2026-11-10T10:00:00Z", 8_000, [{ sku: "ZELT-2", category: "zelte" }]),
        order(b!.id, "b2", "2026-11-12T10:00:00Z", 3_000, [{ sku: "HUT", category: "hüte" }], 3_000), // fully refunded: not an order
        order(c!.id, "c1", "2026-10-31T22:30:00Z", 9_000, [{ sku: "ZELT" }]), // 23:30 on 31 Oct in Berlin: October
      ]);
    const answer = (memberId: string, taskId: string, at: string, answers: Record<string, number>) => ({
      memberId,
      taskId,
      kind: "survey",
      clientId: `${taskId}-${memberId}-${at}`,
      status: "completed" as const,
      payload: { answers },
      points: 10,
      createdAt: new Date(at),
    });
    await db()
      .insert(taskSubmissions)
      .values([
        answer(a!.id, "nps", "2026-11-02T10:00:00Z", { nps: 3 }),
        answer(a!.id, "nps", "2026-11-20T10:00:00Z", { nps: 10 }), // the latest counts
        answer(b!.id, "nps", "2026-11-05T10:00:00Z", { nps: 6 }),
        answer(c!.id, "nps", "2026-12-02T10:00:00Z", { nps: 0 }), // December
        answer(a!.id, "cli", "2026-11-03T10:00:00Z", { cli_recommend: 8, cli_buy_again: 9, cli_try_other: 10 }),
        answer(b!.id, "cli", "2026-11-04T10:00:00Z", { cli_recommend: 2, cli_buy_again: 3, cli_try_other: 4 }),
      ]);
    const entry = (memberId: string, delta: number, kind: "earn_order" | "redeem" | "expire", at: string) => ({ memberId, delta, kind, sourceRef: kind, idempotencyKey: `${memberId}:${kind}:${at}`, createdAt: new Date(at) });
    await db()
      .insert(ledgerEntries)
      .values([
        entry(b!.id, 50, "earn_order", "2026-10-01T10:00:00Z"),
        entry(a!.id, 100, "earn_order", "2026-11-05T10:00:00Z"),
        entry(a!.id, -40, "redeem", "2026-11-20T10:00:00Z"),
        entry(a!.id, -10, "expire", "2026-11-21T10:00:00Z"),
      ]);

    const m = await getMetrics(db(), november, "Europe/Berlin");
    expect(m).toMatchObject({
      orders: 3,
      customers: 2,
      revenue_cents: 22_000,
      aov_cents: 7_333,
      repeat_purchase_rate: 0.5,
      upsell_ratio: 1, // a: zelte + SOCKE (2 types), b: zelte (1 type)
      enrolled_share: 0.5,
      enrolled_customers: { customers: 1, aov_cents: 7_000, repeat_purchase_rate: 1 },
      not_enrolled_customers: { customers: 1, aov_cents: 8_000, repeat_purchase_rate: 0 },
      nps: { promoters: 1, passives: 0, detractors: 1, answers: 2, score: 0 },
      cli: { score: 60, band: "average", respondents: 2 },
      members: 3,
      enrolled: 1,
      active_members: 2,
      points_issued: 100,
      points_redeemed: 40,
      points_expired: 10,
      redemption_rate: 0.4,
      points_liability: { points: 100, cents: 50, point_value_milli_cents: 50 },
    });
    // The shop's BI reads the very same numbers over the API.
    expect(await viaApi(db(), "from=2026-11-01&to=2026-12-01")).toEqual({ status: 200, type: "application/json", body: { ...m, timezone: "Europe/Berlin" } });
  });

  it("refuses a bad period or a bad signature with problem+json over the API", async () => {
    for (const [query, pointer] of [
      ["from=2026-11-01", "/to"],
      ["from=1.11.2026&to=2026-12-01", "/from"],
      ["from=2026-12-01&to=2026-11-01", "/to"],
      ["from=2020-01-01&to=2026-01-01", "/to"],
    ] as const) {
      const answer = await viaApi(db(), query);
      expect(answer, query).toMatchObject({ status: 400, type: "application/problem+json", body: { errors: [expect.objectContaining({ pointer })] } });
    }
    expect(await viaApi(db(), "from=2026-11-01&to=2026-12-01", "another-secret")).toMatchObject({ status: 401, type: "application/problem+json" });
  });

  it("counts the same definitions per month and per week in the program's time zone", async () => {
    const byMonth = await getMetricSeries(db(), { from: "2026-10-01", to: "2026-12-01" }, "Europe/Berlin", "month");
    // a1 was paid at 00:30 on 1 November in Berlin: November, not October; c1 (23:30 on 31 October) is October.
    expect(byMonth.orders).toEqual([
      { bucket: "2026-10-01", enrolled_orders: 0, other_orders: 1, enrolled_revenue_cents: 0, other_revenue_cents: 9_000 },
      { bucket: "2026-11-01", enrolled_orders: 2, other_orders: 1, enrolled_revenue_cents: 14_000, other_revenue_cents: 8_000 },
    ]);
    expect(byMonth.points).toEqual([
      { bucket: "2026-10-01", issued: 50, redeemed: 0, expired: 0 },
      { bucket: "2026-11-01", issued: 100, redeemed: 40, expired: 10 },
    ]);
    expect(byMonth.nps).toEqual([{ bucket: "2026-11-01", score: 0, answers: 2 }]);
    const byWeek = await getMetricSeries(db(), november, "Europe/Berlin", "week");
    expect(byWeek.orders.map((o) => o.bucket)).toEqual(["2026-10-26", "2026-11-09"]); // Mondays; a2 and b1 share a week
  });

  it("shows the console a snapshot while it is fresh and recomputes on request", async () => {
    const at = new Date("2026-12-05T10:00:00Z");
    const first = await getInsights(db(), november, "Europe/Berlin", "week", { now: at });
    expect(first).toMatchObject({ computedAt: at.toISOString(), current: { orders: 3, revenue_cents: 22_000 }, previous: { from: "2026-10-02", to: "2026-11-01", orders: 1 } });
    expect(first.current).toEqual(await getMetrics(db(), november, "Europe/Berlin"));
    const [member] = await db().select({ id: members.id }).from(members).limit(1);
    await db().insert(orders).values({ memberId: member!.id, shopOrderId: "late", currency: "EUR", subtotalCents: 1_000, items: [], paidAt: new Date("2026-11-28T10:00:00Z") });

    const later = new Date(at.getTime() + 5 * 60_000);
    const kept = await getInsights(db(), november, "Europe/Berlin", "week", { now: later });
    expect(kept).toMatchObject({ computedAt: at.toISOString(), current: { orders: 3 } });
    expect(Object.keys(kept.current)).toEqual(Object.keys(first.current)); // the CSV's column order survives the snapshot
    expect(Object.keys(kept.series.points[0]!)).toEqual(["bucket", "issued", "redeemed", "expired"]);
    expect(await getInsights(db(), november, "Europe/Berlin", "week", { now: later, maxAgeMs: 0 })).toMatchObject({ computedAt: later.toISOString(), current: { orders: 4 } });
    // A day later the jobs' refresh forgets it; the next look computes afresh.
    await refreshInsightPresets(db(), "Europe/Berlin", new Date(later.getTime() + 25 * 60 * 60_000));
    const next = await getInsights(db(), november, "Europe/Berlin", "week", { now: new Date(later.getTime() + 26 * 60 * 60_000) });
    expect(next.computedAt).not.toBe(later.toISOString());
    await db().delete(orders).where(eq(orders.shopOrderId, "late"));
  });

  it("gives null rates and scores for a period without activity", async () => {
    const m = await getMetrics(db(), { from: "2027-01-01", to: "2027-02-01" }, "Europe/Berlin");
    expect(m).toMatchObject({ orders: 0, customers: 0, revenue_cents: 0, aov_cents: null, repeat_purchase_rate: null, upsell_ratio: null, enrolled_share: null, redemption_rate: null, coupon_use_rate: null });
    expect(m.nps.score).toBeNull();
    expect(m.cli.score).toBeNull();
    expect(m.points_liability.points).toBe(100); // what was owed by then
    expect((await viaApi(db(), "from=2027-01-01&to=2027-02-01")).body).toMatchObject({ orders: 0, aov_cents: null, repeat_purchase_rate: null, upsell_ratio: null, nps: { score: null }, cli: { score: null } });
  });
});
