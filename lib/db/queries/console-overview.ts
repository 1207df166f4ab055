import "server-only";
import { and, eq, isNotNull, isNull, sql } from "drizzle-orm";
import { shopperWhere } from "../shoppers";
import type { Database } from "../connect";
import { conversations, members, taskSubmissions } from "../schema";

/** The overview's headline figures, each one aggregate; members are shoppers (lib/db/shoppers.ts). */
export async function getConsoleOverview(db: Database) {
  const [[totals], reviewQueue, openRequests] = await Promise.all([
    db.select({ members: sql<number>`count(*)::int`, points: sql<number>`coalesce(sum(${members.pointsBalance}), 0)::bigint` }).from(members).where(shopperWhere("members")),
    db.$count(taskSubmissions, eq(taskSubmissions.status, "in_review")),
    // Conversations waiting for a person that nobody has taken yet (Console → Gespräche, "Nicht zugewiesen").
    db.$count(conversations, and(eq(conversations.status, "open"), isNotNull(conversations.handedOverAt), isNull(conversations.assigneeId))),
  ]);
  return { members: Number(totals?.members ?? 0), pointsOutstanding: Number(totals?.points ?? 0), reviewQueue, openRequests };
}
