import { NextResponse, type NextRequest } from "next/server";
import { getDb } from "@/lib/db";
import { getMetrics } from "@/lib/db/queries/metrics";
import { env } from "@/lib/env";
import { periodSchema } from "@/lib/loyalty/metrics";
import { problem } from "@/lib/shop-api/problem";
import { readSignedRequest } from "@/lib/shop-api/signed-request";

export const dynamic = "force-dynamic";

/** The loyalty metrics of docs/metrics.md for [from, to) in the program's time zone, for the shop's BI. */
export async function GET(request: NextRequest) {
  const signed = await readSignedRequest(request);
  if (!signed.ok) return signed.response;
  const query = Object.fromEntries(["from", "to"].map((k) => [k, request.nextUrl.searchParams.get(k) ?? undefined]));
  const period = periodSchema.safeParse(query);
  if (!period.success) {
    const errors = period.error.issues.map((i) => ({ pointer: `/${i.path.join("/")}`, detail: i.message }));
    return problem(400, "invalid-period", "Invalid period", errors[0]?.detail ?? "from and to must be dates YYYY-MM-DD", errors);
  }
  return NextResponse.json(await getMetrics(await getDb(), period.data, env().timezone), { headers: { "cache-control": "no-store" } });
}
