import type { NextRequest } from "next/server";
import { consoleRead } from "@/lib/console/dispatch";
import { problem } from "@/lib/shop-api/problem";
import { csvLine, metricRows } from "@/lib/console/metrics-csv";
import { getDb } from "@/lib/db";
import { seriesNames } from "@/lib/db/queries/metric-series";
import { getInsights } from "@/lib/db/queries/metric-snapshots";
import { env } from "@/lib/env";
import { defaultBucket, periodSchema } from "@/lib/loyalty/metrics";

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
    if (seriesName !== null && !(seriesNames as readonly string[]).includes(seriesName)) {
      return problem(400, "invalid-series", "Unknown series", `series must be one of ${seriesNames.join(", ")}`);
    }
    const by = params.get("by");
    // The numbers the page shows (the same snapshot), so the file matches the screen.
    const { current, previous, series } = await getInsights(db, period.data, timezone, by === "week" || by === "month" ? by : defaultBucket(period.data));
    let header: string[];
    let rows: (string | number | null)[][];
    if (seriesName) {
      // One chart's data: a row per week or month, a column per series.
      const points = series[seriesName as keyof typeof series] as Record<string, string | number | null>[];
      header = points[0] ? Object.keys(points[0]) : ["bucket"];
      rows = points.map((point) => header.map((key) => point[key] ?? null));
    } else {
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
