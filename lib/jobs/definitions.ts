// The app's background work, defined once. Two runners carry it out: on PostgreSQL a job queue
// shared by every instance (lib/jobs/queue.ts: pg-boss, one run per schedule, retries with
// backoff, state visible in the console), on the embedded database timers in the one process
// (lib/jobs/in-process.ts). Every job is safe to run twice: the queries use SKIP LOCKED,
// idempotency keys or re-derive from the ledger.
import type { Database } from "../db";
import { enqueueExpiringLots, expireEarnedLots, expireInactiveMembers } from "../db/queries/expiry";
import { refreshInsightPresets } from "../db/queries/metric-snapshots";
import { enqueueExpiringCoupons, enqueueExpiringPoints, enqueueNewTasks } from "../db/queries/notifications";
import { applyDueChanges } from "../db/queries/console-program";
import { getEarnRule } from "../db/queries/program";
import { settleDueReferrals } from "../db/queries/referrals";
import { reevaluateTiers, refreshDueTiers } from "../db/queries/tiers";
import { env } from "../env";
import { deliverDueNotifications } from "../push/outbox-worker";
import { getVapidKeys } from "../push/vapid";
import { webPushSender } from "../push/web-push-sender";
import type { JobName } from "./job-names";

/** What a run did, for the log and the console's job list. */
export type JobReport = Record<string, number | string | string[]>;

export type JobDefinition = {
  /** JOB_NAMES for the app's own jobs (tests run others). */
  name: string;
  /** When it runs (cron, the program's time zone); push delivery also runs when nudged. */
  cron: string;
  /** The in-process runner's interval. */
  everyMs: number;
  run: (db: Database, now: Date) => Promise<JobReport>;
};

const MINUTE = 60_000;

/** Points expiry, tier guarantees that ran out, referral rewards past their return window, reminders. */
async function upkeep(db: Database, now: Date): Promise<JobReport> {
  const { pointsValidMonths, expiryMode, expiryWarningDays } = await getEarnRule(db);
  const perEarning = expiryMode === "per-earning";
  const expired = perEarning ? await expireEarnedLots(db, now, pointsValidMonths) : await expireInactiveMembers(db, now, pointsValidMonths);
  let tiers = 0;
  for (let batch = await refreshDueTiers(db, now); batch > 0; batch = await refreshDueTiers(db, now)) tiers += batch;
  let referrals = 0;
  for (let batch = await settleDueReferrals(db, now); batch > 0; batch = await settleDueReferrals(db, now)) referrals += batch;
  await enqueueExpiringCoupons(db, now);
  if (perEarning) await enqueueExpiringLots(db, now, pointsValidMonths, expiryWarningDays);
  else await enqueueExpiringPoints(db, now, pointsValidMonths, expiryWarningDays);
  await enqueueNewTasks(db, now);
  return { expired, tiers, referrals, expiryMode };
}

/** Changes the owner scheduled (tiers, program settings) take effect within a minute of their time. */
async function scheduledChanges(db: Database, now: Date): Promise<JobReport> {
  const applied = await applyDueChanges(db, now);
  if (!applied.includes("tiers")) return { applied };
  const { members, floors } = await reevaluateTiers(db, now);
  return { applied, members, floors };
}

/** Sends what the push outbox holds that is due; a full batch may mean more, so up to 20 rounds. */
async function pushDelivery(db: Database): Promise<JobReport> {
  const send = webPushSender(await getVapidKeys(db), env().vapidSubject, env().pushEndpoints);
  const total = { sent: 0, retrying: 0, failed: 0, removed: 0 };
  for (let i = 0; i < 20; i++) {
    const report = await deliverDueNotifications(db, send);
    total.sent += report.sent;
    total.retrying += report.retrying;
    total.failed += report.failed;
    total.removed += report.subscriptionsRemoved;
    if (report.sent + report.retrying + report.failed < 50) break;
  }
  return total;
}

export const JOBS = {
  upkeep: { name: "upkeep", cron: "7 * * * *", everyMs: 60 * MINUTE, run: upkeep },
  scheduledChanges: { name: "scheduled-changes", cron: "* * * * *", everyMs: MINUTE, run: scheduledChanges },
  insights: { name: "insights-refresh", cron: "*/10 * * * *", everyMs: 10 * MINUTE, run: (db) => refreshInsightPresets(db, env().timezone).then(() => ({})) },
  push: { name: "push-delivery", cron: "* * * * *", everyMs: 15_000, run: pushDelivery },
} satisfies Record<string, JobDefinition & { name: JobName }>;

export const JOB_LIST: JobDefinition[] = Object.values(JOBS);
