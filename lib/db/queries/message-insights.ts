import "server-only";
import { sql } from "drizzle-orm";
import type { Database } from "../connect";
import { shopperIds } from "../shoppers";

export type MessageInsight = {
  /** "journey:expiring" or "campaign:<id>". */
  source: string;
  /** The campaign's name (journeys are named by the page). */
  campaign: string | null;
  channel: "push" | "email";
  sent: number;
  /** Sent and not bounced afterwards (a later bounce report for the address). */
  delivered: number;
  opened: number;
  clicked: number;
  unsubscribed: number;
  /** Sent messages whose member ordered or redeemed a reward within 7 days after. */
  converted: number;
};

/** What the journeys and campaigns achieved with the messages queued in [start, end) to shoppers (lib/db/shoppers.ts), per channel. */
export async function getMessageInsights(db: Database, start: Date, end: Date): Promise<MessageInsight[]> {
  const { rows } = (await db.execute(sql`
    select n.source, c.name as campaign, n.channel,
      count(*) filter (where n.status = 'sent')::int as sent,
      count(*) filter (where n.status = 'sent' and not (n.channel = 'email' and exists (
        select 1 from email_suppressions x join members mm on mm.email = x.email
        where mm.id = n.member_id and x.reason = 'bounce' and x.created_at >= n.sent_at)))::int as delivered,
      count(n.opened_at)::int as opened,
      count(n.clicked_at)::int as clicked,
      count(n.unsubscribed_at)::int as unsubscribed,
      count(*) filter (where n.status = 'sent' and (
        exists (select 1 from orders o where o.member_id = n.member_id and o.paid_at >= n.sent_at and o.paid_at < n.sent_at + interval '7 days')
        or exists (select 1 from coupons k where k.member_id = n.member_id and k.points_cost > 0 and k.issued_at >= n.sent_at and k.issued_at < n.sent_at + interval '7 days')))::int as converted
    from notifications n
    left join campaigns c on n.source = 'campaign:' || c.id::text
    where n.source is not null and n.created_at >= ${start} and n.created_at < ${end} and n.member_id in ${shopperIds()}
    group by n.source, c.name, n.channel
    order by n.source, n.channel`)) as unknown as { rows: MessageInsight[] };
  return rows;
}
