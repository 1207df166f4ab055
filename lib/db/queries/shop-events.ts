import "server-only";
import { eq, sql } from "drizzle-orm";
import { DomainError } from "../../errors";
import { orderSource, refundKey } from "../../loyalty/ledger-keys";
import { clawbackForRefund, splitClawback } from "../../loyalty/refund";
import { tierStanding } from "../../loyalty/tier-standing";
import type { ShopEvent } from "../../validations/shop-events";
import type { Database, Tx } from "../connect";
import { runPrepared } from "../prepared";
import type { EventOutcome, EventResult, TierRef } from "./event-result";
import { ledgerEntries, members, orders, shopEvents } from "../schema";
import { getProgramConfig, type ProgramConfig, type ProgramTier } from "./program";
import { customerDetailsSet, memberStateSql, parseMemberState, type MemberState } from "./member-state";
import { applyOrderPaidDirect, readSeen, writeOrderPaid, type Applied, type Seen } from "./order-paid";
import { cancelReferralForRefund } from "./referrals";
import { memberOrdersSql, memberTierFloorSql, parseMemberOrders, parseTierFloor, recordTier } from "./tiers";

type Customer = Extract<ShopEvent, { type: "customer.updated" }>["data"]["customer"];

export type { EventOutcome, EventResult, TierRef } from "./event-result";

/**
 * Applies a shop event exactly once. The event id is claimed first (UNIQUE); a concurrent or
 * later delivery of the same id waits for the first one's commit and returns its result, and
 * one with a different body is a conflict. This is the hot path of every shop: the order of a
 * customer known by the shop's id, and the first order of one Treue does not know at all, take
 * two statements (order-paid.ts); everything else one transaction.
 */
export async function applyShopEvent(db: Database, event: ShopEvent, bodyHash: string, now = new Date()): Promise<EventOutcome> {
  const config = await getProgramConfig(db);
  const resultOf = (applied: Applied): EventResult => ({
    status: "applied",
    event_id: event.id,
    member_id: applied.memberId,
    points_delta: applied.pointsDelta,
    balance: applied.balance,
    tier: tierRef(applied.standing.tier),
  });
  if (event.type === "order.paid") {
    // A member changed between reading and writing (another order, a redemption): read again once.
    for (let attempt = 0; attempt < 2; attempt++) {
      const direct = await applyOrderPaidDirect(db, config, event, bodyHash, now, resultOf);
      if (direct === null) break;
      if (direct === "changed") continue;
      return direct.status === "seen" ? answerSeen(direct.seen, bodyHash) : direct;
    }
  }
  return db.transaction(async (tx) => {
    const claim = await claimEvent(tx, config, event, bodyHash, now);
    if (!claim.claimed) return answerSeen(await readSeen(tx, event.id), bodyHash);
    if (event.type === "order.paid") {
      const member = claim.member ?? (await upsertShopCustomer(tx, config, event.data.customer, now));
      return { status: "applied" as const, result: await writeOrderPaid(tx, config, event, member, now, resultOf) };
    }
    const result = resultOf(await applyEvent(tx, config, event, claim.member, now));
    await tx.update(shopEvents).set({ result }).where(eq(shopEvents.id, event.id));
    return { status: "applied" as const, result };
  });
}

/** A re-delivery gets the first delivery's result; the same id with another body is a conflict. */
function answerSeen(seen: Seen | null, bodyHash: string): EventOutcome {
  if (!seen || seen[0] !== bodyHash || !seen[1]) return { status: "conflict" };
  return { status: "duplicate", result: { ...seen[1], status: "duplicate" } };
}

type Claim = { claimed: boolean; member: MemberState | null };

/**
 * Claims the event id and, when the event names a shop customer Treue knows by id, locks and
 * reads that member in the same statement. A new customer or a guest is found or made
 * afterwards by upsertShopCustomer.
 */
async function claimEvent(tx: Tx, config: ProgramConfig, event: ShopEvent, bodyHash: string, now: Date): Promise<Claim> {
  const customer = event.type === "order.refunded" ? undefined : event.data.customer;
  if (customer?.id === undefined) {
    const claimed = await tx.insert(shopEvents).values({ id: event.id, type: event.type, bodyHash }).onConflictDoNothing().returning({ id: shopEvents.id });
    return { claimed: claimed.length > 0, member: null };
  }
  const rows = await runPrepared<{ claimed: boolean; id: string | null; state: unknown }>(tx, "treue_event_claim", sql`
    with claimed as (
      insert into shop_events (id, type, body_hash) values (${event.id}, ${event.type}, ${bodyHash})
      on conflict do nothing returning id),
    known as (
      update members set ${customerDetailsSet(customer)}
      where members.shop_customer_id = ${customer.id} and exists (select 1 from claimed)
      returning members.id, ${memberStateSql(sql`members.id`, config.tierRule, now)} as state)
    select exists (select 1 from claimed) as claimed, known.id, known.state from (select 1) as one left join known on true`);
  const row = rows[0]!;
  return { claimed: row.claimed, member: row.id ? parseMemberState(row.id, row.state) : null };
}

async function applyEvent(tx: Tx, config: ProgramConfig, event: Exclude<ShopEvent, { type: "order.paid" }>, known: MemberState | null, now: Date): Promise<Applied> {
  switch (event.type) {
    case "order.refunded":
      return applyOrderRefunded(tx, config, event, now);
    case "customer.updated": {
      const member = known ?? (await upsertShopCustomer(tx, config, event.data.customer, now));
      const standing = tierStanding(config.tierRule, config.tiers, member.orders, now, member.floor);
      await recordTier(tx, config.tiers, member.id, member.tierId, standing, now);
      return { memberId: member.id, pointsDelta: 0, balance: member.balance, standing };
    }
  }
}

async function applyOrderRefunded(tx: Tx, config: ProgramConfig, event: Extract<ShopEvent, { type: "order.refunded" }>, now: Date): Promise<Applied> {
  const { order_id: shopOrderId, amount_cents: amountCents } = event.data;
  const [order] = await tx.select().from(orders).where(eq(orders.shopOrderId, shopOrderId)).for("update");
  if (!order) throw new DomainError("unknown-order", `no paid order ${shopOrderId} is known; send its order.paid first`);
  const { refundedCents, points } = clawbackForRefund(order, amountCents);
  // Locked by an UPDATE so the state is read after the lock (see member-state.ts).
  const { rows } = (await tx.execute(sql`
    update members set updated_at = updated_at where id = ${order.memberId}
    returning ${memberStateSql(sql`members.id`, config.tierRule, now)} as state`)) as unknown as { rows: { state: unknown }[] };
  const member = rows[0] ? parseMemberState(order.memberId, rows[0].state) : null;
  const balance = member?.balance ?? 0;
  const netAfter = order.subtotalCents - refundedCents;
  const history = (member?.orders ?? []).map((o) => (o.id === order.id ? { ...o, netCents: netAfter } : o));
  const standing = tierStanding(config.tierRule, config.tiers, history, now, member?.floor ?? null);
  await recordTier(tx, config.tiers, order.memberId, member?.tierId ?? null, standing, now);
  await cancelReferralForRefund(tx, config.referralRule, order.id, netAfter);
  const { fromBalance, toDebt } = splitClawback(balance, points);
  await tx
    .update(orders)
    .set({ refundedCents, pointsClawedBack: order.pointsClawedBack + points })
    .where(eq(orders.id, order.id));
  if (fromBalance > 0) {
    await tx.insert(ledgerEntries).values({
      memberId: order.memberId,
      delta: -fromBalance,
      kind: "refund_clawback",
      sourceRef: orderSource(shopOrderId),
      idempotencyKey: refundKey(event.id),
    });
  }
  if (toDebt > 0) {
    await tx
      .update(members)
      .set({ pointsDebt: sql`${members.pointsDebt} + ${toDebt}` })
      .where(eq(members.id, order.memberId));
  }
  return {
    memberId: order.memberId,
    pointsDelta: fromBalance === 0 ? 0 : -fromBalance,
    balance: balance - fromBalance,
    standing,
  };
}

/**
 * The member for a shop customer not known by the shop's id (claimEvent looked there first):
 * found by e-mail (claiming it for this id) or made new, row-locked, with its state.
 */
async function upsertShopCustomer(tx: Tx, config: ProgramConfig, customer: Customer, now: Date): Promise<MemberState> {
  const rows = await runPrepared<{ id: string; state: unknown }>(tx, "treue_shop_customer_upsert", sql`
    insert into members (email, name, birthday, shop_customer_id)
    values (${customer.email}, ${customer.name ?? null}, ${customer.birthday ?? null}, ${customer.id ?? null})
    on conflict (email) do update set
      shop_customer_id = coalesce(members.shop_customer_id, excluded.shop_customer_id),
      name = coalesce(members.name, excluded.name),
      birthday = coalesce(excluded.birthday, members.birthday),
      updated_at = now()
    returning members.id, ${memberStateSql(sql`members.id`, config.tierRule, now)} as state`);
  return parseMemberState(rows[0]!.id, rows[0]!.state);
}

function tierRef(tier: ProgramTier | null): TierRef | null {
  return tier ? { id: tier.id, name: tier.name.de } : null;
}

export type ShopCustomerView = {
  member_id: string;
  balance: number;
  /** Benefits and the date the status is kept until are additions to docs/api.md's shape (additive only). */
  tier: (TierRef & { benefits: { free_shipping: boolean; exclusive_rewards: boolean; early_access: boolean }; kept_until: string | null }) | null;
  next_tier: (TierRef & { threshold_cents: number }) | null;
  qualifying_spend_cents: number;
};

export async function getShopCustomer(db: Database, shopCustomerId: string, now = new Date()): Promise<ShopCustomerView | null> {
  const config = await getProgramConfig(db);
  // Every shop asks this on its checkout and account pages: prepared, planned once per connection.
  const [member] = await runPrepared<{ id: string; balance: number; orders: [string, number, number][]; floor: [string | null, number | null] }>(
    db,
    "treue_shop_customer",
    sql`select members.id, members.points_balance as balance, ${memberOrdersSql(config.tierRule, now)} as orders, ${memberTierFloorSql} as floor
        from members where members.shop_customer_id = ${shopCustomerId}`,
  );
  if (!member) return null;
  const { tier, next, spendCents, keptUntil } = tierStanding(config.tierRule, config.tiers, parseMemberOrders(member.orders), now, parseTierFloor(member.floor));
  return {
    member_id: member.id,
    balance: member.balance,
    tier: tier && {
      ...tierRef(tier)!,
      benefits: {
        free_shipping: tier.benefits.freeShipping ?? false,
        exclusive_rewards: tier.benefits.exclusiveRewards ?? false,
        early_access: tier.benefits.earlyAccess ?? false,
      },
      kept_until: keptUntil?.toISOString() ?? null,
    },
    next_tier: next ? { ...tierRef(next)!, threshold_cents: next.thresholdCents } : null,
    qualifying_spend_cents: spendCents,
  };
}
