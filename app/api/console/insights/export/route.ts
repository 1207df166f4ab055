import type { NextRequest } from "next/server";
import { consoleProblem, consoleRead } from "@/lib/console/dispatch";
import { csvLine, metricRows } from "@/lib/console/metrics-csv";
import { getDb } from "@/lib/db";
import { getMetrics } from "@/lib/db/queries/metrics";
import { env } from "@/lib/env";
import { periodSchema, previousPeriod } from "@/lib/loyalty/metrics";

export const dynamic = "force-dynamic";

/** The insights of a period (and the one before) as CSV, streamed row by row. ?from&to[&sep=semicolon] */
export async function GET(request: NextRequest) {
  return consoleRead("insights", async () => {
    const params = request.nextUrl.searchParams;
    const period = periodSchema.safeParse({ from: params.get("from") ?? undefined, to: params.get("to") ?? undefined });
    if (!period.success) return consoleProblem(400, "invalid-period", "Invalid period", period.error.issues[0]?.message ?? "from and to must be dates");
    const separator = params.get("sep") === "semicolon" ? ";" : ",";
    const db = await getDb();
    const timezone = env().timezone;
    const [current, previous] = await Promise.all([getMetrics(db, period.data, timezone), getMetrics(db, previousPeriod(period.data), timezone)]);
    const rows = metricRows(current, previous);
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode(`\uFEFF${csvLine(["metric", `${period.data.from}..${period.data.to}`, "previous period"], separator)}`));
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
        "content-disposition": `attachment; filename="treue-insights-${period.data.from}-${period.data.to}.csv"`,
        "cache-control": "no-store",
      },
    });
  });
}
