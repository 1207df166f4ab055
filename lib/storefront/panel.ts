// What the launcher's panel on the shop's pages shows: for a guest, how the program works and what
// it gives; for a member, the same figures as the app's Home (balance, tier and the way to the
// next, the reward within reach), what they can redeem, their referral link and open tasks.
// Composed from the queries and rules the app itself uses; texts come in the page's language.
import "server-only";
import type { Database } from "../db";
import { getMemberSummary } from "../db/queries/members";
import { getShoppingProfile } from "../db/queries/personalisation";
import { getProgramConfig } from "../db/queries/program";
import { ensureReferralCode } from "../db/queries/referrals";
import { getPublicCatalog, getRewardCatalog, rewardOffers, type Reward } from "../db/queries/rewards";
import { getPublicTasks, getStorefrontBrand, getStorefrontPricing } from "../db/queries/storefront";
import { listTaskOffers } from "../db/queries/tasks";
import { getMemberStanding } from "../db/queries/tiers";
import { formatMoney } from "../i18n/money";
import { categoryAffinity, nextReward } from "../loyalty/personalisation";
import { rewardEntryCost } from "../loyalty/points-off";
import { tierProgressPercent } from "../loyalty/tier-standing";

type Lang = "de" | "en";

export type PanelReward = { id: string; name: string; description: string; points_cost: number; redeemable: boolean; missing_points: number; in_app_only: boolean };

/** Rewards a shopper can take from the panel: every kind but the one whose amount is chosen on a slider in the app. */
function panelReward(reward: Reward, lang: Lang, state: { redeemable: boolean; missingPoints: number }): PanelReward {
  return {
    id: reward.id,
    name: reward.name[lang],
    description: reward.description[lang],
    points_cost: rewardEntryCost(reward),
    redeemable: state.redeemable && reward.kind !== "points_off",
    missing_points: state.missingPoints,
    in_app_only: reward.kind === "points_off",
  };
}

async function shopFace(db: Database, base: string) {
  const brand = await getStorefrontBrand(db);
  return brand && { name: brand.name, color: brand.color, logo_url: brand.logoUrl && new URL(brand.logoUrl, base).href };
}

/** The panel for someone Treue cannot name: the program in brief and the way in. `customer`: the shop vouched for them ("join" makes the member at once). */
export async function guestPanel(db: Database, lang: Lang, base: string, customer: boolean, now = new Date()) {
  const [shop, pricing, catalog, tasks] = await Promise.all([shopFace(db, base), getStorefrontPricing(db, now), getPublicCatalog(db, now), getPublicTasks(db)]);
  if (!shop || !pricing) return null;
  return {
    kind: customer ? ("customer" as const) : ("guest" as const),
    shop,
    earn: { points_per_unit: pricing.earnRule.pointsPerUnit, unit: formatMoney(lang, 100, pricing.currency) },
    rewards: catalog.slice(0, 4).map((reward) => panelReward(reward, lang, { redeemable: false, missingPoints: 0 })),
    tasks: tasks.slice(0, 4).map((task) => ({ title: task.title[lang], points: task.points })),
    join_url: `${base}/login`,
    app_url: `${base}/`,
  };
}

/** The panel for a member: Home's figures, the rewards they can take, their link and open tasks. */
export async function memberPanel(db: Database, memberId: string, lang: Lang, base: string, now = new Date()) {
  const [shop, member, config] = await Promise.all([shopFace(db, base), getMemberSummary(db, memberId), getProgramConfig(db)]);
  if (!shop || !member) return null;
  const currency = config.currency;
  const [{ standing }, catalog, profile, tasks, code] = await Promise.all([
    getMemberStanding(db, memberId, now),
    getRewardCatalog(db, memberId, now),
    getShoppingProfile(db, memberId),
    listTaskOffers(db, memberId, now),
    config.referralRule.enabled ? ensureReferralCode(db, memberId) : Promise.resolve(null),
  ]);
  // As Home decides it: the tier standing says which rewards are open, the categories bought which fits.
  const offers = rewardOffers(config, catalog, { balance: member.pointsBalance, tierId: standing.tier?.id });
  const next = nextReward(
    offers.map(({ reward, availability }) => ({ id: reward.id, pointsCost: rewardEntryCost(reward), category: reward.category, open: availability.ok || availability.reason === "insufficient-points" })),
    member.pointsBalance,
    categoryAffinity(profile.categories),
  );
  const shown = offers.filter(({ availability }) => availability.ok || availability.reason === "insufficient-points");
  const open = tasks.filter((offer) => offer.availability.ok);
  return {
    kind: "member" as const,
    shop,
    member: {
      first_name: member.name?.split(" ")[0] ?? null,
      balance: member.pointsBalance,
      tier: standing.tier ? { name: standing.tier.name[lang] } : null,
      next_tier: standing.next && standing.toNextCents !== null ? { name: standing.next.name[lang], missing: formatMoney(lang, standing.toNextCents, currency), progress: tierProgressPercent(standing) } : null,
    },
    next_reward: next && {
      ...panelReward(shown.find((o) => o.reward.id === next.id)!.reward, lang, { redeemable: next.affordable, missingPoints: next.missingPoints }),
    },
    rewards: shown.slice(0, 6).map(({ reward, availability }) =>
      panelReward(reward, lang, { redeemable: availability.ok, missingPoints: availability.ok ? 0 : availability.reason === "insufficient-points" ? availability.missingPoints : 0 }),
    ),
    referral: code ? { url: `${base}/r/${code}`, points: config.referralRule.referrerPoints } : null,
    tasks: open.slice(0, 3).map((offer) => ({ title: offer.task.title[lang], points: offer.task.points })),
    open_tasks: open.length,
    app_url: `${base}/`,
  };
}

export type GuestPanel = NonNullable<Awaited<ReturnType<typeof guestPanel>>>;
export type MemberPanel = NonNullable<Awaited<ReturnType<typeof memberPanel>>>;
