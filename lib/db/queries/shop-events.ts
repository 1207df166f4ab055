import "server-only";
import { eq, sql } from "drizzle-orm";
import { DomainError } from "../../errors";
import { pointsForOrder } from "../../loyalty/earn-rule";
import { expiresAt } from "../../loyalty/expiry";
import { clawbackForRefund, settleDebt, splitClawback } from "../../loyalty/refund";
import { tierStanding, type TierFloor } from "../../loyalty/tier-standing";
import type { ShopEvent } from "../../validations/shop-events";
import type { Database, Tx } from "../connect";
import { ledgerEntries, members, orders, shopEvents } from "../schema";
import { earnRuleAt, getProgramConfig, type ProgramConfig, type ProgramTier } from "./program";
import { cancelReferralForRefund, qualifyReferral } from "./referrals";
import { enqueueNotification } from "./notifications";
import { memberOrdersSql, memberTierFloorSql, parseMemberOrders, parseTierFloor, recordTier, type MemberOrder, type Standing } from "./tiers";

type Customer = Extract<ShopEvent, { type: "customer.updated" }>["data"]["customer"];

export type TierRef = { id: string; name: string };
export type EventResult = {
  status: "applied" | "duplicate";
  event_id: string;
  member_id: string;
  points_delta: number;
  balance: number;
  tier: TierRef | null;
};
export type EventOutcome = { status: "applied" | "duplicate"; result: EventResult } | { status: "conflict" };

/**
 * Applies a shop event exactly once. The event id is claimed first (UNIQUE); a concurrent or
 * later delivery of the same id waits for the first one's commit and returns its result, and
 * one with a different body is a conflict. Everything happens in one transaction, in as few
 * round trips as the rules allow: this is the hot path of every shop.
 */
export async function applyShopEvent(db: Database, event: ShopEvent, bodyHash: string, now = new Date()): Promise<EventOutcome> {
  const config = await getProgramConfig(db);
  return db.transaction(async (tx) => {
    const claimed = await tx
      .insert(shopEvents)
      .values({ id: event.id, type: event.type, bodyHash })
      .onConflictDoNothing()
      .returning({ id: shopEvents.id });
    if (claimed.length === 0) {
      const [first] = await tx.select().from(shopEvents).where(eq(shopEvents.id, event.id));
      if (!first || first.bodyHash !== bodyHash || !first.result) return { status: "conflict" as const };
      return { status: "duplicate" as const, result: { ...(first.result as EventResult), status: "duplicate" as const } };
    }
    const applied = await applyEvent(tx, config, event, now);
    const result: EventResult = {
      status: "applied",
      event_id: event.id,
      member_id: applied.memberId,
      points_delta: applied.pointsDelta,
      balance: applied.balance,
      tier: tierRef(applied.standing.tier),
    };
    await tx.update(shopEvents).set({ result }).where(eq(shopEvents.id, event.id));
    return { status: "applied" as const, result };
  });
}

type Applied = { memberId: string; pointsDelta: number; balance: number; standing: Standing };

async function applyEvent(tx: Tx, config: ProgramConfig, event: ShopEvent, now: Date): Promise<Applied> {
  switch (event.type) {
    case "order.paid":
      return applyOrderPaid(tx, config, event, now);
    case "order.refunded":
      return applyOrderRefunded(tx, config, event, now);
    case "customer.updated": {
      const member = await upsertShopCustomer(tx, config, event.data.customer, now);
      const standing = tierStanding(config.tierRule, config.tiers, member.orders, now, member.floor);
      await recordTier(tx, config.tiers, member.id, member.tierId, standing, now);
      return { memberId: member.id, pointsDelta: 0, balance: member.balance, standing };
    }
  }
}

async function applyOrderPaid(tx: Tx, config: ProgramConfig, event: Extract<ShopEvent, { type: "order.paid" }>, now: Date): Promise<Applied> {
  const { data } = event;
  const member = await upsertShopCustomer(tx, config, data.customer, now); // locks the member row until commit
  const before = tierStanding(config.tierRule, config.tiers, member.orders, now, member.floor);
  // The order earns at the tier held when placing it; the status it reaches applies from the next one.
  const paidAt = new Date(event.occurred_at);
  // The rule version in force when the order was paid, kept on the order and its ledger row.
  const { rule, version: ruleVersion } = earnRuleAt(config, paidAt);
  const points = pointsForOrder(rule, data.subtotal_cents, data.items, before.tier?.multiplierPercent ?? 100, paidAt);
  const inserted = await tx
    .insert(orders)
    .values({
      memberId: member.id,
      shopOrderId: data.order_id,
      currency: data.currency,
      subtotalCents: data.subtotal_cents,
      items: data.items,
      paidAt,
      pointsEarned: points,
      ruleVersion,
    })
    .onConflictDoNothing()
    .returning({ id: orders.id });
  // The same order reported again under another event id earns nothing more.
  if (inserted.length === 0) return { memberId: member.id, pointsDelta: 0, balance: member.balance, standing: before };
  const standing = tierStanding(config.tierRule, config.tiers, [...member.orders, { id: inserted[0]!.id, paidAt, netCents: data.subtotal_cents }], now, member.floor);
  await recordTier(tx, config.tiers, member.id, member.tierId, standing, now);
  if (member.referred) await qualifyReferral(tx, config.referralRule, member.id, { id: inserted[0]!.id, subtotalCents: data.subtotal_cents, paidAt }, now);
  if (points === 0) return { memberId: member.id, pointsDelta: 0, balance: member.balance, standing };

  const { settled, remainingDebt } = settleDebt(member.debt, points);
  const earn = {
    memberId: member.id,
    delta: points,
    kind: "earn_order" as const,
    sourceRef: `order:${data.order_id}`,
    idempotencyKey: `order:${data.order_id}:earn`,
    createdAt: now,
    expiresAt: expiresAt(now, rule.pointsValidMonths),
    ruleVersion,
  };
  if (settled === 0) {
    await tx.insert(ledgerEntries).values(earn);
  } else {
    const settle = {
      memberId: member.id,
      delta: -settled,
      kind: "refund_clawback" as const,
      sourceRef: `order:${data.order_id}`,
      idempotencyKey: `order:${data.order_id}:settle-debt`,
      createdAt: now,
    };
    await tx.insert(ledgerEntries).values([earn, settle]);
    await tx.update(members).set({ pointsDebt: remainingDebt }).where(eq(members.id, member.id));
  }
  await enqueueNotification(tx, {
    memberId: member.id,
    category: "points",
    kind: "points_earned",
    params: { points, balance: member.balance + points - settled },
    url: "/history",
    dedupeKey: `order:${data.order_id}:earned`,
    at: now,
  });
  // The balance trigger applied both rows; the member row is locked, so this is the committed value.
  return { memberId: member.id, pointsDelta: points - settled, balance: member.balance + points - settled, standing };
}

async function applyOrderRefunded(tx: Tx, config: ProgramConfig, event: Extract<ShopEvent, { type: "order.refunded" }>, now: Date): Promise<Applied> {
  const { order_id: shopOrderId, amount_cents: amountCents } = event.data;
  const [order] = await tx.select().from(orders).where(eq(orders.shopOrderId, shopOrderId)).for("update");
  if (!order) throw new DomainError("unknown-order", `no paid order ${shopOrderId} is known; send its order.paid first`);
  const { refundedCents, points } = clawbackForRefund(order, amountCents);
  const [member] = await tx
    .select({ balance: members.pointsBalance, tierId: members.tierId, orders: memberOrdersSql(config.tierRule, now), floor: memberTierFloorSql })
    .from(members)
    .where(eq(members.id, order.memberId))
    .for("update");
  const balance = member?.balance ?? 0;
  const netAfter = order.subtotalCents - refundedCents;
  const history = parseMemberOrders(member?.orders ?? []).map((o) => (o.id === order.id ? { ...o, netCents: netAfter } : o));
  const standing = tierStanding(config.tierRule, config.tiers, history, now, parseTierFloor(member?.floor));
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
      sourceRef: `order:${shopOrderId}`,
      idempotencyKey: `refund:${event.id}`,
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

type LockedMember = { id: string; balance: number; debt: number; tierId: string | null; referred: boolean; orders: MemberOrder[]; floor: TierFloor | null };

/**
 * The member for a shop customer, row-locked, with the orders its tier depends on: by the shop's id,
 * else by e-mail (claiming it), else new. The common case (a known customer) is one statement.
 */
async function upsertShopCustomer(tx: Tx, config: ProgramConfig, customer: Customer, now: Date): Promise<LockedMember> {
  const returning = {
    id: members.id,
    balance: members.pointsBalance,
    debt: members.pointsDebt,
    tierId: members.tierId,
    // A friend who joined through a referral and has not ordered yet: this order may qualify it.
    referred: sql<boolean>`exists (select 1 from referrals r where r.friend_id = members.id and r.status = 'joined')`,
    orders: memberOrdersSql(config.tierRule, now),
    floor: memberTierFloorSql,
  };
  // A guest checkout (connectors) has no customer id: the e-mail address alone finds the member.
  const [known] =
    customer.id === undefined
      ? []
      : await tx
          .update(members)
          .set({
            name: sql`coalesce(${members.name}, ${customer.name ?? null}::text)`,
            birthday: sql`coalesce(${customer.birthday ?? null}::date, ${members.birthday})`,
            updatedAt: new Date(),
          })
          .where(eq(members.shopCustomerId, customer.id))
          .returning(returning);
  if (known) return withOrders(known);
  const [row] = await tx
    .insert(members)
    .values({ email: customer.email, name: customer.name ?? null, birthday: customer.birthday ?? null, shopCustomerId: customer.id ?? null })
    .onConflictDoUpdate({
      target: members.email,
      set: {
        shopCustomerId: sql`coalesce(${members.shopCustomerId}, excluded.shop_customer_id)`,
        name: sql`coalesce(${members.name}, excluded.name)`,
        birthday: sql`coalesce(excluded.birthday, ${members.birthday})`,
        updatedAt: new Date(),
      },
    })
    .returning(returning);
  return withOrders(row!);
}

function withOrders({ orders, floor, ...member }: Omit<LockedMember, "orders" | "floor"> & { orders: [string, number, number][]; floor: [string | null, number | null] }): LockedMember {
  return { ...member, orders: parseMemberOrders(orders), floor: parseTierFloor(floor) };
}

function tierRef(tier: ProgramTier | null): TierRef | null {
  return tier ? { id: tier.id, name: tier.name.de } : null;
}

export type ShopCustomerView = {
  member_id: string;
  balance: number;
  /** Benefits and the date the status is kept until are additions to API.md's shape (additive only). */
  tier: (TierRef & { benefits: { free_shipping: boolean; exclusive_rewards: boolean; early_access: boolean }; kept_until: string | null }) | null;
  next_tier: (TierRef & { threshold_cents: number }) | null;
  qualifying_spend_cents: number;
};

export async function getShopCustomer(db: Database, shopCustomerId: string, now = new Date()): Promise<ShopCustomerView | null> {
  const config = await getProgramConfig(db);
  const [member] = await db
    .select({ id: members.id, balance: members.pointsBalance, orders: memberOrdersSql(config.tierRule, now), floor: memberTierFloorSql })
    .from(members)
    .where(eq(members.shopCustomerId, shopCustomerId));
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
