// A member's wallet cards (lib/db/schema/wallet.ts). The PassKit web service's and the push job's
// statements live beside these, added by the platforms' modules.
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Database } from "../connect";
import { walletPasses, type WalletPlatform } from "../schema";

export type WalletPassRow = typeof walletPasses.$inferSelect;

/** The member's card on that platform, made on first use with a random serial (two callers at once get the same one). */
export async function ensureWalletPass(db: Database, memberId: string, platform: WalletPlatform): Promise<WalletPassRow> {
  await db.insert(walletPasses).values({ memberId, platform, serial: randomUUID() }).onConflictDoNothing({ target: [walletPasses.memberId, walletPasses.platform] });
  const [row] = await db.select().from(walletPasses).where(and(eq(walletPasses.memberId, memberId), eq(walletPasses.platform, platform)));
  if (!row) throw new Error(`wallet pass of ${memberId} on ${platform} vanished`);
  return row;
}

/** A card by its serial (Apple's web service addresses passes by serial). */
export async function walletPassBySerial(db: Database, serial: string): Promise<WalletPassRow | null> {
  const [row] = await db.select().from(walletPasses).where(eq(walletPasses.serial, serial));
  return row ?? null;
}

/** Whether the member ever asked for a wallet card (Home stops offering one then; Profile keeps the buttons). */
export async function hasWalletPass(db: Database, memberId: string): Promise<boolean> {
  const [row] = await db.select({ id: walletPasses.id }).from(walletPasses).where(eq(walletPasses.memberId, memberId)).limit(1);
  return row !== undefined;
}
