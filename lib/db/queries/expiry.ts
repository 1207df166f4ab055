import "server-only";
import { and, eq, gt, inArray, lt, max } from "drizzle-orm";
import { ACTIVITY_KINDS, DEFAULT_VALID_MONTHS, expiryCutoff } from "../../loyalty/expiry";
import type { Database } from "../connect";
import { ledgerEntries, members } from "../schema";

export async function getLastActivity(db: Database, memberId: string): Promise<Date | null> {
  const [row] = await db
    .select({ last: max(ledgerEntries.createdAt) })
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.memberId, memberId), inArray(ledgerEntries.kind, [...ACTIVITY_KINDS])));
  return row?.last ? new Date(row.last) : null;
}

/**
 * Writes an `expire` row for every member whose points have gone unused past the validity
 * period. Safe with several app instances running it at once: each member is handled in its
 * own transaction under FOR UPDATE SKIP LOCKED, and the row's idempotency key (member + last
 * activity) makes a repeat a no-op.
 */
export async function expireInactiveMembers(db: Database, now: Date, months = DEFAULT_VALID_MONTHS): Promise<number> {
  const cutoff = expiryCutoff(now, months);
  const candidates = await db
    .select({ id: members.id })
    .from(members)
    .innerJoin(ledgerEntries, and(eq(ledgerEntries.memberId, members.id), inArray(ledgerEntries.kind, [...ACTIVITY_KINDS])))
    .where(gt(members.pointsBalance, 0))
    .groupBy(members.id)
    .having(lt(max(ledgerEntries.createdAt), cutoff))
    .limit(1_000);

  let expired = 0;
  for (const { id } of candidates) {
    expired += await db.transaction(async (tx) => {
      const [member] = await tx
        .select({ balance: members.pointsBalance })
        .from(members)
        .where(eq(members.id, id))
        .for("update", { skipLocked: true });
      if (!member || member.balance <= 0) return 0;
      const last = await getLastActivity(tx, id);
      if (!last || last >= cutoff) return 0; // activity arrived since the scan
      const inserted = await tx
        .insert(ledgerEntries)
        .values({
          memberId: id,
          delta: -member.balance,
          kind: "expire",
          sourceRef: `inactive-since:${last.toISOString().slice(0, 10)}`,
          idempotencyKey: `expire:${id}:${last.toISOString()}`,
          createdAt: now,
        })
        .onConflictDoNothing()
        .returning({ id: ledgerEntries.id });
      return inserted.length;
    });
  }
  return expired;
}

