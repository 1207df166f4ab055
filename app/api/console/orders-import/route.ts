import type { NextRequest } from "next/server";
import { consoleRead } from "@/lib/console/dispatch";
import { getConnection } from "@/lib/db";
import { importOrdersCsv } from "@/lib/import/orders-csv";
import { problem } from "@/lib/shop-api/problem";

export const dynamic = "force-dynamic";

/** A shop's past orders as CSV in the body, read as a stream. ?mode=points|tiers-only&dryRun=1 */
export async function POST(request: NextRequest) {
  return consoleRead("program.edit", async (staff) => {
    const params = request.nextUrl.searchParams;
    const mode = params.get("mode") ?? "points";
    if (mode !== "points" && mode !== "tiers-only") return problem(400, "invalid-input", "Invalid mode", "mode must be points or tiers-only");
    if (!request.body) return problem(400, "invalid-input", "No file", "send the CSV file as the request body");
    const body = request.body as unknown as AsyncIterable<Uint8Array>;
    return importOrdersCsv(await getConnection(), (async function* () {
      for await (const chunk of body) yield Buffer.from(chunk);
    })(), { mode, dryRun: params.get("dryRun") === "1", actor: { id: staff.id, email: staff.email } });
  });
}
