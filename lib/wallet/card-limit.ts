import "server-only";
// How often a shopper may fetch their wallet card (the Apple .pkpass, the Google save link): each
// one builds and signs the card (and calls Google), so a script gets no further than a few.
// Counted per member and per client address, in the database like the app's other limits.
import type { Database } from "../db/connect";
import { hitRateLimit } from "../db/queries/rate-limits";

/** Per ten minutes: a shopper adds a card once and perhaps retries; a shop's customers may share an address. */
export const WALLET_CARD_LIMITS = {
  perMember: { limit: 20, windowSeconds: 600 },
  perAddress: { limit: 120, windowSeconds: 600 },
} as const;

export const walletCardLimitKeys = (memberId: string, address: string) => ({ member: `wallet-card:member:${memberId}`, address: `wallet-card:ip:${address}` });

/** null: go ahead; else how many seconds to wait. */
export async function walletCardWait(db: Database, memberId: string, address: string, now = new Date()): Promise<number | null> {
  const keys = walletCardLimitKeys(memberId, address);
  const byMember = await hitRateLimit(db, keys.member, { ...WALLET_CARD_LIMITS.perMember, now });
  const byAddress = await hitRateLimit(db, keys.address, { ...WALLET_CARD_LIMITS.perAddress, now });
  const limited = [byMember, byAddress].filter((d) => !d.allowed);
  return limited.length > 0 ? Math.max(...limited.map((d) => d.retryAfterSeconds)) : null;
}
