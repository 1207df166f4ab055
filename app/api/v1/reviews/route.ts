import { NextResponse } from "next/server";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { listApprovedReviews } from "@/lib/db/queries/tasks";
import { problem } from "@/lib/shop-api/problem";
import { readSignedRequest } from "@/lib/shop-api/signed-request";

export const dynamic = "force-dynamic";

const sinceSchema = z.iso.datetime({ offset: true }).optional();
const PAGE = 100;

/**
 * Approved product reviews for the shop to show, oldest approval first. Page with `since` set to
 * the last `approved_at` received (an addition to docs/api.md; nothing existing changed).
 */
export async function GET(request: Request) {
  const signed = await readSignedRequest(request);
  if (!signed.ok) return signed.response;
  const raw = new URL(request.url).searchParams.get("since") ?? undefined;
  const since = sinceSchema.safeParse(raw);
  if (!since.success) return problem(400, "invalid-body", "Invalid query", "since must be an ISO 8601 date-time, e.g. 2026-11-01T00:00:00Z");
  const rows = await listApprovedReviews(await getDb(), since.data ? new Date(since.data) : new Date(0), PAGE);
  const reviews = rows.map((r) => {
    const payload = r.payload as { rating?: number; text?: string; productName?: string };
    return {
      id: r.id,
      sku: r.sku,
      product_name: payload.productName ?? null,
      rating: payload.rating ?? null,
      text: payload.text ?? "",
      author: r.memberName?.split(" ")[0] ?? null,
      shop_customer_id: r.shopCustomerId,
      approved_at: r.approvedAt?.toISOString() ?? null,
    };
  });
  return NextResponse.json({ reviews, next_since: reviews.at(-1)?.approved_at ?? since.data ?? null }, { headers: { "cache-control": "no-store" } });
}
