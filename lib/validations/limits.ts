// One set of limits per field: the zod schemas check them, the console's inputs carry them as
// min/max/maxLength, and the database columns hold them (integer columns: every limit here is far
// below 2^31). A limit changes here and nowhere else.

/** Points booked by hand on one member at once (either sign). */
export const POINTS_ADJUSTMENT = { min: -1_000_000, max: 1_000_000 } as const;
/** What one redemption may cost; also the ceiling of a points_off redemption. */
export const REWARD_POINTS_COST = { min: 1, max: 1_000_000 } as const;
/** Points given with a support answer (0: none). */
export const SUPPORT_POINTS = { min: 0, max: 1_000_000 } as const;
/** Points a referrer gets for a friend's first order. */
export const REFERRER_POINTS = { min: 1, max: 100_000 } as const;
/** A reward's or discount's money value, in cents. */
export const REWARD_VALUE_CENTS = { min: 1, max: 1_000_000 } as const;
/** A minimum order value, in cents. */
export const MIN_ORDER_CENTS = { min: 0, max: 10_000_000 } as const;
/** The friend's welcome discount, in cents. */
export const FRIEND_DISCOUNT_CENTS = { min: 100, max: 100_000 } as const;
/** What one point is worth, in hundredths of a cent. */
export const POINT_VALUE_MILLI_CENTS = { min: 1, max: 100_000 } as const;
/** A percent_off reward's percentage. */
export const REWARD_PERCENT_OFF = { min: 1, max: 100 } as const;
/** A points_off reward's least and most money off per redemption, in cents. */
export const POINTS_OFF_VALUE_CENTS = { min: 1, max: 100_000_000 } as const;
/** Days an issued coupon stays valid. */
export const COUPON_VALID_DAYS = { min: 1, max: 730 } as const;
/** Coupons a reward has left (unset: unlimited). */
export const REWARD_STOCK = { min: 0, max: 10_000_000 } as const;
/** How often one member may redeem one reward (unset: no limit). */
export const PER_MEMBER_LIMIT = { min: 1, max: 1000 } as const;
/** Where a reward or task stands in its list. */
export const LIST_POSITION = { min: 0, max: 1000 } as const;
/** Points a task gives. */
export const TASK_POINTS = { min: 0, max: 100_000 } as const;
/** Qualifying spend from which a tier is reached, in cents. */
export const TIER_THRESHOLD_CENTS = { min: 0, max: 100_000_000 } as const;
/** A tier's earn multiplier in hundredths (125 = 1.25x). */
export const TIER_MULTIPLIER_PERCENT = { min: 100, max: 1000 } as const;

/** Reward codes Treue generates in one go. */
export const GENERATED_CODES = { min: 1, max: 10_000 } as const;
/** How often a challenge's task kind must be done in its period. */
export const CHALLENGE_TARGET = { min: 1, max: 100 } as const;
/** Points a completed challenge gives on top. */
export const CHALLENGE_BONUS_POINTS = { min: 0, max: 100_000 } as const;
/** How often one member may do one task, in all or per period (unset: no limit). */
export const TASK_MAX_PER_MEMBER = { min: 1, max: 1000 } as const;
/** Days a member keeps a tier after their spend fell below it. */
export const TIER_GRACE_DAYS = { min: 0, max: 730 } as const;
/** Points per full unit of currency spent. */
export const POINTS_PER_UNIT = { min: 0, max: 1000 } as const;
/** Months points stay valid. */
export const POINTS_VALID_MONTHS = { min: 1, max: 120 } as const;
/** Days before an expiry that the shopper is warned. */
export const EXPIRY_WARNING_DAYS = { min: 1, max: 90 } as const;
/** A bonus campaign's extra points, in percent of the plain rate. */
export const CAMPAIGN_BONUS_PERCENT = { min: 1, max: 1000 } as const;
/** Days a friend's first order waits for returns before the referrer is rewarded. */
export const REFERRAL_RETURN_WINDOW_DAYS = { min: 0, max: 365 } as const;
/** Days a referral link counts after the friend opened it. */
export const REFERRAL_ATTRIBUTION_DAYS = { min: 1, max: 365 } as const;
/** Rewarded referrals per referrer and month. */
export const REFERRALS_PER_MONTH = { min: 1, max: 1000 } as const;
/** Referral claims from one IP address within 7 days. */
export const REFERRAL_CLAIMS_PER_IP = { min: 1, max: 1000 } as const;
/** A journey's waiting days (before a tier's window closes, since the last order). */
export const JOURNEY_DAYS = { min: 1, max: 730 } as const;
/** A journey's expiry reminders (days before) and its gift coupon's validity. */
export const JOURNEY_SHORT_DAYS = { min: 1, max: 365 } as const;
/** A campaign segment's points balance bounds. */
export const SEGMENT_POINTS = { min: 0, max: 100_000_000 } as const;

/** Text lengths in characters. */
export const TEXT = {
  reason: { min: 3, max: 300 },
  programName: { min: 1, max: 80 },
  rewardName: { min: 1, max: 60 },
  rewardDescription: { min: 1, max: 300 },
  tierName: { min: 1, max: 40 },
  supportReply: { min: 3, max: 1000 },
  sku: { min: 1, max: 128 },
  category: { min: 1, max: 100 },
  tierPerks: { min: 1, max: 300 },
  /** One message in a support conversation (the shopper's, staff's or the assistant's). */
  conversationMessage: { min: 1, max: 4000 },
  /** An internal note or a canned answer's text. */
  cannedAnswer: { min: 1, max: 2000 },
  cannedAnswerTitle: { min: 1, max: 80 },
  /** A Twilio Content Template SID (HX + 32 hex). */
  contentSid: { min: 34, max: 34 },
} as const;

/** A short name in an address ("gutschein-5"): lower-case letters, digits and dashes, starting with a letter or digit. */
export const SLUG = { pattern: /^[a-z0-9][a-z0-9-]{0,39}$/, max: 40 } as const;

/** An in-store purchase booked at the till, in minor units of the program's currency: a till sale, not a wholesale order. */
export const TILL_AMOUNT_CENTS = { min: 1, max: 10_000_000 } as const;
