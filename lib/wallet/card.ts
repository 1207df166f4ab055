import "server-only";
// What a member's wallet card shows, gathered once for both platforms (Apple's pass.json and
// Google's loyalty object are two renderings of it). Read by the same rules as Home: the tier
// standing from the orders, the next reward from the catalog's offers, coupons by walletState.
import { eq } from "drizzle-orm";
import type { Database } from "../db/connect";
import { ensureMemberNumber } from "../db/queries/member-number";
import { getProgramConfig, getProgramFace } from "../db/queries/program";
import { getRewardCatalog, listWallet, rewardOffers } from "../db/queries/rewards";
import { getMemberStanding } from "../db/queries/tiers";
import { members } from "../db/schema";
import type { Locale } from "../i18n/config";
import { formatMemberNumber } from "../loyalty/member-number";
import { nextReward } from "../loyalty/personalisation";
import { rewardEntryCost } from "../loyalty/points-off";
import { walletState } from "../loyalty/rewards";
import { tierProgressPercent } from "../loyalty/tier-standing";

export type WalletCard = {
  memberId: string;
  /** Ten digits: what the barcode carries and what staff type at the till. */
  memberNumber: string;
  /** "1234 5678 90", as printed under the barcode. */
  memberNumberPrinted: string;
  memberName: string | null;
  locale: Locale;
  shopName: string;
  /** #rrggbb, or null for Treue's own colour. */
  brandColor: string | null;
  /** https:// address or the app's own /api/reward-images/… path; null: no logo set. */
  logoUrl: string | null;
  balance: number;
  tier: { id: string; name: string } | null;
  nextTier: { name: string; progressPercent: number; toNextCents: number } | null;
  nextReward: { id: string; name: string; missingPoints: number } | null;
  /** Coupons the member can still use, soonest to expire first. */
  coupons: { code: string; name: string; expiresAt: Date }[];
  currency: string;
};

/**
 * What a card shows once its member was erased: the shop, nothing of the member (no name, number,
 * barcode, balance or coupons). The pushers send it so the copies in the wallets lose what they held.
 */
export type ErasedWalletCard = { erased: true; locale: Locale; shopName: string; brandColor: string | null; logoUrl: string | null };

/** The card as of now; for an erased member the shop's face only; null when there is no such member. */
export async function walletCardOrErased(db: Database, memberId: string, now = new Date()): Promise<WalletCard | ErasedWalletCard | null> {
  const card = await walletCardOf(db, memberId, now);
  if (card) return card;
  const [member] = await db.select({ erasedAt: members.erasedAt }).from(members).where(eq(members.id, memberId));
  if (!member?.erasedAt) return null;
  const face = await getProgramFace(db);
  // The erasure removed the member's language too: German, the program's first language.
  return { erased: true, locale: "de", shopName: face?.branding.shopName ?? face?.name ?? "Treue", brandColor: face?.branding.primaryColor ?? null, logoUrl: face?.branding.logoUrl ?? null };
}

/** The member's card as of now, in their language (German when they never chose). */
export async function walletCardOf(db: Database, memberId: string, now = new Date()): Promise<WalletCard | null> {
  const [member] = await db
    .select({ id: members.id, name: members.name, locale: members.locale, balance: members.pointsBalance, erasedAt: members.erasedAt })
    .from(members)
    .where(eq(members.id, memberId));
  if (!member || member.erasedAt) return null;
  const locale: Locale = member.locale === "en" ? "en" : "de";
  const [number, face, config, { standing }, catalog, wallet] = await Promise.all([
    ensureMemberNumber(db, memberId),
    getProgramFace(db),
    getProgramConfig(db),
    getMemberStanding(db, memberId, now),
    getRewardCatalog(db, memberId),
    listWallet(db, memberId),
  ]);
  const offers = rewardOffers(config, catalog, { balance: member.balance, tierId: standing.tier?.id });
  const next = nextReward(
    offers.map(({ reward, availability }) => ({ id: reward.id, pointsCost: rewardEntryCost(reward), category: reward.category, open: availability.ok || availability.reason === "insufficient-points" })),
    member.balance,
    new Map(),
  );
  const nextOffer = next && offers.find((o) => o.reward.id === next.id);
  return {
    memberId,
    memberNumber: number,
    memberNumberPrinted: formatMemberNumber(number),
    memberName: member.name,
    locale,
    shopName: face?.branding.shopName ?? face?.name ?? "Treue",
    brandColor: face?.branding.primaryColor ?? null,
    logoUrl: face?.branding.logoUrl ?? null,
    balance: member.balance,
    tier: standing.tier ? { id: standing.tier.id, name: standing.tier.name[locale] } : null,
    nextTier:
      standing.next && standing.toNextCents !== null
        ? { name: standing.next.name[locale], progressPercent: tierProgressPercent(standing), toNextCents: standing.toNextCents }
        : null,
    nextReward: next && nextOffer ? { id: next.id, name: nextOffer.reward.name[locale], missingPoints: next.missingPoints } : null,
    coupons: wallet
      .filter((c) => walletState(c, now) === "active")
      .sort((a, b) => a.expiresAt.getTime() - b.expiresAt.getTime())
      .map((c) => ({ code: c.code, name: c.terms.name[locale], expiresAt: c.expiresAt })),
    currency: config.currency,
  };
}
