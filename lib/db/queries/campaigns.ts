import "server-only";
// Campaigns: the audience a segment selects, and the statements that record it and queue it in
// batches through the outbox (lib/server/campaigns composes them).
import { and, desc, eq, inArray, lte, sql, type SQL } from "drizzle-orm";
import { afterQuietHours } from "../../loyalty/messaging";
import type { CampaignInput, Segment } from "../../loyalty/campaigns";
import { dayStartIn } from "../../loyalty/calendar";
import { env } from "../../env";
import type { Database, Tx } from "../connect";
import { campaignMembers, campaigns, rewards } from "../schema";
import { shopperWhere } from "../shoppers";
import { channelFor, ONCE_PER_CAUSE, OUTBOX_INSERT, underWeeklyCap } from "./notifications";

/** The members `m` a segment selects: shoppers (lib/db/shoppers.ts; staff only once they bought), never erased members. */
export function segmentWhere(segment: Segment, timeZone: string): SQL {
  const day = (iso: string) => dayStartIn(new Date(`${iso}T12:00:00Z`), timeZone);
  const lastOrder = sql`(select max(o.paid_at) from orders o where o.member_id = m.id)`;
  const conditions: SQL[] = [shopperWhere("m"), sql`m.erased_at is null`];
  if (segment.tiers?.length) conditions.push(sql`m.tier_id in (${sql.join(segment.tiers.map((t) => sql`${t}`), sql`, `)})`);
  if (segment.pointsMin !== undefined) conditions.push(sql`m.points_balance >= ${segment.pointsMin}`);
  if (segment.pointsMax !== undefined) conditions.push(sql`m.points_balance <= ${segment.pointsMax}`);
  if (segment.lastOrderBefore) conditions.push(sql`${lastOrder} < ${day(segment.lastOrderBefore)}`);
  if (segment.lastOrderAfter) conditions.push(sql`${lastOrder} >= ${day(segment.lastOrderAfter)}`);
  if (segment.categories?.length) {
    const wanted = sql.join(segment.categories.map((c) => sql`${c.toLowerCase()}`), sql`, `);
    conditions.push(sql`exists (select 1 from orders o cross join lateral jsonb_array_elements(o.items) i where o.member_id = m.id and lower(i->>'category') in (${wanted}))`);
  }
  if (segment.birthdayMonth !== undefined) conditions.push(sql`extract(month from m.birthday) = ${segment.birthdayMonth}`);
  if (segment.enrolled !== undefined) conditions.push(segment.enrolled ? sql`m.email_verified is not null` : sql`m.email_verified is null`);
  if (segment.marketingConsent) conditions.push(sql`m.marketing_mail_confirmed_at is not null`);
  return sql.join(conditions, sql` and `);
}

/** How many members the segment selects, and how many of them a campaign can reach now (channel, consent, weekly cap). */
export async function previewAudience(db: Database, segment: Segment, now: Date): Promise<{ members: number; reachable: number }> {
  const { rows } = (await db.execute(sql`
    select count(*)::int as members, count(*) filter (where c.channel is not null and ${underWeeklyCap(now)})::int as reachable
    from members m cross join lateral (select ${channelFor("offers", "push-or-email")} as channel) c
    where ${segmentWhere(segment, env().timezone)}`)) as unknown as { rows: { members: number; reachable: number }[] };
  return rows[0] ?? { members: 0, reachable: 0 };
}

export type Campaign = typeof campaigns.$inferSelect;

export async function insertCampaign(tx: Tx, input: CampaignInput, createdBy: string, now: Date): Promise<{ id: string }> {
  const [row] = await tx
    .insert(campaigns)
    .values({
      name: input.name,
      message: input.message,
      segment: input.segment,
      rewardId: input.reward?.id ?? null,
      rewardMode: input.reward?.mode ?? null,
      rewardUntil: input.reward ? new Date(input.reward.until) : null,
      scheduledAt: new Date(input.scheduledAt),
      whatsappContentSid: input.whatsapp?.contentSid ?? null,
      whatsappVariables: input.whatsapp?.variables ?? null,
      createdBy,
      createdAt: now,
    })
    .returning({ id: campaigns.id });
  return row!;
}

/** Cancels the campaign if it has not finished going out; false when there was nothing to cancel. */
export async function cancelUnsentCampaign(tx: Tx, id: string): Promise<boolean> {
  const rows = await tx
    .update(campaigns)
    .set({ status: "cancelled" })
    .where(and(eq(campaigns.id, id), inArray(campaigns.status, ["scheduled", "sending"])))
    .returning({ id: campaigns.id });
  return rows.length > 0;
}

/** The earliest campaign due to send, locked; SKIP LOCKED, so two instances never work one campaign at once. */
export async function lockDueCampaign(tx: Tx, now: Date): Promise<Campaign | undefined> {
  const [campaign] = await tx
    .select()
    .from(campaigns)
    .where(and(inArray(campaigns.status, ["scheduled", "sending"]), lte(campaigns.scheduledAt, now)))
    .orderBy(campaigns.scheduledAt)
    .limit(1)
    .for("update", { skipLocked: true });
  return campaign;
}

export async function updateCampaign(tx: Tx, id: string, change: Partial<Pick<Campaign, "status" | "audience" | "startedAt" | "cursor" | "sentAt">>): Promise<void> {
  await tx.update(campaigns).set(change).where(eq(campaigns.id, id));
}

/** Records the campaign's audience (one statement); how many members it holds. */
export async function recordAudience(tx: Tx, campaignId: string, segment: Segment): Promise<number> {
  const { rows } = (await tx.execute(sql`
    with added as (
      insert into campaign_members (campaign_id, member_id)
      select ${campaignId}::uuid, m.id from members m where ${segmentWhere(segment, env().timezone)}
      on conflict do nothing returning 1)
    select count(*)::int as n from added`)) as unknown as { rows: { n: number }[] };
  return rows[0]?.n ?? 0;
}

/**
 * Queues the next `batchSize` members of the audience past the cursor, on their channel, after
 * quiet hours, within the weekly cap, once per member. What the batch took and queued, and its last member.
 */
export async function queueAudienceBatch(
  tx: Tx,
  campaign: Campaign,
  message: { params: Record<string, string>; url: string },
  batchSize: number,
  now: Date,
): Promise<{ last: string | null; taken: number; queued: number }> {
  const { rows } = (await tx.execute(sql`
    with batch as (
      select cm.member_id from campaign_members cm
      where cm.campaign_id = ${campaign.id} ${campaign.cursor ? sql`and cm.member_id > ${campaign.cursor}` : sql``}
      order by cm.member_id limit ${batchSize}),
    queued as (
      ${OUTBOX_INSERT}
      select m.id, 'offers', c.channel, 'campaign', ${JSON.stringify(message.params)}::jsonb, ${message.url}, ${`campaign:${campaign.id}`}, ${`campaign:${campaign.id}`},
             ${afterQuietHours(now, env().timezone)}, ${now}
      from batch b join members m on m.id = b.member_id
      cross join lateral (select ${channelFor("offers", "push-or-email", `campaign:${campaign.id}`)} as channel) c
      where c.channel is not null and ${underWeeklyCap(now)}
      ${ONCE_PER_CAUSE}
      returning 1)
    select (select max(member_id::text) from batch) as last, (select count(*) from batch)::int as taken, (select count(*) from queued)::int as queued`)) as unknown as {
    rows: { last: string | null; taken: number; queued: number }[];
  };
  return rows[0]!;
}

/** Counts a batch as queued, moves the cursor past it, and marks the campaign sent after its last batch. */
export async function advanceCampaign(tx: Tx, id: string, batch: { queued: number; last: string | null; done: boolean }, now: Date): Promise<void> {
  await tx
    .update(campaigns)
    .set({ queued: sql`${campaigns.queued} + ${batch.queued}`, ...(batch.last && { cursor: batch.last }), ...(batch.done && { status: "sent" as const, sentAt: now }) })
    .where(eq(campaigns.id, id));
}

export type CampaignRow = typeof campaigns.$inferSelect & { sent: number; opened: number; clicked: number; converted: number };

/**
 * The campaigns, newest first, with what they achieved: messages sent, opened, clicked, and
 * conversions (audience members who ordered or redeemed within 7 days of the send).
 */
export async function listCampaigns(db: Database, limit = 50): Promise<CampaignRow[]> {
  const rows = await db.select().from(campaigns).orderBy(desc(campaigns.createdAt)).limit(limit);
  if (rows.length === 0) return [];
  const ids = sql.join(rows.map((r) => sql`${r.id}::uuid`), sql`, `);
  const { rows: stats } = (await db.execute(sql`
    select c.id::text as id,
      (select count(*) from notifications n where n.source = 'campaign:' || c.id and n.status = 'sent')::int as sent,
      (select count(opened_at) from notifications n where n.source = 'campaign:' || c.id)::int as opened,
      (select count(clicked_at) from notifications n where n.source = 'campaign:' || c.id)::int as clicked,
      (select count(*) from campaign_members cm where cm.campaign_id = c.id and c.started_at is not null and (
        exists (select 1 from orders o where o.member_id = cm.member_id and o.paid_at >= c.started_at and o.paid_at < c.started_at + interval '7 days')
        or exists (select 1 from coupons k where k.member_id = cm.member_id and k.points_cost > 0 and k.issued_at >= c.started_at and k.issued_at < c.started_at + interval '7 days')))::int as converted
    from campaigns c where c.id in (${ids})`)) as unknown as { rows: { id: string; sent: number; opened: number; clicked: number; converted: number }[] };
  const byId = new Map(stats.map((s) => [s.id, s]));
  return rows.map((r) => ({ ...r, sent: 0, opened: 0, clicked: 0, converted: 0, ...byId.get(r.id) }));
}

export async function rewardExists(db: Database, id: string): Promise<boolean> {
  const rows = await db.select({ id: rewards.id }).from(rewards).where(eq(rewards.id, id));
  return rows.length > 0;
}

/** Whether a member is in a campaign's audience (for tests and the console's member view). */
export async function inCampaignAudience(db: Database, campaignId: string, memberId: string): Promise<boolean> {
  const rows = await db.select({ id: campaignMembers.memberId }).from(campaignMembers).where(and(eq(campaignMembers.campaignId, campaignId), eq(campaignMembers.memberId, memberId)));
  return rows.length > 0;
}
