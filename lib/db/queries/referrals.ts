import "server-only";
import { randomBytes } from "node:crypto";
import { and, count, eq, gte, inArray, isNull, lte, ne, sql, sum } from "drizzle-orm";
import { formatMoney } from "../../i18n/money";
import { expiresAt } from "../../loyalty/expiry";
import { couponExpiry } from "../../loyalty/rewards";
import { generateCouponCode } from "../../loyalty/coupon-code";
import {
  canonicalEmail,
  checkClaim,
  checkQualifyingOrder,
  monthStart,
  referralCodeFrom,
  type ReferralRule,
  type ReferralStats,
} from "../../loyalty/referrals";
import { enqueueNotification } from "./notifications";
import { env } from "../../env";
import type { Database, Tx } from "../connect";
import { PROGRAM_ID } from "../program-id";
import { coupons, ledgerEntries, members, orders, referrals, rewards } from "../schema";
import { getProgramConfig } from "./program";

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

/**
 * A friend claims the offer on the landing page (before signing in). Accepted or not, a row
 * records it: rejections keep their reason for staff, and the friend sees the same neutral
 * answer either way.
 */
export async function claimReferral(
  db: Database,
  input: { code: string; email: string; ipHash: string | null; now: Date },
): Promise<{ status: "claimed" } | { status: "rejected"; reason: string } | { status: "unknown-code" }> {
  const { referralRule: rule } = await getProgramConfig(db);
  const referrer = await findReferrer(db, input.code);
  if (!referrer) return { status: "unknown-code" };
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
  const verdict = checkClaim({
    rule,
    referrer,
    friend: {
      id: friend?.id ?? null,
      email: input.email,
      shopCustomerId: friend?.shopCustomerId ?? null,
      hasOrders: Number(friend?.orders ?? 0) > 0,
      alreadyReferred: (live?.n ?? 0) > 0,
    },
    claimsFromIpLast7Days: fromIp?.n ?? 0,
  });
  const row = { referrerId: referrer.id, friendEmail, claimIpHash: input.ipHash, claimedAt: input.now };
  if (!verdict.ok) {
    await db.insert(referrals).values({ ...row, status: "rejected", reason: verdict.reason });
    return { status: "rejected", reason: verdict.reason };
  }
  // Two claims for one mailbox at once: the partial unique index lets one through.
  const inserted = await db.insert(referrals).values({ ...row, status: "claimed" }).onConflictDoNothing().returning({ id: referrals.id });
  if (inserted.length === 0) {
    await db.insert(referrals).values({ ...row, status: "rejected", reason: "already-referred" });
    return { status: "rejected", reason: "already-referred" };
  }
  return { status: "claimed" };
}

/**
 * At sign-in: a claim waiting for this mailbox becomes the member's referral, and the friend's
 * welcome coupon is issued (once: its request id is the referral's).
 */
export async function completeReferralSignUp(db: Database, memberId: string, email: string, now: Date): Promise<boolean> {
  const { referralRule: rule, currency } = await getProgramConfig(db);
  return db.transaction(async (tx) => {
    const [claim] = await tx
      .select({ id: referrals.id, referrerId: referrals.referrerId })
      .from(referrals)
      .where(and(eq(referrals.friendEmail, canonicalEmail(email)), eq(referrals.status, "claimed"), gte(referrals.claimedAt, new Date(now.getTime() - rule.attributionDays * DAY_MS))))
      .for("update");
    if (!claim) return false;
    if (claim.referrerId === memberId) {
      await tx.update(referrals).set({ status: "rejected", reason: "self-referral" }).where(eq(referrals.id, claim.id));
      return false;
    }
    await tx.update(referrals).set({ status: "joined", friendId: memberId, joinedAt: now }).where(eq(referrals.id, claim.id));
    await issueWelcomeCoupon(tx, rule, currency, memberId, claim.id, now);
    return true;
  });
}

async function issueWelcomeCoupon(tx: Tx, rule: ReferralRule, currency: string, memberId: string, referralId: string, now: Date) {
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

/**
 * Pending referral points whose return window has passed become ledger rows. Rows are claimed
 * with SKIP LOCKED and the ledger key is the referral's, so instances and repeats never pay twice.
 */
export async function settleDueReferrals(db: Database, now: Date, referrerId?: string): Promise<number> {
  const { earnRule } = await getProgramConfig(db);
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: referrals.id, referrerId: referrals.referrerId, points: referrals.points })
      .from(referrals)
      .where(and(eq(referrals.status, "pending"), lte(referrals.pendingUntil, now), referrerId ? eq(referrals.referrerId, referrerId) : undefined))
      .limit(200)
      .for("update", { skipLocked: true });
    for (const referral of due) {
      await tx
        .insert(ledgerEntries)
        .values({
          memberId: referral.referrerId,
          delta: referral.points ?? 0,
          kind: "referral",
          sourceRef: `referral:${referral.id}`,
          idempotencyKey: `referral:${referral.id}`,
          createdAt: now,
          expiresAt: expiresAt(now, earnRule.pointsValidMonths, env().timezone),
        })
        .onConflictDoNothing();
      await tx.update(referrals).set({ status: "rewarded", rewardedAt: now }).where(eq(referrals.id, referral.id));
      await enqueueNotification(tx, {
        memberId: referral.referrerId,
        category: "referral",
        kind: "referral_rewarded",
        params: { points: referral.points ?? 0 },
        url: "/invite",
        dedupeKey: `referral:${referral.id}`,
        at: now,
        channels: "push-or-email",
        source: "journey:referral_qualified",
      });
    }
    return due.length;
  });
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
