import "server-only";
import { and, eq, gte, sql } from "drizzle-orm";
import { DomainError } from "../../errors";
import { pointsForOrder } from "../../loyalty/earn-rule";
import { expiresAt } from "../../loyalty/expiry";
import { clawbackForRefund, settleDebt, splitClawback } from "../../loyalty/refund";
import { tierForSpend } from "../../loyalty/tiers";
import type { ShopEvent } from "../../validations/shop-events";
import type { Database } from "../connect";
import { PROGRAM_ID } from "../program-id";
import { ledgerEntries, members, orders, shopEvents, tiers } from "../schema";
import { getEarnRule } from "./program";

type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];
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

const QUALIFYING_WINDOW_DAYS = 365;

/**
 * Applies a shop event exactly once. The event id is claimed first (UNIQUE); a concurrent or
 * later delivery of the same id waits for the first one's commit and returns its result, and
 * one with a different body is a conflict. Everything happens in one transaction.
 */
export async function applyShopEvent(db: Database, event: ShopEvent, bodyHash: string, now = new Date()): Promise<EventOutcome> {
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
    const { memberId, pointsDelta } = await applyEvent(tx, event, now);
    const [member] = await tx.select({ balance: members.pointsBalance }).from(members).where(eq(members.id, memberId));
    const result: EventResult = {
      status: "applied",
      event_id: event.id,
      member_id: memberId,
      points_delta: pointsDelta,
      balance: member?.balance ?? 0,
      tier: (await memberTier(tx, memberId, now)).tier,
    };
    await tx.update(shopEvents).set({ result }).where(eq(shopEvents.id, event.id));
    return { status: "applied" as const, result };
  });
}

async function applyEvent(tx: Tx, event: ShopEvent, now: Date): Promise<{ memberId: string; pointsDelta: number }> {
  switch (event.type) {
    case "order.paid":
      return applyOrderPaid(tx, event, now);
    case "order.refunded":
      return applyOrderRefunded(tx, event);
    case "customer.updated":
      return { memberId: await upsertShopCustomer(tx, event.data.customer), pointsDelta: 0 };
  }
}

async function applyOrderPaid(tx: Tx, event: Extract<ShopEvent, { type: "order.paid" }>, now: Date) {
  const { data } = event;
  const memberId = await upsertShopCustomer(tx, data.customer);
  const rule = await getEarnRule(tx);
  const points = pointsForOrder(rule, data.subtotal_cents);
  const inserted = await tx
    .insert(orders)
    .values({
      memberId,
      shopOrderId: data.order_id,
      currency: data.currency,
      subtotalCents: data.subtotal_cents,
      items: data.items,
      paidAt: new Date(event.occurred_at),
      pointsEarned: points,
    })
    .onConflictDoNothing()
    .returning({ id: orders.id });
  // The same order reported again under another event id earns nothing more.
  if (inserted.length === 0 || points === 0) return { memberId, pointsDelta: 0 };

  const [member] = await tx.select({ debt: members.pointsDebt }).from(members).where(eq(members.id, memberId)).for("update");
  const { settled, remainingDebt } = settleDebt(member?.debt ?? 0, points);
  await tx.insert(ledgerEntries).values({
    memberId,
    delta: points,
    kind: "earn_order",
    sourceRef: `order:${data.order_id}`,
    idempotencyKey: `order:${data.order_id}:earn`,
    createdAt: now,
    expiresAt: expiresAt(now, rule.pointsValidMonths),
  });
  if (settled > 0) {
    await tx.insert(ledgerEntries).values({
      memberId,
      delta: -settled,
      kind: "refund_clawback",
      sourceRef: `order:${data.order_id}`,
      idempotencyKey: `order:${data.order_id}:settle-debt`,
      createdAt: now,
    });
    await tx.update(members).set({ pointsDebt: remainingDebt }).where(eq(members.id, memberId));
  }
  return { memberId, pointsDelta: points - settled };
}

async function applyOrderRefunded(tx: Tx, event: Extract<ShopEvent, { type: "order.refunded" }>) {
  const { order_id: shopOrderId, amount_cents: amountCents } = event.data;
  const [order] = await tx.select().from(orders).where(eq(orders.shopOrderId, shopOrderId)).for("update");
  if (!order) throw new DomainError("unknown-order", `no paid order ${shopOrderId} is known; send its order.paid first`);
  const { refundedCents, points } = clawbackForRefund(order, amountCents);
  const [member] = await tx
    .select({ balance: members.pointsBalance, debt: members.pointsDebt })
    .from(members)
    .where(eq(members.id, order.memberId))
    .for("update");
  const { fromBalance, toDebt } = splitClawback(member?.balance ?? 0, points);
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
  return { memberId: order.memberId, pointsDelta: fromBalance === 0 ? 0 : -fromBalance };
}

/** The member for a shop customer: by the shop's id, else by e-mail (claiming it), else new. */
async function upsertShopCustomer(tx: Tx, customer: Customer): Promise<string> {
  const [known] = await tx.select().from(members).where(eq(members.shopCustomerId, customer.id));
  if (known) {
    await tx
      .update(members)
      .set({
        name: known.name ?? customer.name ?? null,
        birthday: customer.birthday ?? known.birthday,
        updatedAt: new Date(),
      })
      .where(eq(members.id, known.id));
    return known.id;
  }
  const [row] = await tx
    .insert(members)
    .values({ email: customer.email, name: customer.name ?? null, birthday: customer.birthday ?? null, shopCustomerId: customer.id })
    .onConflictDoUpdate({
      target: members.email,
      set: {
        shopCustomerId: sql`coalesce(${members.shopCustomerId}, excluded.shop_customer_id)`,
        name: sql`coalesce(${members.name}, excluded.name)`,
        birthday: sql`coalesce(excluded.birthday, ${members.birthday})`,
        updatedAt: new Date(),
      },
    })
    .returning({ id: members.id });
  return row!.id;
}

/** Qualifying spend (paid minus refunded, rolling 12 months) and the tier it reaches. */
export async function memberTier(db: Database | Tx, memberId: string, now = new Date()) {
  const since = new Date(now.getTime() - QUALIFYING_WINDOW_DAYS * 86_400_000);
  const [spend] = await db
    .select({ cents: sql<string>`coalesce(sum(${orders.subtotalCents} - ${orders.refundedCents}), 0)` })
    .from(orders)
    .where(and(eq(orders.memberId, memberId), gte(orders.paidAt, since)));
  const spendCents = Number(spend?.cents ?? 0);
  const rows = await db
    .select({ id: tiers.id, name: tiers.name, thresholdCents: tiers.thresholdCents })
    .from(tiers)
    .where(eq(tiers.programId, PROGRAM_ID));
  const { tier, next } = tierForSpend(
    rows.map((r) => ({ id: r.id, name: r.name.de, thresholdCents: r.thresholdCents })),
    spendCents,
  );
  return {
    spendCents,
    tier: tier ? { id: tier.id, name: tier.name } : null,
    next: next ? { id: next.id, name: next.name, threshold_cents: next.thresholdCents } : null,
  };
}

export type ShopCustomerView = {
  member_id: string;
  balance: number;
  tier: TierRef | null;
  next_tier: (TierRef & { threshold_cents: number }) | null;
  qualifying_spend_cents: number;
};

export async function getShopCustomer(db: Database, shopCustomerId: string, now = new Date()): Promise<ShopCustomerView | null> {
  const [member] = await db
    .select({ id: members.id, balance: members.pointsBalance })
    .from(members)
    .where(eq(members.shopCustomerId, shopCustomerId));
  if (!member) return null;
  const { spendCents, tier, next } = await memberTier(db, member.id, now);
  return { member_id: member.id, balance: member.balance, tier, next_tier: next, qualifying_spend_cents: spendCents };
}
