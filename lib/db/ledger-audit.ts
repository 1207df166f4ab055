// The ledger's invariant: for every member, the sum of ledger rows equals the balance column.
import { eq, sql } from "drizzle-orm";
import type { Database } from "./connect";
import { ledgerEntries, members } from "./schema";

export type LedgerMismatch = { memberId: string; balance: number; ledgerSum: number };

export async function findLedgerMismatches(db: Database): Promise<LedgerMismatch[]> {
  const rows = await db
    .select({
      memberId: members.id,
      balance: members.pointsBalance,
      ledgerSum: sql<string>`coalesce(sum(${ledgerEntries.delta}), 0)`,
    })
    .from(members)
    .leftJoin(ledgerEntries, eq(ledgerEntries.memberId, members.id))
    .groupBy(members.id, members.pointsBalance)
    .having(sql`${members.pointsBalance} <> coalesce(sum(${ledgerEntries.delta}), 0)`);
  return rows.map((r) => ({ ...r, ledgerSum: Number(r.ledgerSum) }));
}
