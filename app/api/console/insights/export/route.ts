import type { NextRequest } from "next/server";
import { consoleRead } from "@/lib/console/dispatch";
import { problem } from "@/lib/shop-api/problem";
import { csvLine, metricRows } from "@/lib/console/metrics-csv";
import { getDb } from "@/lib/db";
import { getMetricSeries } from "@/lib/db/queries/metric-series";
import { getMetrics } from "@/lib/db/queries/metrics";
import { env } from "@/lib/env";
import { periodSchema, previousPeriod } from "@/lib/loyalty/metrics";

export const dynamic = "force-dynamic";

/**
 * The insights of a period (and the one before), or one chart's data (&series=orders&by=month), as
 * CSV streamed row by row. ?from&to[&sep=semicolon]
 */
export async function GET(request: NextRequest) {
  return consoleRead("insights", async () => {
    const params = request.nextUrl.searchParams;
    const period = periodSchema.safeParse({ from: params.get("from") ?? undefined, to: params.get("to") ?? undefined });
    if (!period.success) return problem(400, "invalid-period", "Invalid period", period.error.issues[0]?.message ?? "from and to must be dates");
    const separator = params.get("sep") === "semicolon" ? ";" : ",";
    const db = await getDb();
    const timezone = env().timezone;
    const seriesName = params.get("series");
    let header: string[];
    let rows: (string | number | null)[][];
    if (seriesName) {
      // One chart's data: a row per week or month, a column per series.
      const all = await getMetricSeries(db, period.data, timezone, params.get("by") === "week" ? "week" : "month");
      if (!Object.hasOwn(all, seriesName)) return problem(400, "invalid-series", "Unknown series", `series must be one of ${Object.keys(all).join(", ")}`);
      const points = all[seriesName as keyof typeof all] as Record<string, string | number | null>[];
      header = points[0] ? Object.keys(points[0]) : ["bucket"];
      rows = points.map((point) => header.map((key) => point[key] ?? null));
    } else {
      const [current, previous] = await Promise.all([getMetrics(db, period.data, timezone), getMetrics(db, previousPeriod(period.data), timezone)]);
      header = ["metric", `${period.data.from}..${period.data.to}`, "previous period"];
      rows = metricRows(current, previous);
    }
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode(`\uFEFF${csvLine(header, separator)}`));
      },
      pull(controller) {
        const row = rows.shift();
        if (row) controller.enqueue(encoder.encode(csvLine(row, separator)));
        else controller.close();
      },
    });
    return new Response(body, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="treue-${seriesName ?? "insights"}-${period.data.from}-${period.data.to}.csv"`,
        "cache-control": "no-store",
      },
    });
  });
}
