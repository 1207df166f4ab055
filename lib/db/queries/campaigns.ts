import "server-only";
// Campaigns: the audience a segment selects, scheduling, and sending through the outbox in
// batches whose cursor is kept, so a restart (or a second instance) carries on where it stopped.
import { and, desc, eq, inArray, lte, sql, type SQL } from "drizzle-orm";
import { afterQuietHours } from "../../loyalty/messaging";
import { parseCampaignMessage, parseSegment, type CampaignInput, type Segment } from "../../loyalty/campaigns";
import { dayStartIn } from "../../loyalty/calendar";
import { env } from "../../env";
import type { Database } from "../connect";
import { campaignMembers, campaigns, rewards } from "../schema";
import { writeAudit, type AuditActor } from "./audit";
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

export async function createCampaign(db: Database, actor: AuditActor & { id: string }, input: CampaignInput, now: Date): Promise<{ id: string }> {
  return db.transaction(async (tx) => {
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
        createdBy: actor.id,
        createdAt: now,
      })
      .returning({ id: campaigns.id });
    await writeAudit(tx, actor, "campaigns.create", `campaign:${row!.id}`, null, input, now);
    return row!;
  });
}

/** Stops a campaign that has not gone out yet (one already sending keeps what it queued). */
export async function cancelCampaign(db: Database, actor: AuditActor, id: string, now: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(campaigns)
      .set({ status: "cancelled" })
      .where(and(eq(campaigns.id, id), inArray(campaigns.status, ["scheduled", "sending"])))
      .returning({ id: campaigns.id });
    if (rows.length > 0) await writeAudit(tx, actor, "campaigns.cancel", `campaign:${id}`, null, { status: "cancelled" }, now);
    return rows.length > 0;
  });
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
      const [campaign] = await tx
        .select()
        .from(campaigns)
        .where(and(inArray(campaigns.status, ["scheduled", "sending"]), lte(campaigns.scheduledAt, now)))
        .orderBy(campaigns.scheduledAt)
        .limit(1)
        .for("update", { skipLocked: true });
      if (!campaign) return null;
      if (campaign.status === "scheduled") {
        const segment = parseSegment(campaign.segment);
        if (!segment) {
          await tx.update(campaigns).set({ status: "cancelled" }).where(eq(campaigns.id, campaign.id));
          return { queued: 0 };
        }
        const { rows } = (await tx.execute(sql`
          with added as (
            insert into campaign_members (campaign_id, member_id)
            select ${campaign.id}::uuid, m.id from members m where ${segmentWhere(segment, env().timezone)}
            on conflict do nothing returning 1)
          select count(*)::int as n from added`)) as unknown as { rows: { n: number }[] };
        await tx.update(campaigns).set({ status: "sending", audience: rows[0]?.n ?? 0, startedAt: now }).where(eq(campaigns.id, campaign.id));
        return { queued: 0 };
      }
      const message = parseCampaignMessage(campaign.message);
      const params = {
        title_de: message.de.title,
        body_de: message.de.body,
        title_en: (message.en ?? message.de).title,
        body_en: (message.en ?? message.de).body,
      };
      const url = campaign.rewardId ? `/rewards/${campaign.rewardId}` : "/";
      const { rows } = (await tx.execute(sql`
        with batch as (
          select cm.member_id from campaign_members cm
          where cm.campaign_id = ${campaign.id} ${campaign.cursor ? sql`and cm.member_id > ${campaign.cursor}` : sql``}
          order by cm.member_id limit ${batchSize}),
        queued as (
          ${OUTBOX_INSERT}
          select m.id, 'offers', c.channel, 'campaign', ${JSON.stringify(params)}::jsonb, ${url}, ${`campaign:${campaign.id}`}, ${`campaign:${campaign.id}`},
                 ${afterQuietHours(now, env().timezone)}, ${now}
          from batch b join members m on m.id = b.member_id
          cross join lateral (select ${channelFor("offers", "push-or-email")} as channel) c
          where c.channel is not null and ${underWeeklyCap(now)}
          ${ONCE_PER_CAUSE}
          returning 1)
        select (select max(member_id::text) from batch) as last, (select count(*) from batch)::int as taken, (select count(*) from queued)::int as queued`)) as unknown as {
        rows: { last: string | null; taken: number; queued: number }[];
      };
      const { last, taken, queued: n } = rows[0]!;
      const done = taken < batchSize;
      await tx
        .update(campaigns)
        .set({ queued: sql`${campaigns.queued} + ${n}`, ...(last && { cursor: last }), ...(done && { status: "sent" as const, sentAt: now }) })
        .where(eq(campaigns.id, campaign.id));
      return { queued: n };
    });
    if (!step) break;
    worked++;
    queued += step.queued;
  }
  return { campaigns: worked, queued };
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
