import { NextResponse } from "next/server";
import { getDb } from "@/lib/db";
import { getShopCustomer } from "@/lib/db/queries/shop-events";
import { problem } from "@/lib/shop-api/problem";
import { readSignedRequest } from "@/lib/shop-api/signed-request";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const signed = await readSignedRequest(request);
  if (!signed.ok) return signed.response;
  const { id } = await params;
  if (id.length < 1 || id.length > 128) return problem(404, "not-found", "Unknown customer", "no member has this shop customer id");
  const customer = await getShopCustomer(await getDb(), id);
  if (!customer) return problem(404, "not-found", "Unknown customer", `no member has shop customer id ${id}`);
  return NextResponse.json(customer, { headers: { "cache-control": "no-store" } });
}
