import "server-only";
import { randomBytes } from "node:crypto";
import { and, count, eq, gte, inArray, isNull, lte, ne, sql, sum } from "drizzle-orm";
import { formatMoney } from "../../i18n/money";
import { couponExpiry } from "../../loyalty/rewards";
import { generateCouponCode } from "../../loyalty/coupon-code";
import { canonicalEmail, checkQualifyingOrder, monthStart, referralCodeFrom, type ReferralRule, type ReferralStats } from "../../loyalty/referrals";
import { env } from "../../env";
import type { Database, Tx } from "../connect";
import { PROGRAM_ID } from "../program-id";
import { coupons, ledgerEntries, members, orders, referrals, rewards } from "../schema";

const DAY_MS = 86_400_000;
/** The hidden catalog entry welcome coupons hang off (coupons always name a reward). */
const WELCOME_REWARD_ID = "referral-welcome";

/** The member's invite code, made on first use (a collision just tries again). */
export async function ensureReferralCode(db: Database, memberId: string): Promise<string> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const [member] = await db.select({ code: members.referralCode }).from(members).where(eq(members.id, memberId));
    if (!member) throw new Error("unknown member");
    if (member.code) return member.code;
    const code = referralCodeFrom(randomBytes(7));
    const taken = await db.$count(members, eq(members.referralCode, code));
    if (taken === 0) await db.update(members).set({ referralCode: code }).where(and(eq(members.id, memberId), isNull(members.referralCode)));
  }
  throw new Error("could not allocate a referral code");
}

/** Whether this mailbox was ever named in a referral (accepted or not). */
export async function hasReferral(db: Database, email: string): Promise<boolean> {
  return (await db.$count(referrals, eq(referrals.friendEmail, canonicalEmail(email)))) > 0;
}

export type Referrer = { id: string; firstName: string | null; email: string; shopCustomerId: string | null };

export async function findReferrer(db: Database, code: string): Promise<Referrer | null> {
  const [row] = await db
    .select({ id: members.id, name: members.name, email: members.email, shopCustomerId: members.shopCustomerId })
    .from(members)
    .where(eq(members.referralCode, code));
  return row ? { id: row.id, firstName: row.name?.split(" ")[0] ?? null, email: row.email, shopCustomerId: row.shopCustomerId } : null;
}

/** What deciding a friend's claim needs to know about the friend and about claims so far. */
export async function claimFacts(db: Database, input: { email: string; ipHash: string | null; now: Date }) {
  const friendEmail = canonicalEmail(input.email);
  const [[friend], [live], [fromIp]] = await Promise.all([
    db
      .select({ id: members.id, shopCustomerId: members.shopCustomerId, orders: sql<number>`(select count(*) from orders o where o.member_id = members.id)` })
      .from(members)
      .where(eq(members.email, input.email.trim().toLowerCase())),
    db.select({ n: count() }).from(referrals).where(and(eq(referrals.friendEmail, friendEmail), ne(referrals.status, "rejected"))),
    input.ipHash
      ? db
          .select({ n: count() })
          .from(referrals)
          .where(and(eq(referrals.claimIpHash, input.ipHash), gte(referrals.claimedAt, new Date(input.now.getTime() - 7 * DAY_MS))))
      : Promise.resolve([{ n: 0 }]),
  ]);
  return {
    friend: { id: friend?.id ?? null, email: input.email, shopCustomerId: friend?.shopCustomerId ?? null, hasOrders: Number(friend?.orders ?? 0) > 0, alreadyReferred: (live?.n ?? 0) > 0 },
    claimsFromIpLast7Days: fromIp?.n ?? 0,
  };
}

type ClaimRow = { referrerId: string; friendEmail: string; claimIpHash: string | null; claimedAt: Date };

export async function insertRejectedClaim(db: Database, row: ClaimRow, reason: string): Promise<void> {
  await db.insert(referrals).values({ ...row, status: "rejected", reason });
}

/** False when another claim for the mailbox is live already (the partial unique index lets one through). */
export async function insertClaim(db: Database, row: ClaimRow): Promise<boolean> {
  const inserted = await db.insert(referrals).values({ ...row, status: "claimed" }).onConflictDoNothing().returning({ id: referrals.id });
  return inserted.length > 0;
}

/** The claim waiting for this mailbox within the attribution window, locked. */
export async function lockOpenClaim(tx: Tx, email: string, since: Date) {
  const [claim] = await tx
    .select({ id: referrals.id, referrerId: referrals.referrerId })
    .from(referrals)
    .where(and(eq(referrals.friendEmail, canonicalEmail(email)), eq(referrals.status, "claimed"), gte(referrals.claimedAt, since)))
    .for("update");
  return claim;
}

export async function updateReferral(tx: Tx, referralId: string, change: Partial<Omit<typeof referrals.$inferInsert, "id">>): Promise<void> {
  await tx.update(referrals).set(change).where(eq(referrals.id, referralId));
}

/** The friend's welcome coupon, once per referral (its request id is the referral's). */
export async function issueWelcomeCoupon(tx: Tx, rule: ReferralRule, currency: string, memberId: string, referralId: string, now: Date) {
  const name = {
    de: `${formatMoney("de", rule.friendDiscountCents, currency)} Willkommensrabatt`,
    en: `${formatMoney("en", rule.friendDiscountCents, currency)} welcome discount`,
  };
  await tx
    .insert(rewards)
    .values({
      id: WELCOME_REWARD_ID,
      programId: PROGRAM_ID,
      kind: "amount_off",
      name,
      description: { de: "Für deine erste Bestellung, von einer Freundin oder einem Freund.", en: "For your first order, from a friend." },
      pointsCost: 1,
      active: false,
    })
    .onConflictDoNothing();
  await tx
    .insert(coupons)
    .values({
      memberId,
      rewardId: WELCOME_REWARD_ID,
      code: generateCouponCode(),
      requestId: `referral:${referralId}`,
      pointsCost: 0,
      terms: { kind: "amount_off", name, valueCents: rule.friendDiscountCents, percentOff: null, sku: null, minOrderCents: rule.friendMinOrderCents },
      issuedAt: now,
      expiresAt: couponExpiry(now, rule.friendCouponValidDays),
    })
    .onConflictDoNothing();
}

/**
 * Inside the order.paid transaction (the friend's member row is locked): the friend's first
 * order, if it qualifies, makes the referrer's points pending until the return window passes.
 * The referrer's advisory lock keeps the monthly limit exact when two friends order at once.
 */
export async function qualifyReferral(tx: Tx, rule: ReferralRule, friendId: string, order: { id: string; subtotalCents: number; paidAt: Date }, now: Date) {
  const [referral] = await tx
    .select({ id: referrals.id, referrerId: referrals.referrerId })
    .from(referrals)
    .where(and(eq(referrals.friendId, friendId), eq(referrals.status, "joined")));
  if (!referral) return;
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`referrer:${referral.referrerId}`}))`);
  const [[earlier], [qualified]] = await Promise.all([
    tx.select({ n: count() }).from(orders).where(and(eq(orders.memberId, friendId), ne(orders.id, order.id))),
    tx
      .select({ n: count() })
      .from(referrals)
      .where(and(eq(referrals.referrerId, referral.referrerId), inArray(referrals.status, ["pending", "rewarded"]), gte(referrals.qualifiedAt, monthStart(now, env().timezone)))),
  ]);
  const verdict = checkQualifyingOrder({
    rule,
    subtotalCents: order.subtotalCents,
    earlierOrders: earlier?.n ?? 0,
    referrerQualifiedThisMonth: qualified?.n ?? 0,
    paidAt: order.paidAt,
  });
  if (!verdict.ok) {
    await tx.update(referrals).set({ status: "rejected", reason: verdict.reason, qualifyingOrderId: order.id }).where(eq(referrals.id, referral.id));
    return;
  }
  await tx
    .update(referrals)
    .set({ status: "pending", qualifyingOrderId: order.id, points: verdict.points, qualifiedAt: now, pendingUntil: verdict.pendingUntil })
    .where(eq(referrals.id, referral.id));
}

/** Inside the order.refunded transaction: a pending reward whose order fell below the minimum is cancelled. */
export async function cancelReferralForRefund(tx: Tx, rule: ReferralRule, orderId: string, netCentsAfter: number) {
  if (netCentsAfter >= rule.qualifyingOrderCents) return;
  await tx
    .update(referrals)
    .set({ status: "cancelled", reason: "order-refunded" })
    .where(and(eq(referrals.qualifyingOrderId, orderId), eq(referrals.status, "pending")));
}

/** Pending referrals whose return window has passed, up to 200, locked (SKIP LOCKED: instances share the work). */
export async function lockDueReferrals(tx: Tx, now: Date, referrerId?: string) {
  return tx
    .select({ id: referrals.id, referrerId: referrals.referrerId, points: referrals.points })
    .from(referrals)
    .where(and(eq(referrals.status, "pending"), lte(referrals.pendingUntil, now), referrerId ? eq(referrals.referrerId, referrerId) : undefined))
    .limit(200)
    .for("update", { skipLocked: true });
}

/** The referrer's points as a ledger row keyed by the referral, so a repeat never pays twice. */
export async function creditReferral(tx: Tx, referral: { id: string; referrerId: string; points: number | null }, now: Date, lapsesAt: Date | null): Promise<void> {
  await tx
    .insert(ledgerEntries)
    .values({
      memberId: referral.referrerId,
      delta: referral.points ?? 0,
      kind: "referral",
      sourceRef: `referral:${referral.id}`,
      idempotencyKey: `referral:${referral.id}`,
      createdAt: now,
      expiresAt: lapsesAt,
    })
    .onConflictDoNothing();
}

export async function getReferralStats(db: Database, referrerId: string): Promise<ReferralStats> {
  const rows = await db
    .select({ status: referrals.status, n: count(), points: sum(referrals.points) })
    .from(referrals)
    .where(eq(referrals.referrerId, referrerId))
    .groupBy(referrals.status);
  const by = (status: string) => rows.find((r) => r.status === status);
  const n = (...statuses: string[]) => statuses.reduce((total, s) => total + (by(s)?.n ?? 0), 0);
  return {
    invited: n("claimed", "joined", "pending", "rewarded", "cancelled"),
    joined: n("joined", "pending", "rewarded", "cancelled"),
    purchased: n("pending", "rewarded"),
    pointsEarned: Number(by("rewarded")?.points ?? 0),
    pointsPending: Number(by("pending")?.points ?? 0),
  };
}
