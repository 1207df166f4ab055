// Time-driven upkeep, in-process. Every instance may run it: the queries themselves make
// concurrent runs safe (SKIP LOCKED, idempotency keys, pure re-derivation), so no leader election.
import { getDb } from "../db";
import { enqueueExpiringLots, expireEarnedLots, expireInactiveMembers } from "../db/queries/expiry";
import { enqueueExpiringCoupons, enqueueExpiringPoints, enqueueNewTasks } from "../db/queries/notifications";
import { getEarnRule } from "../db/queries/program";
import { applyDueChanges } from "../db/queries/console-program";
import { refreshInsightPresets } from "../db/queries/metric-snapshots";
import { env } from "../env";
import { errorField, log } from "../log";
import { beat } from "./heartbeat";
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
  if (expired > 0) log.info({ job: "expiry", members: expired, mode: expiryMode }, "points expired");
  // Tier guarantees that ran out: downgrade after grace, or a fresh date for who still qualifies.
  let refreshed = 0;
  for (let batch = await refreshDueTiers(db, now); batch > 0; batch = await refreshDueTiers(db, now)) refreshed += batch;
  if (refreshed > 0) log.info({ job: "tiers", members: refreshed }, "tiers re-derived after their guarantee ran out");
  // Referral points past their return window (shoppers who look get them at once anyway).
  let settled = 0;
  for (let batch = await settleDueReferrals(db, now); batch > 0; batch = await settleDueReferrals(db, now)) settled += batch;
  if (settled > 0) log.info({ job: "referrals", rewards: settled }, "referral rewards credited");
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
  beat("scheduled-changes");
  if (applied.length > 0) log.info({ job: "scheduled-changes", applied }, "scheduled change applied");
  if (applied.includes("tiers")) {
    const { members, floors } = await reevaluateTiers(db, now);
    log.info({ job: "scheduled-changes", members, floors }, "tiers re-evaluated after a tier change");
  }
}

export function startHourlyJobs(): void {
  const failed = (job: string) => (error: unknown) => log.error({ job, err: errorField(error) }, "job failed");
  const run = () => runOnce().catch(failed("hourly job"));
  setTimeout(run, 30_000).unref();
  setInterval(run, HOUR).unref();
  setInterval(() => void applyScheduledChanges().catch(failed("scheduled change")), MINUTE).unref();
  // The console's insight presets stay within their freshness (SNAPSHOT_FRESH_MS), so they open at once.
  const insights = () => void getDb().then((db) => refreshInsightPresets(db, env().timezone)).catch(failed("insights refresh"));
  setTimeout(insights, 60_000).unref();
  setInterval(insights, 10 * MINUTE).unref();
}
