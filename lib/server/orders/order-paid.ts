import "server-only";
// order.paid, the hot path of every shop. The order is priced by the one crediting rule
// (lib/loyalty/order-credit.ts) against the state of its member, and written by one statement
// (lib/db/queries/order-paid.ts) that goes ahead only while that state still holds:
// - a customer Treue does not know at all (neither the shop's id nor the e-mail is a member's, the
//   order is new): one statement, priced before anything is read (a member made now has nothing
//   yet), makes the member together with the order. The same statement reads what is there when
//   it is not a first order, so a returning customer's order costs it nothing extra;
// - a customer Treue knows by the shop's id: a second statement locks the member, checks it is
//   still in the state the order was priced against, and writes the order with the tier it brings.
// A concurrent delivery that made the member or the order first undoes the first-order statement
// (a unique key), and the event is read again. Rarer cases (a member known only by e-mail, a guest,
// points debt, a referral to qualify) and a member that changed meanwhile take the transactional
// way (writeOrderPaid inside applyShopEvent's transaction).
import { randomUUID } from "node:crypto";
import { orderSource } from "../../loyalty/ledger-keys";
import { creditOrder } from "../../loyalty/order-credit";
import { settleDebt } from "../../loyalty/refund";
import type { ShopEvent } from "../../validations/shop-events";
import type { Database, Tx } from "../../db/connect";
import { isUniqueViolation } from "../../db/pg-errors";
import { newMemberState, parseMemberState, type MemberState } from "../../db/queries/member-state";
import type { NewNotification } from "../../db/queries/notifications";
import { placeFirstOrderOrRead, writeKnownCustomerOrder, writeLockedOrder, type PricedOrder } from "../../db/queries/order-paid";
import { earnRuleAt, type ProgramConfig } from "../../db/queries/program";
import { qualifyReferral } from "../../db/queries/referrals";
import { keepEventResult, readSeen, type ClaimedEvent, type Seen } from "../../db/queries/shop-events";
import { recordTier, tierUpNotification, type Standing } from "../../db/queries/tiers";
import type { EventResult } from "./event-result";

export type OrderPaid = Extract<ShopEvent, { type: "order.paid" }>;
export type Applied = { memberId: string; pointsDelta: number; balance: number; standing: Standing };
/** The result kept for the event id (and answered to its re-deliveries), made by applyShopEvent. */
export type ResultOf = (applied: Applied) => EventResult;

/** What the order earns and the standing before and after it, by the one crediting rule (lib/loyalty/order-credit.ts). */
function priceOrder(config: ProgramConfig, event: OrderPaid, member: MemberState, now: Date) {
  const { data } = event;
  const paidAt = new Date(event.occurred_at);
  const credit = creditOrder({ ruleAt: (at) => earnRuleAt(config, at), tierRule: config.tierRule, tiers: config.tiers }, member.orders, { subtotalCents: data.subtotal_cents, items: data.items, paidAt }, now, member.floor);
  const { settled, remainingDebt } = settleDebt(member.debt, credit.points);
  const order: PricedOrder = {
    shopOrderId: data.order_id,
    currency: data.currency,
    subtotalCents: data.subtotal_cents,
    items: data.items,
    paidAt,
    points: credit.points,
    ruleVersion: credit.ruleVersion,
    expiresAt: credit.expiresAt,
    settled,
  };
  return { before: credit.before, after: credit.after, order, remainingDebt };
}
type Priced = ReturnType<typeof priceOrder>;

/** The member is told what the order earned, when it earned something. */
function earnedPush(memberId: string, order: PricedOrder, balance: number, now: Date): NewNotification | null {
  if (order.points <= 0) return null;
  return { memberId, category: "points", kind: "points_earned", params: { points: order.points, balance }, url: "/history", dedupeKey: `${orderSource(order.shopOrderId)}:earned`, at: now };
}

type Direct = { db: Database; config: ProgramConfig; event: OrderPaid; claim: ClaimedEvent; now: Date; resultOf: ResultOf };
export type DirectOutcome = { status: "applied"; result: EventResult } | { status: "seen"; seen: Seen | null } | "changed" | null;

/**
 * The common cases without a transaction (a first order in one statement, a known customer's in
 * two), or null when it is neither (then the caller applies the event in a transaction).
 * "changed": the member changed between reading and writing, or a concurrent delivery made the
 * new customer's member or order first; nothing was written, try again.
 */
export async function applyOrderPaidDirect(db: Database, config: ProgramConfig, event: OrderPaid, bodyHash: string, now: Date, resultOf: ResultOf): Promise<DirectOutcome> {
  const customer = event.data.customer;
  if (customer.id === undefined) return null;
  const direct: Direct = { db, config, event, claim: { id: event.id, type: event.type, bodyHash }, now, resultOf };
  // Priced as a first order before anything is read: a member made now has no orders, tier, debt or referral.
  const member = newMemberState(randomUUID());
  const priced = priceOrder(config, event, member, now);
  const result = resultOf({ memberId: member.id, pointsDelta: priced.order.points, balance: priced.order.points, standing: priced.after });
  let first;
  try {
    // Nothing is pushed for a first order, as in the transactional way: a member made just now has
    // no channel yet (no push subscription, no confirmed address, no phone).
    first = await placeFirstOrderOrRead(
      db,
      { event: direct.claim, customer: { ...customer, id: customer.id }, member: { id: member.id, tierId: priced.after.tier?.id ?? null, tierKeptUntil: priced.after.keptUntil }, order: priced.order, result, tierRule: config.tierRule },
      now,
    );
  } catch (error) {
    if (isUniqueViolation(error)) return "changed";
    throw error;
  }
  if (first.seen) return { status: "seen", seen: first.seen };
  if (first.placed) return { status: "applied", result };
  if (first.known) return applyKnownCustomer(direct, parseMemberState(first.known.id, first.known.state));
  // A first order whose event id or customer another delivery took meanwhile: read again.
  return first.newcomer ? "changed" : null;
}

/** An order of a customer Treue knows by the shop's id, written while the member is as read. */
async function applyKnownCustomer(direct: Direct, member: MemberState): Promise<DirectOutcome> {
  const { db, config, event, now, resultOf } = direct;
  const priced = priceOrder(config, event, member, now);
  if (member.debt > 0 || member.referred) return null;

  const { points } = priced.order;
  const earned = resultOf({ memberId: member.id, pointsDelta: points, balance: member.balance + points, standing: priced.after });
  const known = resultOf({ memberId: member.id, pointsDelta: 0, balance: member.balance, standing: priced.before });
  const told = earnedPush(member.id, priced.order, member.balance + points, now);
  // A new tier is written with the order, as recordTier would inside a transaction.
  const reached = priced.after.tier?.id ?? null;
  const tier = reached === member.tierId ? null : { tierId: reached, keptUntil: priced.after.keptUntil };
  const tierTold = tier ? tierUpNotification(config.tiers, member.id, member.tierId, priced.after, now) : null;
  const written = await writeKnownCustomerOrder(db, { event: direct.claim, customer: event.data.customer, member, order: priced.order, told, tier, tierTold, earned, known, tierRule: config.tierRule }, now);
  if (!written.unchanged) return "changed";
  if (!written.claimed) return { status: "seen", seen: await readSeen(db, event.id) };
  if (written.orderId) return { status: "applied", result: earned };
  // The same order under another event id, committed while this statement ran: it earns nothing,
  // and the result kept for this event id must say so.
  if (!written.keptKnown) await keepEventResult(db, event.id, known);
  return { status: "applied", result: known };
}

/**
 * The transactional way, the member locked and the event id claimed by the caller: every write
 * in one statement, then the rarer follow-ups (a new tier, a friend's first order) when the order
 * was new.
 */
export async function writeOrderPaid(tx: Tx, config: ProgramConfig, event: OrderPaid, member: MemberState, now: Date, resultOf: ResultOf): Promise<EventResult> {
  const priced: Priced = priceOrder(config, event, member, now);
  const { points, settled } = priced.order;
  const balance = member.balance + points - settled;
  const earned = resultOf({ memberId: member.id, pointsDelta: points - settled, balance, standing: priced.after });
  const known = resultOf({ memberId: member.id, pointsDelta: 0, balance: member.balance, standing: priced.before });
  const orderId = await writeLockedOrder(
    tx,
    { eventId: event.id, memberId: member.id, order: priced.order, told: earnedPush(member.id, priced.order, balance, now), remainingDebt: priced.remainingDebt, earned, known },
    now,
  );
  // The same order reported again under another event id earns nothing more.
  if (!orderId) return known;
  await recordTier(tx, config.tiers, member.id, member.tierId, priced.after, now);
  if (member.referred) await qualifyReferral(tx, config.referralRule, member.id, { id: orderId, subtotalCents: event.data.subtotal_cents, paidAt: priced.order.paidAt }, now);
  return earned;
}
