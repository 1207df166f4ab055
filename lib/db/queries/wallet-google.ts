// Google Wallet's statements about a member's card (lib/db/schema/wallet.ts), beside the shared
// ones in wallet-passes.ts.
import { and, eq, isNull, lt, or } from "drizzle-orm";
import type { Database } from "../connect";
import { walletPasses } from "../schema";

/**
 * A save link was made with the card as of `changedAt` (the row's changed_at read before the
 * card's content): that content needs no push, and the shopper may hold the card again, so a
 * "gone" from before no longer holds. A change after `changedAt` stays due.
 */
export async function markGoogleSaveLinkIssued(db: Database, passId: string, changedAt: Date): Promise<void> {
  await db.update(walletPasses).set({ goneAt: null }).where(eq(walletPasses.id, passId));
  await db
    .update(walletPasses)
    .set({ pushedAt: changedAt })
    .where(and(eq(walletPasses.id, passId), or(isNull(walletPasses.pushedAt), lt(walletPasses.pushedAt, changedAt))));
}
