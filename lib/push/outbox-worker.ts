// Sends what the outbox holds. Every app instance runs it; claims (SKIP LOCKED + lease) keep
// them from sending the same notification twice, and the retry policy spaces out failures.
import type { Database } from "../db/connect";
import {
  claimDueNotifications,
  markNotificationFailed,
  markNotificationSent,
  removeSubscriptions,
  rescheduleNotification,
} from "../db/queries/notifications";
import { renderPush } from "./render";
import { retryDelayMs, shouldGiveUp } from "./retry-policy";
import type { PushSender } from "./sender";

/** Longer than any send takes: a worker that dies mid-batch hands its rows back after this. */
const LEASE_MS = 5 * 60 * 1000;

export type DeliveryReport = { sent: number; retrying: number; failed: number; subscriptionsRemoved: number };

export async function deliverDueNotifications(
  db: Database,
  send: PushSender,
  { now = new Date(), limit = 50, random = Math.random }: { now?: Date; limit?: number; random?: () => number } = {},
): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, retrying: 0, failed: 0, subscriptionsRemoved: 0 };
  const batch = await claimDueNotifications(db, now, limit, LEASE_MS);
  for (const n of batch) {
    if (n.subscriptions.length === 0) {
      // Unsubscribed since it was written: nothing to send to, and nothing to retry.
      await markNotificationFailed(db, n.id, "no subscription");
      report.failed++;
      continue;
    }
    const payload = renderPush(n, n.locale);
    const results = await Promise.all(n.subscriptions.map(async (s) => ({ s, result: await send(s, payload) })));
    const gone = results.filter((r) => r.result.outcome === "gone").map((r) => r.s.id);
    await removeSubscriptions(db, gone);
    report.subscriptionsRemoved += gone.length;
    const errors = results.flatMap((r) => (r.result.outcome === "failed" ? [r.result.error] : []));
    // Delivered to one of the member's devices is delivered: retrying would repeat it there.
    if (results.some((r) => r.result.outcome === "delivered")) {
      await markNotificationSent(db, n.id, now);
      report.sent++;
    } else if (errors.length === 0) {
      await markNotificationFailed(db, n.id, "every subscription is gone");
      report.failed++;
    } else if (shouldGiveUp(n.attempts)) {
      await markNotificationFailed(db, n.id, errors[0]!);
      report.failed++;
    } else {
      await rescheduleNotification(db, n.id, new Date(now.getTime() + retryDelayMs(n.attempts, random())), errors[0]!);
      report.retrying++;
    }
  }
  return report;
}
