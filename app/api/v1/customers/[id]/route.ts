import { NextResponse } from "next/server";
import { getDb } from "@/lib/db";
import { getShopCustomer } from "@/lib/server/orders/shop-customer";
import { problem } from "@/lib/shop-api/problem";
import { readSignedRequest } from "@/lib/shop-api/signed-request";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const signed = await readSignedRequest(request);
  if (!signed.ok) return signed.response;
  const { id } = await params;
  // Shop customer ids are at most 128 characters (docs/api.md): a longer one cannot be known.
  const customer = id.length <= 128 ? await getShopCustomer(await getDb(), id) : null;
  if (!customer) return problem(404, "not-found", "Unknown customer", "no member has this shop customer id");
  return NextResponse.json(customer, { headers: { "cache-control": "no-store" } });
}
