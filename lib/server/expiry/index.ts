// Points that lapse: the jobs that book `expire` rows, under inactivity or per earning. Each
// member is its own transaction under SKIP LOCKED, and each row's idempotency key makes a rerun
// or a second instance add nothing. The SQL is lib/db/queries/expiry.ts; the rules lib/loyalty/expiry*.ts.
import "server-only";
import type { Database } from "../../db/connect";
import { claimMemberBalance, getLastActivity, inactiveMembersSince, insertExpiry, membersWithLotsLapsingBy, movementsOf } from "../../db/queries/expiry";
import { env } from "../../env";
import { DEFAULT_VALID_MONTHS, expiryCutoff } from "../../loyalty/expiry";
import { expiredPoints } from "../../loyalty/expiry-lots";

/**
 * Writes an `expire` row for every member whose points have gone unused past the validity
 * period. Safe with several app instances running it at once: each member is handled in its
 * own transaction under FOR UPDATE SKIP LOCKED, and the row's idempotency key (member + last
 * activity) makes a repeat a no-op.
 */
export async function expireInactiveMembers(db: Database, now: Date, months = DEFAULT_VALID_MONTHS): Promise<number> {
  const cutoff = expiryCutoff(now, months, env().timezone);
  let expired = 0;
  for (const id of await inactiveMembersSince(db, cutoff)) {
    expired += await db.transaction(async (tx) => {
      const balance = await claimMemberBalance(tx, id);
      if (balance === undefined || balance <= 0) return 0;
      const last = await getLastActivity(tx, id);
      if (!last || last >= cutoff) return 0; // activity arrived since the scan
      const day = last.toISOString();
      return insertExpiry(tx, { memberId: id, points: balance, sourceRef: `inactive-since:${day.slice(0, 10)}`, idempotencyKey: `expire:${id}:${day}`, createdAt: now });
    });
  }
  return expired;
}

/**
 * Per-earning expiry: books an `expire` row for what is left of every lot past its months (the
 * oldest points are spent first). Each member in its own transaction under SKIP LOCKED; the
 * idempotency key names the newest expired lot, so a rerun or a second instance adds nothing.
 */
export async function expireEarnedLots(db: Database, now: Date, months = DEFAULT_VALID_MONTHS): Promise<number> {
  let expired = 0;
  for (const id of await membersWithLotsLapsingBy(db, now, months)) {
    expired += await db.transaction(async (tx) => {
      const balance = await claimMemberBalance(tx, id);
      if (balance === undefined || balance <= 0) return 0;
      const { points, lastLotId } = expiredPoints(await movementsOf(tx, id), now, months, env().timezone);
      const take = Math.min(points, balance);
      if (take <= 0 || lastLotId === null) return 0;
      return insertExpiry(tx, { memberId: id, points: take, sourceRef: `lots-until:${lastLotId}`, idempotencyKey: `expire:${id}:lot:${lastLotId}`, createdAt: now });
    });
  }
  return expired;
}
