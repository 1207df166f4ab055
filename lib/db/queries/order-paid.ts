import "server-only";
// order.paid, the hot path of every shop. Most orders take two statements and no explicit
// transaction: one reads what the order depends on, the order is priced (lib/loyalty), and one
// writes the order, its ledger rows, the push and the event's result together, guarded so that it
// writes only while what was read still holds:
// - a customer Treue knows by the shop's id: the statement locks the member and checks it is still
//   in the state the order was priced against;
// - a customer Treue does not know at all (neither the shop's id nor the e-mail is a member's, the
//   order is new): the statement makes the member together with the order. A concurrent statement
//   that made that member or order first makes this one fail on a unique key, which undoes all of
//   it, and the event is read again (now a known customer).
// Rarer cases (a member known only by e-mail, a guest, a tier change, points debt, a referral to
// qualify) and a member that changed meanwhile take the transactional way (writeOrderPaid inside
// applyShopEvent's transaction).
import { randomUUID } from "node:crypto";
import { sql, type SQL } from "drizzle-orm";
import { orderDebtSettleKey, orderEarnKey, orderSource } from "../../loyalty/ledger-keys";
import { creditOrder } from "../../loyalty/order-credit";
import { settleDebt } from "../../loyalty/refund";
import type { ShopEvent } from "../../validations/shop-events";
import type { Database, Tx } from "../connect";
import { isUniqueViolation } from "../pg-errors";
import { runPrepared } from "../prepared";
import { customerDetailsSet, memberStateSql, newMemberState, parseMemberState, type MemberState } from "./member-state";
import { notificationInsert } from "./notifications";
import { earnRuleAt, type ProgramConfig } from "./program";
import { qualifyReferral } from "./referrals";
import type { EventResult } from "./event-result";
import { recordTier, type Standing } from "./tiers";

export type OrderPaid = Extract<ShopEvent, { type: "order.paid" }>;
export type Applied = { memberId: string; pointsDelta: number; balance: number; standing: Standing };
/** The result kept for the event id (and answered to its re-deliveries), made by applyShopEvent. */
export type ResultOf = (applied: Applied) => EventResult;
/** An event id already claimed: its body hash and the result kept for it. */
export type Seen = [bodyHash: string, result: EventResult | null];

/** What the order earns and the standing before and after it, by the one crediting rule (lib/loyalty/order-credit.ts). */
function priceOrder(config: ProgramConfig, event: OrderPaid, member: MemberState, now: Date) {
  const { data } = event;
  const paidAt = new Date(event.occurred_at);
  const credit = creditOrder({ ruleAt: (at) => earnRuleAt(config, at), tierRule: config.tierRule, tiers: config.tiers }, member.orders, { subtotalCents: data.subtotal_cents, items: data.items, paidAt }, now, member.floor);
  const { settled, remainingDebt } = settleDebt(member.debt, credit.points);
  return { before: credit.before, after: credit.after, paidAt, ruleVersion: credit.ruleVersion, points: credit.points, settled, remainingDebt, expires: credit.expiresAt };
}
type Priced = ReturnType<typeof priceOrder>;

/**
 * The order and its ledger rows, written only when `when` holds. An order id already taken writes
 * nothing, or with `taken: "fails"` fails the whole statement (for a statement that must keep
 * nothing it wrote without its order).
 */
function orderRows(event: OrderPaid, member: MemberState, priced: Priced, now: Date, when: SQL, taken: "skips" | "fails" = "skips") {
  const { data } = event;
  return sql`
    placed as (
      insert into orders (member_id, shop_order_id, currency, subtotal_cents, items, paid_at, points_earned, rule_version)
      select ${member.id}, ${data.order_id}, ${data.currency}, ${data.subtotal_cents}, ${JSON.stringify(data.items)}::jsonb, ${priced.paidAt}, ${priced.points}, ${priced.ruleVersion}
      where ${when}
      ${taken === "skips" ? sql`on conflict do nothing` : sql``} returning id),
    earned as (
      insert into ledger_entries (member_id, delta, kind, source_ref, idempotency_key, created_at, expires_at, rule_version)
      select ${member.id}, v.delta, v.kind, ${orderSource(data.order_id)}, v.key, ${now}, v.expires_at, v.rule_version
      from placed, (values
        (${priced.points}::int, 'earn_order', ${orderEarnKey(data.order_id)}, ${priced.expires}::timestamptz, ${priced.ruleVersion}::int),
        (${-priced.settled}::int, 'refund_clawback', ${orderDebtSettleKey(data.order_id)}, null::timestamptz, null::int)
      ) as v (delta, kind, key, expires_at, rule_version)
      where v.delta <> 0)`;
}

/** The order, its ledger rows and its push, each written only once `placed` holds the new order. */
function orderWrites(event: OrderPaid, member: MemberState, priced: Priced, now: Date, claimed: SQL) {
  const source = orderSource(event.data.order_id);
  const balance = member.balance + priced.points - priced.settled;
  return sql`
    ${orderRows(event, member, priced, now, claimed)},
    told as (${notificationInsert(
      { memberId: member.id, category: "points", kind: "points_earned", params: { points: priced.points, balance }, url: "/history", dedupeKey: `${source}:earned`, at: now },
      sql`${priced.points} > 0 and exists (select 1 from placed)`,
    )})`;
}

type Direct = { db: Database; config: ProgramConfig; event: OrderPaid; bodyHash: string; now: Date; resultOf: ResultOf };
type DirectOutcome = { status: "applied"; result: EventResult } | { status: "seen"; seen: Seen | null } | "changed" | null;

/**
 * The common case in two statements, or null when it is not the common case (then the caller
 * applies the event in a transaction). "changed": the member changed between reading and writing,
 * or a concurrent delivery made the new customer's member first; nothing was written, try again.
 */
export async function applyOrderPaidDirect(db: Database, config: ProgramConfig, event: OrderPaid, bodyHash: string, now: Date, resultOf: ResultOf): Promise<DirectOutcome> {
  const customer = event.data.customer;
  if (customer.id === undefined) return null;
  const [read] = await runPrepared<{ seen: Seen | null; id: string | null; state: unknown; newcomer: boolean }>(db, "treue_order_paid_read", sql`
    select (select jsonb_build_array(e.body_hash, e.result) from shop_events e where e.id = ${event.id}) as seen, m.id, ${memberStateSql(sql`m.id`, config.tierRule, now)} as state,
           m.id is null and ${nobodyHolds(event)} as newcomer
    from (select 1) as one left join members m on m.shop_customer_id = ${customer.id}`);
  if (read?.seen) return { status: "seen", seen: read.seen };
  const direct: Direct = { db, config, event, bodyHash, now, resultOf };
  if (read?.id) return applyKnownCustomer(direct, parseMemberState(read.id, read.state));
  return read?.newcomer ? applyNewCustomer(direct) : null;
}

/** Neither the customer (by the shop's id or by e-mail) nor the order is in Treue yet. */
function nobodyHolds(event: OrderPaid): SQL {
  const { customer, order_id: orderId } = event.data;
  return sql`not exists (select 1 from members x where x.shop_customer_id = ${customer.id ?? null}::text)
    and not exists (select 1 from members x where x.email = ${customer.email}::text)
    and not exists (select 1 from orders o where o.shop_order_id = ${orderId}::text)`;
}

/** An order of a customer Treue knows by the shop's id, written while the member is as read. */
async function applyKnownCustomer(direct: Direct, member: MemberState): Promise<DirectOutcome> {
  const { db, config, event, bodyHash, now, resultOf } = direct;
  const priced = priceOrder(config, event, member, now);
  if (member.debt > 0 || member.referred || (priced.after.tier?.id ?? null) !== member.tierId) return null;

  const earned = resultOf({ memberId: member.id, pointsDelta: priced.points, balance: member.balance + priced.points, standing: priced.after });
  const known = resultOf({ memberId: member.id, pointsDelta: 0, balance: member.balance, standing: priced.before });
  const [written] = await runPrepared<{ unchanged: boolean; claimed: boolean; order_id: string | null; kept_known: boolean | null }>(db, "treue_order_paid_write", sql`
    with locked as (
      update members set ${customerDetailsSet(event.data.customer)}
      where members.id = ${member.id}
      returning ${memberStateSql(sql`members.id`, config.tierRule, now)} = ${JSON.stringify(member.raw)}::jsonb as unchanged),
    claimed as (
      insert into shop_events (id, type, body_hash, result)
      select ${event.id}, ${event.type}, ${bodyHash},
             case when exists (select 1 from orders o where o.shop_order_id = ${event.data.order_id}) then ${JSON.stringify(known)}::jsonb else ${JSON.stringify(earned)}::jsonb end
      from locked where unchanged
      on conflict do nothing returning result),
    ${orderWrites(event, member, priced, now, sql`exists (select 1 from claimed)`)}
    select coalesce((select unchanged from locked), false) as unchanged, exists (select 1 from claimed) as claimed,
           (select id from placed) as order_id, (select result from claimed) = ${JSON.stringify(known)}::jsonb as kept_known`);
  if (!written?.unchanged) return "changed";
  if (!written.claimed) return { status: "seen", seen: await readSeen(db, event.id) };
  if (written.order_id) return { status: "applied", result: earned };
  // The same order under another event id, committed while this statement ran: it earns nothing,
  // and the result kept for this event id must say so.
  if (!written.kept_known) await db.execute(sql`update shop_events set result = ${JSON.stringify(known)}::jsonb where id = ${event.id}`);
  return { status: "applied", result: known };
}

/**
 * A customer's first order, when Treue holds neither the customer nor the order: one statement
 * claims the event id, makes the member with the tier this order reaches (as recordTier would)
 * and writes the order and its ledger rows; the ledger's trigger sets the balance. Nothing is
 * pushed, as in the transactional way: a member made just now has no channel yet (no push
 * subscription, no confirmed address, no phone). No ON CONFLICT on the member or the order: one
 * that a concurrent delivery committed meanwhile fails the statement on its unique key, so nothing
 * is kept without the rest. "changed" then, and when the event, the customer or the order was taken
 * before this statement began (it claimed nothing): read again.
 */
async function applyNewCustomer(direct: Direct): Promise<DirectOutcome> {
  const { db, config, event, bodyHash, now, resultOf } = direct;
  const { customer } = event.data;
  const member = newMemberState(randomUUID());
  const priced = priceOrder(config, event, member, now);
  const result = resultOf({ memberId: member.id, pointsDelta: priced.points, balance: priced.points, standing: priced.after });
  try {
    const [written] = await runPrepared<{ placed: boolean }>(db, "treue_order_paid_new_customer", sql`
      with claimed as (
        insert into shop_events (id, type, body_hash, result)
        select ${event.id}, ${event.type}, ${bodyHash}, ${JSON.stringify(result)}::jsonb
        where ${nobodyHolds(event)}
        on conflict do nothing returning id),
      joined as (
        insert into members (id, email, name, birthday, shop_customer_id, tier_id, tier_kept_until)
        select ${member.id}::uuid, ${customer.email}::text, ${customer.name ?? null}::text, ${customer.birthday ?? null}::date, ${customer.id ?? null}::text,
               ${priced.after.tier?.id ?? null}::text, ${priced.after.keptUntil}::timestamptz
        from claimed returning id),
      ${orderRows(event, member, priced, now, sql`exists (select 1 from joined)`, "fails")}
      select exists (select 1 from placed) as placed`);
    return written?.placed ? { status: "applied", result } : "changed";
  } catch (error) {
    if (isUniqueViolation(error)) return "changed";
    throw error;
  }
}

/**
 * The transactional way, the member locked by the caller: every write in one statement, then
 * the rarer follow-ups (a new tier, a friend's first order) when the order was new.
 */
export async function writeOrderPaid(tx: Tx, config: ProgramConfig, event: OrderPaid, member: MemberState, now: Date, resultOf: ResultOf): Promise<EventResult> {
  const priced = priceOrder(config, event, member, now);
  const earned = resultOf({ memberId: member.id, pointsDelta: priced.points - priced.settled, balance: member.balance + priced.points - priced.settled, standing: priced.after });
  const known = resultOf({ memberId: member.id, pointsDelta: 0, balance: member.balance, standing: priced.before });
  const [written] = await runPrepared<{ order_id: string | null }>(tx, "treue_order_paid_locked_write", sql`
    with ${orderWrites(event, member, priced, now, sql`true`)},
    settled as (
      update members set points_debt = ${priced.remainingDebt} where id = ${member.id} and ${priced.settled} > 0 and exists (select 1 from placed)),
    answered as (
      update shop_events set result = case when exists (select 1 from placed) then ${JSON.stringify(earned)}::jsonb else ${JSON.stringify(known)}::jsonb end
      where id = ${event.id})
    select (select id from placed) as order_id`);
  const orderId = written?.order_id;
  // The same order reported again under another event id earns nothing more.
  if (!orderId) return known;
  await recordTier(tx, config.tiers, member.id, member.tierId, priced.after, now);
  if (member.referred) await qualifyReferral(tx, config.referralRule, member.id, { id: orderId, subtotalCents: event.data.subtotal_cents, paidAt: priced.paidAt }, now);
  return earned;
}

/** The claim of an event id another delivery made (committed by now: the claim waited for it). */
export async function readSeen(db: Database | Tx, eventId: string): Promise<Seen | null> {
  const [row] = await runPrepared<{ seen: Seen }>(db, "treue_event_seen", sql`select jsonb_build_array(body_hash, result) as seen from shop_events where id = ${eventId}`);
  return row?.seen ?? null;
}
