import "server-only";
// The statements of an order.paid event (what happens when is decided in lib/server/orders/order-paid.ts).
// Each writes the order, its ledger rows, its push and the event's result together, guarded so
// that it writes only while what its caller priced the order against still holds; the ledger's
// trigger moves the balance. Prepared: this is the hot path of every shop.
import { sql, type SQL } from "drizzle-orm";
import { orderDebtSettleKey, orderEarnKey, orderSource } from "../../loyalty/ledger-keys";
import type { Database, Tx } from "../connect";
import { runPrepared } from "../prepared";
import { customerDetailsSet, memberStateSql, type MemberState } from "./member-state";
import { notificationInsert, type NewNotification } from "./notifications";
import type { TierRule } from "../../loyalty/tier-standing";
import type { ClaimedEvent, Seen, ShopCustomer } from "./shop-events";
import { TIER_UP_SOURCE } from "./tiers";


/** The order as priced: what it earns, under which rule version, and what it pays off of the member's debt. */
export type PricedOrder = {
  shopOrderId: string;
  currency: string;
  subtotalCents: number;
  items: unknown;
  paidAt: Date;
  points: number;
  ruleVersion: number | null;
  expiresAt: Date | null;
  /** Points of this order that pay off debt (a refund_clawback row); 0 without debt. */
  settled: number;
};

/**
 * The order and its ledger rows, written only when `when` holds. An order id already taken writes
 * nothing, or with `taken: "fails"` fails the whole statement (for a statement that must keep
 * nothing it wrote without its order).
 */
function orderRows(memberId: string, order: PricedOrder, now: Date, when: SQL, taken: "skips" | "fails" = "skips") {
  return sql`
    placed as (
      insert into orders (member_id, shop_order_id, currency, subtotal_cents, items, paid_at, points_earned, rule_version)
      select ${memberId}, ${order.shopOrderId}, ${order.currency}, ${order.subtotalCents}, ${JSON.stringify(order.items)}::jsonb, ${order.paidAt}, ${order.points}, ${order.ruleVersion}
      where ${when}
      ${taken === "skips" ? sql`on conflict do nothing` : sql``} returning id),
    earned as (
      insert into ledger_entries (member_id, delta, kind, source_ref, idempotency_key, created_at, expires_at, rule_version)
      select ${memberId}, v.delta, v.kind, ${orderSource(order.shopOrderId)}, v.key, ${now}, v.expires_at, v.rule_version
      from placed, (values
        (${order.points}::int, 'earn_order', ${orderEarnKey(order.shopOrderId)}, ${order.expiresAt}::timestamptz, ${order.ruleVersion}::int),
        (${-order.settled}::int, 'refund_clawback', ${orderDebtSettleKey(order.shopOrderId)}, null::timestamptz, null::int)
      ) as v (delta, kind, key, expires_at, rule_version)
      where v.delta <> 0)`;
}

/**
 * The order, its ledger rows and, once `placed` holds the new order, its push (none: `told` null).
 * Without a push the insert is still there, writing nothing: a prepared statement's text is fixed.
 */
function orderWrites(memberId: string, order: PricedOrder, now: Date, told: NewNotification | null, claimed: SQL) {
  return sql`
    ${orderRows(memberId, order, now, claimed)},
    told as (${notificationInsert(told ?? { memberId, category: "points", kind: "points_earned", url: "/history", dedupeKey: "", at: now }, sql`${told !== null} and exists (select 1 from placed)`)})`;
}

/** Neither the customer (by the shop's id or by e-mail) nor the order is in Treue yet. */
function nobodyHolds(customer: ShopCustomer, shopOrderId: string): SQL {
  return sql`not exists (select 1 from members x where x.shop_customer_id = ${customer.id ?? null}::text)
    and not exists (select 1 from members x where x.email = ${customer.email}::text)
    and not exists (select 1 from orders o where o.shop_order_id = ${shopOrderId}::text)`;
}

export type FirstOrderInput = {
  event: ClaimedEvent;
  customer: ShopCustomer & { id: string };
  /** The member to make (its id chosen by the caller), with the tier this order reaches. */
  member: { id: string; tierId: string | null; tierKeptUntil: Date | null };
  order: PricedOrder;
  /** The result to keep for the event id when this statement applies it. */
  result: unknown;
  tierRule: TierRule;
};

export type FirstOrderOutcome = {
  /** The event id was claimed before: its hash and result (nothing written). */
  seen: Seen | null;
  /** The member the shop's customer id names, with its state (nothing written). */
  known: { id: string; state: unknown } | null;
  /** Neither the customer nor the order was in Treue: this statement made the member and its order. */
  placed: boolean;
  /** Treue held neither when the statement began, but nothing was placed: the event or customer was taken meanwhile. */
  newcomer: boolean;
};

/**
 * One statement for a customer's first order, and the read of everything else: when Treue holds
 * neither the event, the customer (by the shop's id or by e-mail) nor the order, it claims the
 * event id, makes the member and writes the order and its ledger rows. Otherwise it writes nothing
 * and answers what it found: the event's claim, or the member the shop's id names and its state.
 * No ON CONFLICT on the member or the order: one that a concurrent delivery committed meanwhile
 * fails the statement on its unique key (isUniqueViolation), so nothing is kept without the rest.
 */
export async function placeFirstOrderOrRead(db: Database, input: FirstOrderInput, now: Date): Promise<FirstOrderOutcome> {
  const { event, customer, member, order } = input;
  const [row] = await runPrepared<{ seen: Seen | null; id: string | null; state: unknown; newcomer: boolean; placed: boolean }>(db, "treue_order_paid_first", sql`
    with prior as (
      select (select jsonb_build_array(e.body_hash, e.result) from shop_events e where e.id = ${event.id}) as seen, m.id,
             case when m.id is not null then ${memberStateSql(sql`m.id`, input.tierRule, now)} end as state,
             m.id is null and ${nobodyHolds(customer, order.shopOrderId)} as newcomer
      from (select 1) as one left join members m on m.shop_customer_id = ${customer.id}),
    claimed as (
      insert into shop_events (id, type, body_hash, result)
      select ${event.id}, ${event.type}, ${event.bodyHash}, ${JSON.stringify(input.result)}::jsonb
      from prior where prior.newcomer and prior.seen is null
      on conflict do nothing returning id),
    joined as (
      insert into members (id, email, name, birthday, shop_customer_id, tier_id, tier_kept_until)
      select ${member.id}::uuid, ${customer.email}::text, ${customer.name ?? null}::text, ${customer.birthday ?? null}::date, ${customer.id}::text,
             ${member.tierId}::text, ${member.tierKeptUntil}::timestamptz
      from claimed returning id),
    ${orderRows(member.id, order, now, sql`exists (select 1 from joined)`, "fails")}
    select prior.seen, prior.id, prior.state, prior.newcomer, exists (select 1 from placed) as placed from prior`);
  return {
    seen: row?.seen ?? null,
    known: row?.id ? { id: row.id, state: row.state } : null,
    placed: row?.placed ?? false,
    newcomer: row?.newcomer ?? false,
  };
}

export type KnownOrderInput = {
  event: ClaimedEvent;
  customer: ShopCustomer;
  /** The member as read: the statement writes only while its state is still this. */
  member: MemberState;
  order: PricedOrder;
  told: NewNotification | null;
  /** The tier the order brings when it changes the member's (null: it keeps it), and the tier-up message (null: none). */
  tier: { tierId: string | null; keptUntil: Date | null } | null;
  tierTold: NewNotification | null;
  /** The result kept for the event id: `earned` when the order is new, `known` when it was there already. */
  earned: unknown;
  known: unknown;
  tierRule: TierRule;
};

/**
 * An order of a customer Treue knows by the shop's id, in one statement: locks the member, and
 * only while its state is as read claims the event id and writes the order; it records the
 * customer's details either way. `unchanged` false: nothing but the details was written.
 * `orderId` null with `claimed`: the order was there already (under another event id);
 * `keptKnown` says whether the claim says so. Most orders keep the member's tier and take the
 * shorter statement; one that brings a new tier takes the one that also writes it (each text is
 * fixed, so neither pays for the other's parts).
 */
export async function writeKnownCustomerOrder(db: Database, input: KnownOrderInput, now: Date) {
  const [written] = input.tier === null ? await writeKeepingTier(db, input, now) : await writeWithTier(db, input, input.tier, now);
  return { unchanged: written?.unchanged ?? false, claimed: written?.claimed ?? false, orderId: written?.order_id ?? null, keptKnown: written?.kept_known ?? false };
}

type KnownOrderRow = { unchanged: boolean; claimed: boolean; order_id: string | null; kept_known: boolean | null };

/**
 * The member locked by updating its details; the state is read in RETURNING, after the lock
 * (treue_member_state is VOLATILE: it sees what a transaction that held the lock committed).
 */
function writeKeepingTier(db: Database, input: KnownOrderInput, now: Date) {
  return runPrepared<KnownOrderRow>(db, "treue_order_paid_write", sql`
    with locked as (
      update members set ${customerDetailsSet(input.customer)}
      where members.id = ${input.member.id}
      returning ${memberStateSql(sql`members.id`, input.tierRule, now)} = ${JSON.stringify(input.member.raw)}::jsonb as unchanged),
    ${claimedOrder(input, now)}
    ${knownOrderAnswer(input)}`);
}

/**
 * The member locked first and its state read after the lock; the member row is updated once,
 * last (a statement may not update one row twice): the details, and the tier with its message
 * only when the order was placed.
 */
function writeWithTier(db: Database, input: KnownOrderInput, tier: NonNullable<KnownOrderInput["tier"]>, now: Date) {
  const { member } = input;
  const placedNow = sql`exists (select 1 from placed)`;
  return runPrepared<KnownOrderRow>(db, "treue_order_paid_write_tier", sql`
    with target as materialized (
      select members.id from members where members.id = ${member.id} for update),
    locked as materialized (
      select ${memberStateSql(sql`target.id`, input.tierRule, now)} = ${JSON.stringify(member.raw)}::jsonb as unchanged from target),
    ${claimedOrder(input, now)},
    recorded as (
      update members set ${customerDetailsSet(input.customer)},
        tier_id = case when ${placedNow} then ${tier.tierId}::text else members.tier_id end,
        tier_kept_until = case when ${placedNow} then ${tier.keptUntil}::timestamptz else members.tier_kept_until end
      where members.id = (select id from target)),
    tier_told as (${notificationInsert(input.tierTold ?? tierToldPlaceholder(member.id, now), sql`${input.tierTold !== null} and ${placedNow}`)})
    ${knownOrderAnswer(input)}`);
}

/** The event id claimed while `locked` says the member is unchanged, then the order and its push. */
function claimedOrder(input: KnownOrderInput, now: Date) {
  const { event, member, order } = input;
  return sql`
    claimed as (
      insert into shop_events (id, type, body_hash, result)
      select ${event.id}, ${event.type}, ${event.bodyHash},
             case when exists (select 1 from orders o where o.shop_order_id = ${order.shopOrderId}) then ${JSON.stringify(input.known)}::jsonb else ${JSON.stringify(input.earned)}::jsonb end
      from locked where unchanged
      on conflict do nothing returning result),
    ${orderWrites(member.id, order, now, input.told, sql`exists (select 1 from claimed)`)}`;
}

function knownOrderAnswer(input: KnownOrderInput) {
  return sql`
    select coalesce((select unchanged from locked), false) as unchanged, exists (select 1 from claimed) as claimed,
           (select id from placed) as order_id, (select result from claimed) = ${JSON.stringify(input.known)}::jsonb as kept_known`;
}

/** Stands in for "no tier-up message" with the same shape, so the statement's text stays the same (nothing is written). */
function tierToldPlaceholder(memberId: string, now: Date): NewNotification {
  return { memberId, category: "tier", kind: "tier_up", url: "/tiers", dedupeKey: "", at: now, channels: "push-or-email", source: TIER_UP_SOURCE };
}

export type LockedOrderInput = {
  eventId: string;
  /** Locked by the caller's transaction. */
  memberId: string;
  order: PricedOrder;
  told: NewNotification | null;
  /** The member's debt after this order paid off what it could (written only when it paid some). */
  remainingDebt: number;
  earned: unknown;
  known: unknown;
};

/**
 * The order inside the caller's transaction, the member locked and the event id claimed by it:
 * the order, its ledger rows, its push, the debt it paid off and the event's result in one
 * statement. The id of the order, or null when the order was there already (it earns nothing).
 */
export async function writeLockedOrder(tx: Tx, input: LockedOrderInput, now: Date): Promise<string | null> {
  const { memberId, order } = input;
  const [written] = await runPrepared<{ order_id: string | null }>(tx, "treue_order_paid_locked_write", sql`
    with ${orderWrites(memberId, order, now, input.told, sql`true`)},
    settled as (
      update members set points_debt = ${input.remainingDebt} where id = ${memberId} and ${order.settled} > 0 and exists (select 1 from placed)),
    answered as (
      update shop_events set result = case when exists (select 1 from placed) then ${JSON.stringify(input.earned)}::jsonb else ${JSON.stringify(input.known)}::jsonb end
      where id = ${input.eventId})
    select (select id from placed) as order_id`);
  return written?.order_id ?? null;
}
