import "server-only";
// Everything the assistant may know about one shopper, read like the app's screens read it (Home's
// standing, expiry and next reward, the catalog's offers, the wallet, the tasks page, the invite
// stats), so its answers never disagree with what the shopper sees.
import type { Database } from "../../db/connect";
import { recentOrderFacts } from "../../db/queries/assistant";
import { getExpiryOutlook } from "../../db/queries/expiry";
import { getMemberSummary } from "../../db/queries/members";
import { getShoppingProfile } from "../../db/queries/personalisation";
import { earnRuleAt, getProgramConfig } from "../../db/queries/program";
import { getReferralStats } from "../../db/queries/referrals";
import { getRewardCatalog, listWallet, rewardOffers } from "../../db/queries/rewards";
import { listTaskOffers } from "../../db/queries/tasks/offers";
import { getMemberStanding } from "../../db/queries/tiers";
import { env } from "../../env";
import type { ShopperFacts } from "../../loyalty/assistant/facts";
import { categoryAffinity } from "../../loyalty/personalisation";
import { rewardEntryCost } from "../../loyalty/points-off";

/** The shopper's facts now; null for a member that does not exist (or was erased). */
export async function shopperFacts(db: Database, memberId: string, now: Date): Promise<ShopperFacts | null> {
  const member = await getMemberSummary(db, memberId);
  if (!member) return null;
  const config = await getProgramConfig(db);
  const [{ standing }, catalog, profile, expiry, wallet, tasks, referralStats, recentOrders] = await Promise.all([
    getMemberStanding(db, memberId, now),
    getRewardCatalog(db, memberId, now),
    getShoppingProfile(db, memberId),
    getExpiryOutlook(db, memberId, config.earnRule, now),
    listWallet(db, memberId),
    listTaskOffers(db, memberId, now),
    getReferralStats(db, memberId),
    recentOrderFacts(db, memberId),
  ]);
  const offers = rewardOffers(config, catalog, { balance: member.pointsBalance, tierId: standing.tier?.id });
  return {
    now,
    timeZone: env().timezone,
    currency: config.currency,
    memberName: member.name,
    balance: member.pointsBalance,
    rules: { ruleAt: (at) => earnRuleAt(config, at), tierRule: config.tierRule, tiers: config.tiers },
    standing,
    rewards: offers.map(({ reward, availability }) => ({ id: reward.id, name: reward.name, category: reward.category, pointsCost: rewardEntryCost(reward), availability })),
    affinity: categoryAffinity(profile.categories),
    expiry,
    coupons: wallet.map((c) => ({ code: c.code, name: c.terms.name, usedAt: c.usedAt, expiresAt: c.expiresAt, shopStatus: c.shopStatus })),
    openTasks: tasks.filter((t) => t.availability.ok).map((t) => ({ id: t.task.id, name: t.task.title, points: t.task.points })),
    referral: { enabled: config.referralRule.enabled, referrerPoints: config.referralRule.referrerPoints, stats: referralStats },
    recentOrders,
  };
}
