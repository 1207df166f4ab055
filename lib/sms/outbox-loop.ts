// The loop the outbox workers of the text channels share (texts: lib/sms/outbox-worker.ts,
// WhatsApp: lib/whatsapp/outbox-worker.ts): claim a batch with SKIP LOCKED and a lease (each
// message once across instances), let the channel compose and send each message, and settle what
// the provider answered by the push retry policy. What a message says, who may still get it and an
// outcome only one channel knows stay in that channel's worker.
import type { Database } from "../db/connect";
import { CONVERSATION_REPLY, markNotificationFailed, markNotificationSent, rescheduleNotification } from "../db/queries/notifications";
import { recordReplyProviderId } from "../db/queries/whatsapp";
import { retryDelayMs, shouldGiveUp } from "../push/retry-policy";
import type { SmsResult } from "./provider";

/** Longer than any send takes: a worker that dies mid-batch hands its rows back after this. */
const LEASE_MS = 5 * 60 * 1000;

export type OutboxReport = { sent: number; retrying: number; failed: number; skipped: number };

/** What the loop reads of a claimed message (the channels' claims add the member's number and more). */
type Claimed = { id: string; kind: string; attempts: number; params: Record<string, string | number> };

/**
 * One message as its channel composed it: the number and what to send; `skip`: why it no longer
 * goes (marked failed, counted as skipped); null: the channel has settled it itself.
 */
export type Composed<C> = { to: string; content: C } | { skip: string } | null;

export type OutboxChannel<N extends Claimed, C> = {
  claim: (db: Database, now: Date, limit: number, leaseMs: number) => Promise<N[]>;
  /** Reads once what the batch needs (the program, keys), and returns how one message is composed. */
  prepare: (batch: N[]) => Promise<(n: N) => Promise<Composed<C>>>;
  /** Sends one message; null: an outcome the channel has settled itself. */
  send: (n: N, to: string, content: C) => Promise<SmsResult | null>;
};

export type OutboxOptions = { now: Date; limit: number; random: () => number };

/** Sends up to `limit` due messages of one channel, counting each in `report`. */
export async function deliverDueOutbox<N extends Claimed, C, R extends OutboxReport>(db: Database, channel: OutboxChannel<N, C>, report: R, { now, limit, random }: OutboxOptions): Promise<R> {
  const batch = await channel.claim(db, now, limit, LEASE_MS);
  if (batch.length === 0) return report;
  const compose = await channel.prepare(batch);
  for (const n of batch) {
    const message = await compose(n);
    if (message === null) continue;
    if ("skip" in message) {
      await markNotificationFailed(db, n.id, message.skip);
      report.skipped++;
      continue;
    }
    const result = await channel.send(n, message.to, message.content);
    if (result === null) continue;
    if (result.outcome === "sent") {
      await markNotificationSent(db, n.id, now);
      if (n.kind === CONVERSATION_REPLY) await recordReplyProviderId(db, n.params.messageId, result.providerId);
      report.sent++;
    } else if (result.outcome === "rejected" || shouldGiveUp(n.attempts)) {
      await markNotificationFailed(db, n.id, result.error);
      report.failed++;
    } else {
      await rescheduleNotification(db, n.id, new Date(now.getTime() + retryDelayMs(n.attempts, random())), result.error);
      report.retrying++;
    }
  }
  return report;
}
