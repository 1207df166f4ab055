import type { NextRequest } from "next/server";
import { consoleRead } from "@/lib/console/dispatch";
import { getDb } from "@/lib/db";
import { searchMembers } from "@/lib/db/queries/console-members";

export const dynamic = "force-dynamic";

/** Member search for the console: ?q=text&offset=n, 25 a page. */
export async function GET(request: NextRequest) {
  const q = (request.nextUrl.searchParams.get("q") ?? "").slice(0, 200);
  const offset = Math.min(Math.max(0, Number.parseInt(request.nextUrl.searchParams.get("offset") ?? "0", 10) || 0), 100_000);
  return consoleRead("members.read", async () => searchMembers(await getDb(), q, { limit: 25, offset }));
}
