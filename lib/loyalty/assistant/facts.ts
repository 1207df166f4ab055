// What the assistant knows about the one shopper it answers: gathered by a service from the same
// reads as the app's screens (the standing as on Home and Dein Status, the catalog's offers, the
// wallet, open tasks, the invite stats, recent orders) and handed in whole, so answering is pure.
import type { OrderLine } from "../earn-rule";
import type { CreditRules, CreditTier } from "../order-credit";
import type { Affinity } from "../personalisation";
import type { ReferralStats } from "../referrals";
import type { Availability } from "../rewards";
import type { TierStanding } from "../tier-standing";

/** A name the shop gave in both languages. */
export type LocalizedName = { de: string; en: string };

export type AssistantTier = CreditTier & { name: LocalizedName };

/** As Home tells it (lib/db/queries/expiry.ts getExpiryOutlook): the whole balance, or the oldest points. */
export type ExpiryFact = { mode: "inactivity"; at: Date } | { mode: "per-earning"; at: Date; points: number };

export type RewardFact = {
  id: string;
  name: LocalizedName;
  category: string | null;
  /** What redeeming it takes at least (rewardEntryCost: a points_off reward's smallest step). */
  pointsCost: number;
  /** For this member now, from rewardOffers. */
  availability: Availability;
};

/** A coupon in the wallet, with what walletState needs. */
export type CouponFact = { code: string; name: LocalizedName; usedAt: Date | null; expiresAt: Date; shopStatus: string | null };

/** A task the member can do now (not done, not blocked), and what it pays. */
export type TaskFact = { id: string; name: LocalizedName; points: number };

/** A paid order as recorded: `orderId` is the shop's order number the shopper knows. */
export type OrderFact = {
  orderId: string;
  paidAt: Date;
  subtotalCents: number;
  items: readonly OrderLine[];
  pointsEarned: number;
  refundedCents: number;
  pointsClawedBack: number;
};

export type ShopperFacts = {
  /** The moment the facts were read; every "until" and "expires" is judged against it. */
  now: Date;
  /** The program's time zone: dates are told in it. */
  timeZone: string;
  /** The program's currency (ISO 4217): amounts are told in it. */
  currency: string;
  memberName: string | null;
  balance: number;
  /** The rules an order is credited by (lib/loyalty/order-credit.ts): earn rule per moment, tier rule, tiers. */
  rules: CreditRules<AssistantTier>;
  /** The member's standing now (tierStanding over their orders), as Dein Status shows it. */
  standing: TierStanding<AssistantTier>;
  /** The catalog as offered to this member, in the catalog's order. */
  rewards: readonly RewardFact[];
  /** Items bought per category (categoryAffinity): which next reward fits them. Empty: none known. */
  affinity: Affinity;
  expiry: ExpiryFact | null;
  coupons: readonly CouponFact[];
  openTasks: readonly TaskFact[];
  referral: { enabled: boolean; referrerPoints: number; stats: ReferralStats };
  /**
   * The member's most recent paid orders, newest first, and the order the message names when it is
   * theirs but older (understand() tells its number first): an order missing here is "not found".
   */
  recentOrders: readonly OrderFact[];
};
