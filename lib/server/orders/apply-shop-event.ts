import "server-only";
// A shop's event (POST /api/v1/events, the platforms' webhooks), applied exactly once. The event
// id is claimed first (UNIQUE); a concurrent or later delivery of the same id waits for the first
// one's commit and returns its result, and one with a different body is a conflict. The hot path
// of every shop, an order of a customer known by the shop's id or the first order of one Treue does
// not know at all, takes no transaction (order-paid.ts); everything else one transaction.
import { tierStanding } from "../../loyalty/tier-standing";
import type { ShopEvent } from "../../validations/shop-events";
import type { Database, Tx } from "../../db/connect";
import { isDeadlock } from "../../db/pg-errors";
import type { MemberState } from "../../db/queries/member-state";
import { getProgramConfig, type ProgramConfig } from "../../db/queries/program";
import { claimEventId, claimEventLockingCustomer, keepEventResult, readSeen, upsertShopCustomer, type ClaimedEvent, type Seen } from "../../db/queries/shop-events";
import { recordTier } from "../../db/queries/tiers";
import { tierRef, type EventOutcome, type EventResult } from "./event-result";
import { applyOrderPaidDirect, writeOrderPaid, type Applied, type ResultOf } from "./order-paid";
import { applyOrderRefunded } from "./order-refunded";

export type { EventOutcome, EventResult, TierRef } from "./event-result";

export async function applyShopEvent(db: Database, event: ShopEvent, bodyHash: string, now = new Date()): Promise<EventOutcome> {
  // The paths take their locks in one order (the member, then the event id), but a customer the
  // shop links meanwhile can still close a cycle: the way that lost it wrote nothing, and the
  // event applies once whichever way runs it again (its id is claimed once).
  for (let attempt = 1; ; attempt++) {
    try {
      return await applyShopEventOnce(db, event, bodyHash, now);
    } catch (error) {
      if (!isDeadlock(error) || attempt === 3) throw error;
    }
  }
}

async function applyShopEventOnce(db: Database, event: ShopEvent, bodyHash: string, now: Date): Promise<EventOutcome> {
  const config = await getProgramConfig(db);
  const resultOf = resultFor(event);
  if (event.type === "order.paid") {
    // A member changed between reading and writing (another order, a redemption): read again once.
    for (let attempt = 0; attempt < 2; attempt++) {
      const direct = await applyOrderPaidDirect(db, config, event, bodyHash, now, resultOf);
      if (direct === null) break;
      if (direct === "changed") continue;
      return direct.status === "seen" ? answerSeen(direct.seen, bodyHash) : direct;
    }
  }
  return applyInTransaction(db, config, event, bodyHash, now);
}

/**
 * The event in one transaction: the way of everything but the common orders, and of an order
 * whose member kept changing under the direct way. It locks a member the shop's id names before
 * it claims the event id, as the direct statements do, so the same event down both ways at once
 * waits for the other.
 */
export async function applyInTransaction(db: Database, config: ProgramConfig, event: ShopEvent, bodyHash: string, now: Date): Promise<EventOutcome> {
  const resultOf = resultFor(event);
  const claim: ClaimedEvent = { id: event.id, type: event.type, bodyHash };
  return db.transaction(async (tx) => {
    const claimed = await claimEvent(tx, config, event, claim, now);
    if (!claimed.claimed) return answerSeen(await readSeen(tx, event.id), bodyHash);
    if (event.type === "order.paid") {
      const member = claimed.member ?? (await upsertShopCustomer(tx, event.data.customer, config.tierRule, now));
      return { status: "applied" as const, result: await writeOrderPaid(tx, config, event, member, now, resultOf) };
    }
    const result = resultOf(await applyEvent(tx, config, event, claimed.member, now));
    await keepEventResult(tx, event.id, result);
    return { status: "applied" as const, result };
  });
}

function resultFor(event: ShopEvent): ResultOf {
  return (applied: Applied): EventResult => ({
    status: "applied",
    event_id: event.id,
    member_id: applied.memberId,
    points_delta: applied.pointsDelta,
    balance: applied.balance,
    tier: tierRef(applied.standing.tier),
  });
}

/** A re-delivery gets the first delivery's result; the same id with another body is a conflict. */
function answerSeen(seen: Seen | null, bodyHash: string): EventOutcome {
  if (!seen || seen[0] !== bodyHash || !seen[1]) return { status: "conflict" };
  return { status: "duplicate", result: { ...(seen[1] as EventResult), status: "duplicate" } };
}

/**
 * Claims the event id and, when the event names a shop customer Treue knows by id, locks and
 * reads that member in the same statement. A new customer or a guest is found or made
 * afterwards by upsertShopCustomer.
 */
async function claimEvent(tx: Tx, config: ProgramConfig, event: ShopEvent, claim: ClaimedEvent, now: Date): Promise<{ claimed: boolean; member: MemberState | null }> {
  const customer = event.type === "order.refunded" ? undefined : event.data.customer;
  if (customer?.id === undefined) return { claimed: await claimEventId(tx, claim), member: null };
  return claimEventLockingCustomer(tx, claim, { ...customer, id: customer.id }, config.tierRule, now);
}

async function applyEvent(tx: Tx, config: ProgramConfig, event: Exclude<ShopEvent, { type: "order.paid" }>, known: MemberState | null, now: Date): Promise<Applied> {
  switch (event.type) {
    case "order.refunded":
      return applyOrderRefunded(tx, config, event, now);
    case "customer.updated": {
      const member = known ?? (await upsertShopCustomer(tx, event.data.customer, config.tierRule, now));
      const standing = tierStanding(config.tierRule, config.tiers, member.orders, now, member.floor);
      await recordTier(tx, config.tiers, member.id, member.tierId, standing, now);
      return { memberId: member.id, pointsDelta: 0, balance: member.balance, standing };
    }
  }
}
