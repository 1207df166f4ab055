// The journeys that decide per member: the ones that give something (birthday, win-back: a gift
// coupon and its message, in one transaction per member), "you can now afford X" (the catalog's
// rule picks the reward) and "your tier is at risk" (the tier rule says what keeps it). The
// journeys that are one statement each are lib/db/queries/journeys.ts.
import "server-only";
import { TZDate } from "@date-fns/tz";
import { isLeapYear } from "date-fns";
import type { Database } from "../../db/connect";
import {
  birthdayMembers,
  enqueueRewardAvailableFor,
  enqueueTierAtRiskFor,
  lapsedMembers,
  membersWithTierEndingBy,
  recentEarners,
  rewardsAnnouncedTo,
} from "../../db/queries/journeys";
import { enqueueNotification, type NewNotification } from "../../db/queries/notifications";
import { getProgramConfig } from "../../db/queries/program";
import { getPublicCatalog, issueGiftCoupon, redeemedCountsOf, rewardOffers, type Coupon } from "../../db/queries/rewards";
import { getMemberStanding } from "../../db/queries/tiers";
import { env } from "../../env";
import { JOURNEY_MESSAGES, type JourneySettings } from "../../loyalty/journeys";
import { afterQuietHours } from "../../loyalty/messaging";
import { rewardEntryCost } from "../../loyalty/points-off";

/** A gift coupon of the journey's reward and its message, or neither; 1 when given. */
async function giveGift(db: Database, journey: "birthday" | "win_back", memberId: string, settings: JourneySettings, requestId: string, validDays: number, now: Date): Promise<number> {
  return db.transaction(async (tx) => {
    const coupon = await issueGiftCoupon(tx, memberId, settings.rewardId!, requestId, validDays, now);
    if (!coupon) return 0;
    await enqueueNotification(tx, giftMessage(journey, memberId, coupon, requestId, now));
    return 1;
  });
}

/**
 * Birthday: a gift coupon (no points) to every enrolled member whose birthday is today in the
 * program's time zone (29 February counts on the 28th in other years), and a greeting on their
 * channel. One per member and year, in one transaction each: coupon and greeting or neither.
 */
export async function sendBirthdayGifts(db: Database, now: Date, settings: JourneySettings): Promise<number> {
  if (!settings.rewardId) return 0;
  const local = new TZDate(now.getTime(), env().timezone);
  const days = [[local.getMonth() + 1, local.getDate()]];
  if (local.getMonth() === 1 && local.getDate() === 28 && !isLeapYear(local)) days.push([2, 29]);
  const key = `birthday:${local.getFullYear()}`;
  let given = 0;
  for (const id of await birthdayMembers(db, days, key)) given += await giveGift(db, "birthday", id, settings, key, settings.validDays ?? 30, now);
  return given;
}

/**
 * Win-back: members whose last order is N days old (lapsed within the last 30 days, so turning
 * the journey on does not reach every customer who ever left) get an offer coupon that expires,
 * one per lapse, only where a message can reach them (channel, consent, weekly cap).
 */
export async function sendWinBackOffers(db: Database, now: Date, settings: JourneySettings): Promise<number> {
  if (!settings.rewardId) return 0;
  const lapsedBefore = new Date(now.getTime() - (settings.days ?? 90) * 86_400_000);
  let offered = 0;
  for (const { id, lastOrder } of await lapsedMembers(db, lapsedBefore, now)) offered += await giveGift(db, "win_back", id, settings, `win-back:${lastOrder}`, settings.validDays ?? 14, now);
  return offered;
}

function giftMessage(key: "birthday" | "win_back", memberId: string, coupon: Coupon, dedupeKey: string, now: Date): NewNotification {
  return {
    memberId,
    ...JOURNEY_MESSAGES[key],
    params: { reward_de: coupon.terms.name.de, reward_en: coupon.terms.name.en, code: coupon.code, expiresAt: coupon.expiresAt.toISOString() },
    url: "/wallet",
    dedupeKey,
    at: now,
    dueAt: afterQuietHours(now, env().timezone),
    channels: "push-or-email",
    source: `journey:${key}`,
  };
}

/**
 * "You can now afford X": the dearest reward a member who earned points in the last day can
 * redeem now and was never told about. Which rewards a member can redeem is the catalog's rule
 * (lib/loyalty/rewards.ts through rewardOffers: stock, the per-member limit, the tier, the
 * entry cost of a points_off reward), not a copy of it in SQL.
 */
export async function enqueueRewardAvailable(db: Database, now: Date): Promise<number> {
  const earners = await recentEarners(db, now);
  if (earners.length === 0) return 0;
  const ids = earners.map((e) => e.id);
  const [config, catalog, redeemed, told] = await Promise.all([getProgramConfig(db), getPublicCatalog(db, now), redeemedCountsOf(db, ids), rewardsAnnouncedTo(db, ids)]);
  const picks = earners.flatMap((member) => {
    const offers = rewardOffers(config, { catalog, redeemed: redeemed.get(member.id) ?? new Map() }, member);
    const open = offers.filter((o) => o.availability.ok && !told.get(member.id)?.has(o.reward.id));
    const dearest = open.sort((a, b) => rewardEntryCost(b.reward) - rewardEntryCost(a.reward))[0];
    return dearest ? [{ memberId: member.id, reward: dearest.reward }] : [];
  });
  return enqueueRewardAvailableFor(db, picks, now);
}

/**
 * Tier at risk: members whose status is only held by grace and runs out within N days, told
 * what spend keeps it, once per status and date.
 */
export async function enqueueTierAtRisk(db: Database, now: Date, settings: JourneySettings): Promise<number> {
  const horizon = new Date(now.getTime() + (settings.days ?? 30) * 86_400_000);
  const candidates = await membersWithTierEndingBy(db, now, horizon);
  let queued = 0;
  // The spend that keeps the tier is money: it travels with its currency, as amounts are kept.
  const { currency } = await getProgramConfig(db);
  for (const id of candidates) {
    const { standing } = await getMemberStanding(db, id, now);
    if (!standing.tier || standing.toKeepCents === null || !standing.keptUntil || standing.keptUntil > horizon) continue;
    queued += await enqueueTierAtRiskFor(db, id, { tier: standing.tier, keptUntil: standing.keptUntil, toKeepCents: standing.toKeepCents, currency }, now);
  }
  return queued;
}
