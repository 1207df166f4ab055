import type { NextRequest } from "next/server";
import { consoleRead } from "@/lib/console/dispatch";
import { getDb } from "@/lib/db";
import { lookUpAtTill } from "@/lib/server/till";

export const dynamic = "force-dynamic";

/** The till's look-up: ?q=<member number or coupon code>, as scanned or typed. */
export async function GET(request: NextRequest) {
  const q = (request.nextUrl.searchParams.get("q") ?? "").slice(0, 100);
  return consoleRead("till", async () => lookUpAtTill(await getDb(), q, new Date()));
}
