// Sends the push outbox from every app instance: a short poll, plus a nudge right after a
// request wrote notifications so a shopper hears about their points within a second.
import { getDb } from "../db";
import { env } from "../env";
import { deliverDueNotifications } from "../push/outbox-worker";
import { getVapidKeys } from "../push/vapid";
import { webPushSender } from "../push/web-push-sender";
import { errorField, log } from "../log";
import { beat } from "./heartbeat";

const POLL_MS = 15_000;
const NUDGE_MS = 250;

let running: Promise<void> | null = null;
let nudge: NodeJS.Timeout | null = null;

async function drain() {
  const db = await getDb();
  const send = webPushSender(await getVapidKeys(db), env().vapidSubject, env().pushEndpoints);
  // A full batch may mean more is due; stop at an empty or partial one.
  for (let i = 0; i < 20; i++) {
    const report = await deliverDueNotifications(db, send);
    if (report.subscriptionsRemoved > 0) log.info({ job: "push", removed: report.subscriptionsRemoved }, "expired push subscriptions removed");
    if (report.sent + report.retrying + report.failed < 50) break;
  }
  beat("push");
}

function runOnce(): Promise<void> {
  running ??= drain()
    .catch((error: unknown) => log.error({ job: "push", err: errorField(error) }, "push delivery failed"))
    .finally(() => {
      running = null;
    });
  return running;
}

/** Asks this instance to send soon (coalesced): call after a transaction that may have queued pushes. */
export function nudgePushDelivery(): void {
  if (nudge) return;
  nudge = setTimeout(() => {
    nudge = null;
    void runOnce();
  }, NUDGE_MS);
  nudge.unref();
}

export function startPushDelivery(): void {
  setInterval(() => void runOnce(), POLL_MS).unref();
}
