// The app's background work, defined once. Two runners carry it out: on PostgreSQL a job queue
// shared by every instance (lib/jobs/queue.ts: pg-boss, one run per schedule, retries with
// backoff, state visible in the console), on the embedded database timers in the one process
// (lib/jobs/in-process.ts). Every job is safe to run twice: the queries use SKIP LOCKED,
// idempotency keys or re-derive from the ledger. Started only from instrumentation (lib/jobs/start.ts):
// the mail templates it renders must stay out of the server components' bundle.
import type { Database } from "../db";
import { dispatchDueCampaigns } from "../server/campaigns";
import { applyDueChanges } from "../server/program";
import { backfillLedgerExpiry } from "../db/queries/expiry";
import { expireEarnedLots, expireInactiveMembers } from "../server/expiry";
import {
  enqueueExpiringCoupons,
  enqueueExpiringLots,
  enqueueExpiringPoints,
  enqueueNewTasks,
  enqueuePointsDigest,
  enqueueWelcome,
} from "../db/queries/journeys";
import { enqueueRewardAvailable, enqueueTierAtRisk, sendBirthdayGifts, sendWinBackOffers } from "../server/journeys";
import { processShopDiscounts } from "../connectors/discounts/run";
import { refreshInsightPresets } from "../db/queries/metric-snapshots";
import { getEarnRule, getProgramConfig, getProgramFace, programCurrency } from "../db/queries/program";
import { settleDueReferrals } from "../server/referrals";
import { reevaluateTiers, refreshDueTiers } from "../server/tiers";
import { env } from "../env";
import { deliverDueMails } from "../mail/outbox-worker";
import { configuredMailSender } from "../mail/transport";
import { deliverDueTexts } from "../sms/outbox-worker";
import { twilioSender } from "../sms/twilio";
import { deliverDueWhatsapp } from "../whatsapp/outbox-worker";
import { twilioWhatsappSender } from "../whatsapp/twilio";
import { deliverDueNotifications } from "../push/outbox-worker";
import { getVapidKeys } from "../push/vapid";
import { webPushSender } from "../push/web-push-sender";
import { pushDueWalletPasses } from "../wallet/push-due";
import { JOB_SCHEDULES, type JobSchedule } from "./job-names";
import { nudgeDelivery } from "./runner";

/** What a run did, for the log and the console's job list. */
export type JobReport = Record<string, number | string | string[]>;

export type JobDefinition = Omit<JobSchedule, "name"> & {
  /** JOB_NAMES for the app's own jobs (tests run others). */
  name: string;
  run: (db: Database, now: Date) => Promise<JobReport>;
};

/** Points expiry, tier guarantees that ran out, referral rewards past their return window. */
async function upkeep(db: Database, now: Date): Promise<JobReport> {
  const { pointsValidMonths, expiryMode } = await getEarnRule(db);
  // Credits without an expiry of their own get the one of their day's rule, before anything lapses by it.
  await backfillLedgerExpiry(db, await getProgramConfig(db));
  const expired = expiryMode === "per-earning" ? await expireEarnedLots(db, now, pointsValidMonths) : await expireInactiveMembers(db, now, pointsValidMonths);
  let tiers = 0;
  for (let batch = await refreshDueTiers(db, now); batch > 0; batch = await refreshDueTiers(db, now)) tiers += batch;
  let referrals = 0;
  for (let batch = await settleDueReferrals(db, now); batch > 0; batch = await settleDueReferrals(db, now)) referrals += batch;
  return { expired, tiers, referrals, expiryMode };
}

/** The automatic messages the owner left switched on (console → Journeys), queued on each member's channel. */
async function journeys(db: Database, now: Date): Promise<JobReport> {
  const [config, face, { pointsValidMonths, expiryMode }] = await Promise.all([getProgramConfig(db), getProgramFace(db), getEarnRule(db)]);
  const on = config.journeys;
  const report: JobReport = {};
  if (on.welcome.enabled) report.welcome = await enqueueWelcome(db, now, face?.branding.shopName ?? face?.name ?? "Treue");
  if (on.points_digest.enabled) report.digest = await enqueuePointsDigest(db, now);
  if (on.expiring.enabled) {
    const leads = on.expiring.leadDays ?? [30, 7];
    report.expiring = (await enqueueExpiringCoupons(db, now)) + (expiryMode === "per-earning" ? await enqueueExpiringLots(db, now, pointsValidMonths, leads) : await enqueueExpiringPoints(db, now, pointsValidMonths, leads));
  }
  if (on.reward_available.enabled) report.rewardAvailable = await enqueueRewardAvailable(db, now);
  if (on.tier_at_risk.enabled) report.tierAtRisk = await enqueueTierAtRisk(db, now, on.tier_at_risk);
  if (on.birthday.enabled) report.birthday = await sendBirthdayGifts(db, now, on.birthday);
  if (on.win_back.enabled) report.winBack = await sendWinBackOffers(db, now, on.win_back);
  report.newTasks = await enqueueNewTasks(db, now);
  return report;
}

/** Campaigns that are due: their audience, then their messages in batches; mail delivery follows. */
async function campaignDispatch(db: Database, now: Date): Promise<JobReport> {
  const report = await dispatchDueCampaigns(db, now);
  if (report.queued > 0) nudgeDelivery();
  return report;
}

/**
 * Changes the owner scheduled (tiers, program settings) take effect within a minute of their time.
 * A change that cannot be applied stays scheduled; the run fails (after re-evaluating for what was
 * applied) so the console's job list shows why, and the next run tries again.
 */
async function scheduledChanges(db: Database, now: Date): Promise<JobReport> {
  const { applied, failed } = await applyDueChanges(db, now);
  const report: JobReport = { applied };
  if (applied.includes("tiers")) Object.assign(report, await reevaluateTiers(db, now));
  if (failed.length > 0) {
    const reasons = failed.map(({ kind, error }) => `${kind}: ${error instanceof Error ? error.message : String(error)}`);
    throw new Error(`scheduled changes not applied (${reasons.join("; ")}); applied: ${JSON.stringify(report)}`);
  }
  return report;
}

type DeliveryReport = { sent: number; retrying: number; failed: number } & Record<string, number>;

/** Runs a delivery in rounds of 50 while rounds come back full (there may be more), adding up what they did. */
async function drain(deliver: () => Promise<DeliveryReport>, rounds: number): Promise<JobReport> {
  const total: Record<string, number> = {};
  for (let i = 0; i < rounds; i++) {
    const report = await deliver();
    for (const [key, value] of Object.entries(report)) total[key] = (total[key] ?? 0) + value;
    if (report.sent + report.retrying + report.failed + (report.skipped ?? 0) < 50) break;
  }
  return total;
}

/** Sends what the push outbox holds that is due. */
async function pushDelivery(db: Database): Promise<JobReport> {
  const send = webPushSender(await getVapidKeys(db), env().vapidSubject, env().pushEndpoints);
  return drain(() => deliverDueNotifications(db, send), 20);
}

/** Sends the e-mails that are due: up to 10,000 a run (a campaign's next batch waits for the next run). */
async function mailDelivery(db: Database): Promise<JobReport> {
  const send = configuredMailSender();
  return drain(() => deliverDueMails(db, send), 200);
}

/** Sends the text messages that are due (only when an SMS provider is configured). */
async function smsDelivery(db: Database): Promise<JobReport> {
  const sms = env().sms;
  if (!sms) return {};
  const send = twilioSender(sms);
  return drain(() => deliverDueTexts(db, send), 20);
}

/** Sends the WhatsApp messages that are due (only when a WhatsApp sender is configured). */
async function whatsappDelivery(db: Database): Promise<JobReport> {
  const whatsapp = env().whatsapp;
  if (!whatsapp) return {};
  const send = twilioWhatsappSender(whatsapp);
  const report = await drain(() => deliverDueWhatsapp(db, send), 20);
  if (Number(report.rerouted ?? 0) > 0) nudgeDelivery(); // replies moved to push, e-mail or text go out at once
  return report;
}

/** Redeemed rewards whose discount in the shop is due to be created, or ended after a cancellation. */
async function shopDiscounts(db: Database): Promise<JobReport> {
  const currency = await programCurrency(db);
  const total: Record<string, number> = {};
  for (let round = 0; round < 20; round++) {
    const report = await processShopDiscounts(db, () => new Date(), { currency, limit: 20 });
    for (const [key, value] of Object.entries(report)) total[key] = (total[key] ?? 0) + value;
    if (report.created + report.disabled + report.retrying + report.failed < 20) break;
  }
  if ((total.failed ?? 0) > 0) nudgeDelivery(); // the shoppers whose points came back are told
  return total;
}

export const JOBS = {
  upkeep: { ...JOB_SCHEDULES.upkeep, run: upkeep },
  journeys: { ...JOB_SCHEDULES.journeys, run: journeys },
  campaigns: { ...JOB_SCHEDULES.campaigns, run: campaignDispatch },
  scheduledChanges: { ...JOB_SCHEDULES.scheduledChanges, run: scheduledChanges },
  insights: { ...JOB_SCHEDULES.insights, run: (db) => refreshInsightPresets(db, env().timezone).then(() => ({})) },
  push: { ...JOB_SCHEDULES.push, run: pushDelivery },
  mail: { ...JOB_SCHEDULES.mail, run: mailDelivery },
  sms: { ...JOB_SCHEDULES.sms, run: smsDelivery },
  whatsapp: { ...JOB_SCHEDULES.whatsapp, run: whatsappDelivery },
  shopDiscounts: { ...JOB_SCHEDULES.shopDiscounts, run: shopDiscounts },
  // Wallet cards whose balance, tier or coupons changed: one push per card however many changes.
  wallet: { ...JOB_SCHEDULES.wallet, run: (db, now) => pushDueWalletPasses(db, now) },
} satisfies Record<keyof typeof JOB_SCHEDULES, JobDefinition>;

export const JOB_LIST: JobDefinition[] = Object.values(JOBS);
