// Insights' support figures (docs/metrics.md, "Support conversations") on both databases, against
// medians and 90th percentiles computed by hand from the rows below.
import { expect, it } from "vitest";
import { metricRows } from "../../console/metrics-csv";
import { conversations, members } from "../schema";
import { describeEachDatabase } from "../test-databases";
import { getInsights } from "./metric-snapshots";
import { getMetrics } from "./metrics";

// November 2026 in Berlin is [2026-10-31T23:00Z, 2026-11-30T23:00Z); October before it.
describeEachDatabase("support metrics", (db) => {
  const november = { from: "2026-11-01", to: "2026-12-01" };

  it("times the first reply and the resolution from the hand-over, counted in the period they end in, shoppers only", async () => {
    const [shopper, staff] = await db()
      .insert(members)
      .values([
        { email: "kundin@example.com", createdAt: new Date("2026-01-01T00:00:00Z") },
        { email: "team@example.com", role: "support", createdAt: new Date("2026-01-01T00:00:00Z") },
      ])
      .returning({ id: members.id });
    const at = (iso: string | null) => (iso === null ? null : new Date(iso));
    const conversation = (memberId: string, handed: string | null, first: string | null, resolved: string | null) => ({
      memberId,
      status: resolved ? ("closed" as const) : ("open" as const),
      handedOverAt: at(handed),
      firstResponseAt: at(first),
      resolvedAt: at(resolved),
      createdAt: at(handed) ?? new Date("2026-11-15T10:00:00Z"),
    });
    const s = shopper!.id;
    await db()
      .insert(conversations)
      .values([
        conversation(s, "2026-11-02T10:00:00Z", "2026-11-02T10:01:00Z", "2026-11-02T10:30:00Z"), // first 60 s, resolved 1,800 s
        conversation(s, "2026-11-03T10:00:00Z", "2026-11-03T10:02:00Z", "2026-11-03T12:00:00Z"), // 120 s, 7,200 s
        conversation(s, "2026-11-04T10:00:00Z", "2026-11-04T10:05:00Z", "2026-11-05T10:00:00Z"), // 300 s, 86,400 s
        conversation(s, "2026-11-05T10:00:00Z", "2026-11-05T10:10:00Z", null), // 600 s, still open
        conversation(s, "2026-11-06T10:00:00Z", "2026-11-06T11:00:00Z", "2026-11-30T23:30:00Z"), // 3,600 s; resolved 00:30 on 1 Dec in Berlin: December
        conversation(s, "2026-10-31T22:50:00Z", "2026-10-31T23:10:00Z", null), // handed over in October (23:50 Berlin), answered 00:10 on 1 Nov: 1,200 s in November
        conversation(s, "2026-11-29T10:00:00Z", "2026-12-01T10:00:00Z", null), // answered in December
        conversation(s, "2026-11-20T10:00:00Z", null, null), // not answered yet
        conversation(s, null, null, null), // the assistant alone: never handed over
        conversation(staff!.id, "2026-11-10T10:00:00Z", "2026-11-10T10:00:10Z", "2026-11-10T10:00:20Z"), // staff trying it out: not counted
        conversation(s, "2026-10-10T10:00:00Z", "2026-10-10T10:15:00Z", "2026-10-10T11:00:00Z"), // October: 900 s, 3,600 s
      ]);

    const m = await getMetrics(db(), november, "Europe/Berlin");
    // First replies in November, sorted: 60, 120, 300, 600, 1200, 3600. Median at position 2.5 of 0…5:
    // (300 + 600) / 2 = 450; p90 at 0.9 × 5 = 4.5: 1200 + 0.5 × (3600 − 1200) = 2400.
    // Resolutions in November: 1800, 7200, 86400. Median 7200; p90 at 0.9 × 2 = 1.8: 7200 + 0.8 × (86400 − 7200) = 70560.
    expect(m.support).toEqual({
      handed_over: 7,
      first_response: { count: 6, median_seconds: 450, p90_seconds: 2_400 },
      resolution: { count: 3, median_seconds: 7_200, p90_seconds: 70_560 },
    });

    const insights = await getInsights(db(), november, "Europe/Berlin", "week", { maxAgeMs: 0 });
    expect(insights.previous.support).toEqual({
      handed_over: 2,
      first_response: { count: 1, median_seconds: 900, p90_seconds: 900 },
      resolution: { count: 1, median_seconds: 3_600, p90_seconds: 3_600 },
    });
    // The CSV carries them with the other numbers, this period beside the one before.
    expect(metricRows(insights.current, insights.previous)).toContainEqual(["support.first_response.median_seconds", 450, 900]);

    // A period without any: counts 0, no median (never 0 seconds, which would read as instant answers).
    expect((await getMetrics(db(), { from: "2026-01-01", to: "2026-02-01" }, "Europe/Berlin")).support).toEqual({
      handed_over: 0,
      first_response: { count: 0, median_seconds: null, p90_seconds: null },
      resolution: { count: 0, median_seconds: null, p90_seconds: null },
    });
  });
});
