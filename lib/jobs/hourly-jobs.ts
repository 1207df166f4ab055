// Time-driven upkeep, in-process. Every instance may run it: the queries themselves make
// concurrent runs safe (SKIP LOCKED, idempotency keys, pure re-derivation), so no leader election.
import { getDb } from "../db";
import { enqueueExpiringLots, expireEarnedLots, expireInactiveMembers } from "../db/queries/expiry";
import { enqueueExpiringCoupons, enqueueExpiringPoints, enqueueNewTasks } from "../db/queries/notifications";
import { getEarnRule } from "../db/queries/program";
import { applyDueChanges } from "../db/queries/console-program";
import { refreshInsightPresets } from "../db/queries/metric-snapshots";
import { env } from "../env";
import { settleDueReferrals } from "../db/queries/referrals";
import { reevaluateTiers, refreshDueTiers } from "../db/queries/tiers";

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;

async function runOnce() {
  const db = await getDb();
  const now = new Date();
  const { pointsValidMonths, expiryMode, expiryWarningDays } = await getEarnRule(db);
  const perEarning = expiryMode === "per-earning";
  const expired = perEarning ? await expireEarnedLots(db, now, pointsValidMonths) : await expireInactiveMembers(db, now, pointsValidMonths);
  if (expired > 0) console.log(`treue: expired points of ${expired} member(s) (${expiryMode})`);
  // Tier guarantees that ran out: downgrade after grace, or a fresh date for who still qualifies.
  let refreshed = 0;
  for (let batch = await refreshDueTiers(db, now); batch > 0; batch = await refreshDueTiers(db, now)) refreshed += batch;
  if (refreshed > 0) console.log(`treue: re-derived the tier of ${refreshed} member(s)`);
  // Referral points past their return window (shoppers who look get them at once anyway).
  let settled = 0;
  for (let batch = await settleDueReferrals(db, now); batch > 0; batch = await settleDueReferrals(db, now)) settled += batch;
  if (settled > 0) console.log(`treue: credited ${settled} referral reward(s)`);
  // Reminders: coupons running out in 3 days, points expiring within the warning days, tasks just opened (each once).
  await enqueueExpiringCoupons(db, now);
  if (perEarning) await enqueueExpiringLots(db, now, pointsValidMonths, expiryWarningDays);
  else await enqueueExpiringPoints(db, now, pointsValidMonths, expiryWarningDays);
  await enqueueNewTasks(db, now);
}

/** Changes the owner scheduled (tiers, program settings) take effect within a minute of their time. */
async function applyScheduledChanges() {
  const db = await getDb();
  const now = new Date();
  const applied = await applyDueChanges(db, now);
  if (applied.length > 0) console.log(`treue: scheduled change applied: ${applied.join(", ")}`);
  if (applied.includes("tiers")) {
    const { members, floors } = await reevaluateTiers(db, now);
    console.log(`treue: ${members} member(s) re-evaluated, ${floors} keep their tier for the grace period`);
  }
}

export function startHourlyJobs(): void {
  const failed = (what: string) => (error: unknown) => console.error(`treue: ${what} failed: ${error instanceof Error ? error.message : String(error)}`);
  const run = () => runOnce().catch(failed("hourly job"));
  setTimeout(run, 30_000).unref();
  setInterval(run, HOUR).unref();
  setInterval(() => void applyScheduledChanges().catch(failed("scheduled change")), MINUTE).unref();
  // The console's insight presets stay within their freshness (SNAPSHOT_FRESH_MS), so they open at once.
  const insights = () => void getDb().then((db) => refreshInsightPresets(db, env().timezone)).catch(failed("insights refresh"));
  setTimeout(insights, 60_000).unref();
  setInterval(insights, 10 * MINUTE).unref();
}
