// For tests that stage an interleaving on PostgreSQL: wait until the statements they started
// are really waiting for a lock before the next step.
import { sql } from "drizzle-orm";
import type { Database } from "./connect";

/** Until at least `count` statements on this test database wait for a lock (at most 10 s). */
export async function waitForLockWaits(db: Database, count = 1): Promise<void> {
  for (let i = 0; i < 500; i++) {
    const { rows } = (await db.execute(sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`)) as unknown as { rows: { n: number }[] };
    if (rows[0]!.n >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`fewer than ${count} statements waited for a lock`);
}
