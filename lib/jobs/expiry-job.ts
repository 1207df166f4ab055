// Runs points expiry in-process. Every instance may run it: the query itself makes
// concurrent runs safe (SKIP LOCKED, idempotency keys), so no leader election is needed.
import { getDb } from "../db";
import { expireInactiveMembers } from "../db/queries/expiry";
import { getEarnRule } from "../db/queries/program";

const HOUR = 60 * 60 * 1000;

export function startExpiryJob(): void {
  const run = async () => {
    try {
      const db = await getDb();
      const { pointsValidMonths } = await getEarnRule(db);
      const expired = await expireInactiveMembers(db, new Date(), pointsValidMonths);
      if (expired > 0) console.log(`treue: expired the points of ${expired} inactive member(s)`);
    } catch (error) {
      console.error(`treue: expiry job failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  setTimeout(run, 30_000).unref();
  setInterval(run, HOUR).unref();
}
