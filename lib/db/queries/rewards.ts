import "server-only";
import { and, asc, count, desc, eq, gt, inArray, isNull, lte, or, sql } from "drizzle-orm";
import { generateCouponCode } from "../../loyalty/coupon-code";
import { formatMoney } from "../../i18n/money";
import { pointsOffRules, rewardEntryCost } from "../../loyalty/points-off";
import { couponExpiry, rewardAvailability, type Availability } from "../../loyalty/rewards";
import { tierStanding } from "../../loyalty/tier-standing";
import type { Database, Tx } from "../connect";
import { PROGRAM_ID } from "../program-id";
import { couponCodes, coupons, ledgerEntries, members, programs, rewards, type CouponTerms } from "../schema";
import { DEFAULT_CURRENCY, getProgramConfig, type ProgramConfig } from "./program";
import { memberOrdersSql, memberTierFloorSql, parseMemberOrders, parseTierFloor } from "./tiers";

export type Reward = typeof rewards.$inferSelect;
export type RewardOffer = { reward: Reward; availability: Availability; redeemedCount: number };
export type Coupon = typeof coupons.$inferSelect;

function tierRank(config: ProgramConfig, tierId: string | null | undefined): number | null {
  if (!tierId) return null;
  const sorted = [...config.tiers].sort((a, b) => a.thresholdCents - b.thresholdCents);
  const rank = sorted.findIndex((t) => t.id === tierId);
  return rank < 0 ? null : rank;
}

export function availabilityFor(config: ProgramConfig, reward: Reward, member: { balance: number; tierId: string | null | undefined }, redeemedCount: number) {
  return rewardAvailability(
    // A points_off reward opens with the points its smallest amount costs.
    { ...reward, pointsCost: rewardEntryCost(reward), minTierRank: tierRank(config, reward.minTierId) },
    { balance: member.balance, tierRank: tierRank(config, member.tierId), redeemedCount },
  );
}

/** The member's balance and tier now; `lock`: the row stays locked, so balance and per-member limits cannot race. */
export async function memberRewardState(db: Database | Tx, config: ProgramConfig, memberId: string, now: Date, lock = false) {
  const query = db
    .select({ balance: members.pointsBalance, orders: memberOrdersSql(config.tierRule, now), floor: memberTierFloorSql })
    .from(members)
    .where(eq(members.id, memberId));
  const [row] = lock ? await query.for("update") : await query;
  if (!row) return null;
  const standing = tierStanding(config.tierRule, config.tiers, parseMemberOrders(row.orders), now, parseTierFloor(row.floor));
  return { balance: row.balance, tierId: standing.tier?.id ?? null };
}

/** Rewards a campaign keeps for its own members (while it is not cancelled). */
function madeExclusive() {
  return sql`exists (select 1 from campaigns c where c.reward_id = ${rewards.id} and c.reward_mode = 'exclusive' and c.status <> 'cancelled')`;
}

/** Rewards inside their catalog dates at `now`. */
function inCatalogWindow(now: Date) {
  return and(or(isNull(rewards.availableFrom), lte(rewards.availableFrom, now)), or(isNull(rewards.availableUntil), gt(rewards.availableUntil, now)));
}

/**
 * The rewards a member may see and redeem at `now`: the catalog (inside its dates) minus rewards a
 * campaign made exclusive, plus what a campaign the member was in opened to them: its exclusive
 * reward, or early access before the catalog date, both until the campaign's end date.
 */
function offeredTo(memberId: string, now: Date) {
  const campaignFor = (mode: "exclusive" | "early_access") => sql`exists (
    select 1 from campaigns c join campaign_members cm on cm.campaign_id = c.id and cm.member_id = ${memberId}
    where c.reward_id = ${rewards.id} and c.reward_mode = ${mode} and c.status in ('sending', 'sent') and c.reward_until > ${now})`;
  const beforeEnd = or(isNull(rewards.availableUntil), gt(rewards.availableUntil, now));
  return or(
    and(inCatalogWindow(now), sql`not ${madeExclusive()}`),
    and(beforeEnd, campaignFor("exclusive")),
    and(beforeEnd, campaignFor("early_access")),
  );
}

/** The active catalog with what each reward means for this member right now. */
/** The rewards offered to a member at `now`, with how often they redeemed each: what their offers are made of. */
export async function getRewardCatalog(db: Database, memberId: string, now = new Date()): Promise<RewardCatalog> {
  const [catalog, counts] = await Promise.all([
    db.select().from(rewards).where(and(eq(rewards.programId, PROGRAM_ID), eq(rewards.active, true), offeredTo(memberId, now))).orderBy(asc(rewards.position), asc(rewards.pointsCost)),
    db.select({ rewardId: coupons.rewardId, n: count() }).from(coupons).where(eq(coupons.memberId, memberId)).groupBy(coupons.rewardId),
  ]);
  return { catalog, redeemed: new Map(counts.map((c) => [c.rewardId, c.n])) };
}
export type RewardCatalog = { catalog: Reward[]; redeemed: Map<string, number> };

/** The catalog anyone sees at `now` (a shop's visitor who is no member yet): no campaign has opened anything to them. */
export async function getPublicCatalog(db: Database, now = new Date()): Promise<Reward[]> {
  return db
    .select()
    .from(rewards)
    .where(and(eq(rewards.programId, PROGRAM_ID), eq(rewards.active, true), inCatalogWindow(now), sql`not ${madeExclusive()}`))
    .orderBy(asc(rewards.position), asc(rewards.pointsCost));
}

/** How often each of these members redeemed each reward (the catalog's per-member limit counts these). */
export async function redeemedCountsOf(db: Database, memberIds: readonly string[]): Promise<Map<string, Map<string, number>>> {
  const counts = new Map<string, Map<string, number>>();
  if (memberIds.length === 0) return counts;
  const rows = await db
    .select({ memberId: coupons.memberId, rewardId: coupons.rewardId, n: count() })
    .from(coupons)
    .where(inArray(coupons.memberId, [...memberIds]))
    .groupBy(coupons.memberId, coupons.rewardId);
  for (const row of rows) {
    const member = counts.get(row.memberId) ?? new Map<string, number>();
    member.set(row.rewardId, row.n);
    counts.set(row.memberId, member);
  }
  return counts;
}

/** Each reward of the catalog with whether this member can redeem it now (a screen that knows the tier passes it). */
export function rewardOffers(config: ProgramConfig, { catalog, redeemed }: RewardCatalog, member: { balance: number; tierId: string | null | undefined }): RewardOffer[] {
  return catalog.map((reward) => {
    const redeemedCount = redeemed.get(reward.id) ?? 0;
    return { reward, redeemedCount, availability: availabilityFor(config, reward, member, redeemedCount) };
  });
}

export async function listRewardOffers(db: Database, memberId: string, now = new Date()): Promise<RewardOffer[]> {
  const config = await getProgramConfig(db);
  const [member, catalog] = await Promise.all([memberRewardState(db, config, memberId, now), getRewardCatalog(db, memberId, now)]);
  return rewardOffers(config, catalog, member ?? { balance: 0, tierId: null });
}

export async function getRewardOffer(db: Database, memberId: string, rewardId: string, now = new Date()): Promise<RewardOffer | null> {
  return (await listRewardOffers(db, memberId, now)).find((offer) => offer.reward.id === rewardId) ?? null;
}

/** The coupon an earlier request with this id made, if any (a retry or a double tap). */
export async function couponForRequest(tx: Tx, memberId: string, requestId: string): Promise<Coupon | undefined> {
  const [earlier] = await tx.select().from(coupons).where(and(eq(coupons.memberId, memberId), eq(coupons.requestId, requestId)));
  return earlier;
}

/**
 * The reward as this member may redeem it at `now`: outside its catalog dates, or kept for a
 * campaign's audience the member is not in, it is as good as switched off (active false).
 */
export async function rewardOfferedTo(tx: Tx, memberId: string, rewardId: string, now: Date): Promise<Reward | undefined> {
  const [reward] = await tx.select().from(rewards).where(and(eq(rewards.id, rewardId), eq(rewards.programId, PROGRAM_ID)));
  if (!reward) return undefined;
  const [offered] = await tx.select({ id: rewards.id }).from(rewards).where(and(eq(rewards.id, rewardId), offeredTo(memberId, now)));
  return offered ? reward : { ...reward, active: false };
}

export async function countRedeemed(tx: Tx, memberId: string, rewardId: string): Promise<number> {
  const [{ n } = { n: 0 }] = await tx.select({ n: count() }).from(coupons).where(and(eq(coupons.memberId, memberId), eq(coupons.rewardId, rewardId)));
  return n;
}

/** Writes the coupon (and marks its pool code taken); the code comes from takeCouponCode. */
export async function insertCoupon(tx: Tx, values: typeof coupons.$inferInsert, poolId: number | null): Promise<Coupon> {
  const [coupon] = await tx.insert(coupons).values(values).returning();
  if (poolId !== null) await tx.update(couponCodes).set({ couponId: coupon!.id }).where(eq(couponCodes.id, poolId));
  return coupon!;
}

/** The redemption's debit: a ledger row the balance CHECK guards, once per coupon. */
export async function debitRedemption(tx: Tx, memberId: string, rewardId: string, couponId: string, points: number, now: Date): Promise<void> {
  await tx.insert(ledgerEntries).values({ memberId, delta: -points, kind: "redeem", sourceRef: `reward:${rewardId}`, idempotencyKey: `redeem:${couponId}`, createdAt: now });
}

/**
 * A code for a coupon of `reward`, taken before anything else is written so running out refuses
 * cleanly: the next pool code if the shop supplies them, else a generated one; then a unit of
 * stock by a decrement that cannot go below zero. Null: sold out.
 */
export async function takeCouponCode(tx: Tx, reward: Reward): Promise<{ code: string; poolId: number | null } | null> {
  let code = generateCouponCode();
  let poolId: number | null = null;
  if (reward.usesCodePool) {
    const [free] = await tx
      .select({ id: couponCodes.id, code: couponCodes.code })
      .from(couponCodes)
      .where(and(eq(couponCodes.rewardId, reward.id), isNull(couponCodes.couponId)))
      .orderBy(asc(couponCodes.id))
      .limit(1)
      .for("update", { skipLocked: true });
    if (!free) return null;
    code = free.code;
    poolId = free.id;
  }
  if (reward.stock !== null) {
    const taken = await tx
      .update(rewards)
      .set({ stock: sql`${rewards.stock} - 1` })
      .where(and(eq(rewards.id, reward.id), sql`${rewards.stock} > 0`))
      .returning({ stock: rewards.stock });
    if (taken.length === 0) return null;
  }
  return { code, poolId };
}

/**
 * What the coupon is worth, frozen when it is issued (the reward may change later). A points_off
 * reward's coupon is money off of the chosen value (its smallest amount when given as a gift),
 * named by that amount so the wallet and the shop's admin say what it is worth.
 */
export function couponTermsOf(reward: Reward, currency: string, chosenCents?: number): CouponTerms {
  const pointsOff = pointsOffRules(reward);
  if (pointsOff) {
    const valueCents = chosenCents ?? pointsOff.minValueCents;
    const name = { de: `${formatMoney("de", valueCents, currency)} Rabatt`, en: `${formatMoney("en", valueCents, currency)} off` };
    return { kind: "amount_off", name, valueCents, percentOff: null, sku: null, minOrderCents: reward.minOrderCents };
  }
  return { kind: reward.kind, name: reward.name, valueCents: reward.valueCents, percentOff: reward.percentOff, sku: reward.sku, minOrderCents: reward.minOrderCents };
}

/** The program's currency as this transaction sees it (a gift's coupon is named in it). */
async function currencyOf(tx: Tx): Promise<string> {
  const [row] = await tx.select({ currency: programs.currency }).from(programs).where(eq(programs.id, PROGRAM_ID));
  return row?.currency ?? DEFAULT_CURRENCY;
}

/**
 * A coupon of `reward` as a gift (birthday, win-back): no points, valid `validDays`, once per
 * `requestId` (a rerun returns null). Null too when the reward is gone or sold out.
 */
export async function issueGiftCoupon(tx: Tx, memberId: string, rewardId: string, requestId: string, validDays: number, now: Date): Promise<Coupon | null> {
  const [earlier] = await tx.select({ id: coupons.id }).from(coupons).where(and(eq(coupons.memberId, memberId), eq(coupons.requestId, requestId)));
  if (earlier) return null;
  const [reward] = await tx.select().from(rewards).where(and(eq(rewards.id, rewardId), eq(rewards.programId, PROGRAM_ID)));
  if (!reward) return null;
  const taken = await takeCouponCode(tx, reward);
  if (!taken) return null;
  const [coupon] = await tx
    .insert(coupons)
    .values({ memberId, rewardId, code: taken.code, requestId, pointsCost: 0, terms: couponTermsOf(reward, await currencyOf(tx)), issuedAt: now, expiresAt: couponExpiry(now, validDays) })
    .onConflictDoNothing()
    .returning();
  if (!coupon) return null;
  if (taken.poolId !== null) await tx.update(couponCodes).set({ couponId: coupon.id }).where(eq(couponCodes.id, taken.poolId));
  return coupon;
}

/** The member's coupons, newest first. */
export async function listWallet(db: Database, memberId: string): Promise<Coupon[]> {
  return db.select().from(coupons).where(eq(coupons.memberId, memberId)).orderBy(desc(coupons.issuedAt));
}
