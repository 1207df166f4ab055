import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { ActivityList } from "@/components/home/activity-list";
import { MemberCardLink } from "@/components/member-card/member-card";
import { BalanceCard } from "@/components/home/balance-card";
import { TierCelebration } from "@/components/tiers/tier-celebration";
import { TierProgressCard } from "@/components/tiers/tier-progress-card";
import { requireMember } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { CampaignBanner } from "@/components/home/campaign-banner";
import { getExpiryOutlook } from "@/lib/db/queries/expiry";
import { campaignsAt } from "@/lib/loyalty/earn-rule";
import { getMemberState, getMemberSummary, getRecentLedgerEntries } from "@/lib/db/queries/members";
import { LiveRefresh } from "@/components/live/live-refresh";
import { getReferralStats } from "@/lib/db/queries/referrals";
import { settleDueReferrals } from "@/lib/server/referrals";
import { now as clockNow } from "@/lib/clock";
import { getProgramConfig } from "@/lib/db/queries/program";
import { getMemberStanding } from "@/lib/db/queries/tiers";
import type { Locale } from "@/lib/i18n/config";
import { tierChange } from "@/lib/loyalty/tier-standing";
import { AsOf } from "@/components/pwa/as-of";
import { NextRewardCard } from "@/components/home/next-reward-card";
import { ReviewPrompt } from "@/components/home/review-prompt";
import { getShoppingProfile } from "@/lib/db/queries/personalisation";
import { getRewardCatalog, rewardOffers } from "@/lib/db/queries/rewards";
import { env } from "@/lib/env";
import { localDate, weekStartIn } from "@/lib/loyalty/calendar";
import { birthdayInWeek, categoryAffinity, nextReward } from "@/lib/loyalty/personalisation";
import { rewardEntryCost } from "@/lib/loyalty/points-off";
import { currencyUnitName } from "@/lib/i18n/money";
import { AddToWallet } from "@/components/wallet-pass/add-to-wallet";
import { Card } from "@/components/ui/card";
import { hasWalletPass } from "@/lib/db/queries/wallet-passes";
import { walletLinks } from "@/lib/wallet/links";

export default async function HomePage() {
  const signedIn = await requireMember();
  const db = await getDb();
  // Referral points whose return window has passed are credited as soon as their owner looks.
  const settled = await settleDueReferrals(db, clockNow(), signedIn.id);
  const member = settled > 0 ? ((await getMemberSummary(db, signedIn.id)) ?? signedIn) : signedIn;
  const config = await getProgramConfig(db);
  const rule = config.earnRule;
  const timeZone = env().timezone;
  const wallet = walletLinks();
  const offerWallet = (wallet.apple !== null || wallet.google !== null) && !(await hasWalletPass(db, member.id));
  const [t, tTiers, tWallet, format, locale, entries, expiry, { standing, tiers }, referralStats, live, profile, catalog] = await Promise.all([
    getTranslations("home"),
    getTranslations("tiers"),
    getTranslations("walletPass"),
    getFormatter(),
    getLocale() as Promise<Locale>,
    getRecentLedgerEntries(db, member.id, 5),
    getExpiryOutlook(db, member.id, rule, clockNow()),
    getMemberStanding(db, member.id),
    getReferralStats(db, member.id),
    getMemberState(db, member.id),
    getShoppingProfile(db, member.id),
    getRewardCatalog(db, member.id),
  ]);
  // The tier standing above decides which rewards are open: the catalog is not asked to work it out again.
  const offers = rewardOffers(config, catalog, { balance: member.pointsBalance, tierId: standing.tier?.id });
  // What fits this shopper: the reward in the categories they buy, the products they could review.
  const affinity = categoryAffinity(profile.categories);
  const next = nextReward(
    offers.map(({ reward, availability }) => ({ id: reward.id, pointsCost: rewardEntryCost(reward), category: reward.category, open: availability.ok || availability.reason === "insufficient-points" })),
    member.pointsBalance,
    affinity,
  );
  const nextOffer = next && offers.find((o) => o.reward.id === next.id);
  const birthdayWeek = birthdayInWeek(profile.birthday, localDate(weekStartIn(clockNow(), timeZone), timeZone));
  // Celebrate a tier above the base one that the shopper has not been congratulated on yet.
  const celebrate =
    standing.tier && standing.tier.thresholdCents > 0 && tierChange(tiers, member.tierCelebratedId, standing.tier.id) === "up" ? standing.tier : null;
  const now = new Date();
  const firstName = member.name?.split(" ")[0];
  return (
    <div className="space-y-5 md:space-y-6">
      <h1 className="text-2xl font-bold tracking-tight md:text-3xl">
        {firstName ? t("greeting", { name: firstName }) : t("greetingAnonymous")}
      </h1>
      <AsOf />
      {!member.name && (
        <p className="rounded-2xl bg-gold-300/40 px-4 py-3 text-sm text-stone-900">
          <a href="/profile" className="font-medium underline underline-offset-2">
            {t("addName")}
          </a>
        </p>
      )}
      {celebrate && (
        <TierCelebration
          tierId={celebrate.id}
          title={tTiers("celebrate", { tier: celebrate.name[locale] })}
          body={tTiers("celebrateBody", { factor: format.number(celebrate.multiplierPercent / 100, { maximumFractionDigits: 2 }), currency: currencyUnitName(locale, config.currency) })}
          close={tTiers("celebrateClose")}
        />
      )}
      <CampaignBanner campaigns={campaignsAt(rule, now)} />
      {live && <LiveRefresh initial={live} initialAt={now.getTime()} />}
      <BalanceCard points={member.pointsBalance} live={live ?? { balance: member.pointsBalance, debt: member.pointsDebt, version: "" }} pending={referralStats.pointsPending} debt={member.pointsDebt} expiry={expiry} warnDays={rule.expiryWarningDays} now={now} />
      {birthdayWeek && (
        <p className="rounded-2xl bg-gold-300/50 px-4 py-3 text-sm font-medium text-stone-900" data-testid="birthday-banner">
          🎂 {t("birthday")}
        </p>
      )}
      {nextOffer && next && <NextRewardCard reward={nextOffer.reward} next={next} balance={member.pointsBalance} />}
      <TierProgressCard standing={standing} currency={config.currency} />
      <MemberCardLink />
      {offerWallet && (
        <Card aria-labelledby="wallet-offer-title" className="space-y-3">
          <h2 id="wallet-offer-title" className="text-base font-semibold">
            {tWallet("offerTitle")}
          </h2>
          <AddToWallet links={wallet} labels={{ apple: tWallet("addApple"), google: tWallet("addGoogle"), hint: tWallet("hint") }} />
        </Card>
      )}
      {profile.reviewTask && profile.toReview.length > 0 && <ReviewPrompt taskId={profile.reviewTask.id} products={profile.toReview} points={profile.reviewTask.points} />}
      <ActivityList entries={entries} moreHref="/history" />
    </div>
  );
}
