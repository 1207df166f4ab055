// Campaigns: scheduling and cancelling them from the console, and sending what is due through the
// outbox in batches whose cursor is kept, so a restart (or a second instance) carries on where it stopped.
import "server-only";
import type { Database, Tx } from "../../db/connect";
import { writeAudit, type AuditActor } from "../../db/queries/audit";
import { advanceCampaign, cancelUnsentCampaign, insertCampaign, lockDueCampaign, queueAudienceBatch, recordAudience, updateCampaign, type Campaign } from "../../db/queries/campaigns";
import { parseCampaignMessage, parseSegment, type CampaignInput } from "../../loyalty/campaigns";

export async function createCampaign(db: Database, actor: AuditActor & { id: string }, input: CampaignInput, now: Date): Promise<{ id: string }> {
  return db.transaction(async (tx) => {
    const row = await insertCampaign(tx, input, actor.id, now);
    await writeAudit(tx, actor, "campaigns.create", `campaign:${row.id}`, null, input, now);
    return row;
  });
}

/** Stops a campaign that has not gone out yet (one already sending keeps what it queued). */
export async function cancelCampaign(db: Database, actor: AuditActor, id: string, now: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    const cancelled = await cancelUnsentCampaign(tx, id);
    if (cancelled) await writeAudit(tx, actor, "campaigns.cancel", `campaign:${id}`, null, { status: "cancelled" }, now);
    return cancelled;
  });
}

/** One step of a due campaign: its audience first (a segment no longer readable cancels it), then one batch. */
async function sendStep(tx: Tx, campaign: Campaign, batchSize: number, now: Date): Promise<number> {
  if (campaign.status === "scheduled") {
    const segment = parseSegment(campaign.segment);
    if (!segment) {
      await updateCampaign(tx, campaign.id, { status: "cancelled" });
      return 0;
    }
    const audience = await recordAudience(tx, campaign.id, segment);
    await updateCampaign(tx, campaign.id, { status: "sending", audience, startedAt: now });
    return 0;
  }
  const message = parseCampaignMessage(campaign.message);
  const params = { title_de: message.de.title, body_de: message.de.body, title_en: (message.en ?? message.de).title, body_en: (message.en ?? message.de).body };
  const url = campaign.rewardId ? `/rewards/${campaign.rewardId}` : "/";
  const batch = await queueAudienceBatch(tx, campaign, { params, url }, batchSize, now);
  await advanceCampaign(tx, campaign.id, { queued: batch.queued, last: batch.last, done: batch.taken < batchSize }, now);
  return batch.queued;
}

/**
 * Sends what is due: a scheduled campaign first records its audience (one statement), then each
 * call queues up to `batches` batches of messages past the cursor. Claimed with SKIP LOCKED, so two
 * instances never work one campaign at once; a crash leaves the cursor at the last committed batch.
 */
export async function dispatchDueCampaigns(db: Database, now: Date, { batches = 20, batchSize = 5_000 }: { batches?: number; batchSize?: number } = {}): Promise<{ campaigns: number; queued: number }> {
  let queued = 0;
  let worked = 0;
  for (let round = 0; round < batches; round++) {
    const step = await db.transaction(async (tx) => {
      const campaign = await lockDueCampaign(tx, now);
      return campaign ? { queued: await sendStep(tx, campaign, batchSize, now) } : null;
    });
    if (!step) break;
    worked++;
    queued += step.queued;
  }
  return { campaigns: worked, queued };
}
