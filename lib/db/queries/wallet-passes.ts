// A member's wallet cards (lib/db/schema/wallet.ts). The PassKit web service's and the push job's
// statements live beside these, added by the platforms' modules.
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
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

/**
 * A card's version: its `changed_at` in whole microseconds, as text. Exact where a JavaScript Date
 * (milliseconds) is not, so a compare-and-set on it cannot mistake one change for another; it is
 * also the tag Apple's devices send back (`passesUpdatedSince`).
 */
export const passVersion = sql<string>`((extract(epoch from ${walletPasses.changedAt}) * 1000000)::bigint)::text`;

/** How long one push may hold a card before another worker may take it again. */
export const WALLET_PUSH_LEASE_MS = 5 * 60_000;

export type ClaimedWalletPass = { id: string; memberId: string; platform: WalletPlatform; serial: string; changedAt: Date; version: string };

/**
 * Takes up to `limit` cards whose content changed since their last push (or was never pushed), on
 * the given platforms, and leases them to the caller until `now` + the lease: other workers skip
 * them (SKIP LOCKED while the claim runs, the lease after it).
 */
export async function claimDueWalletPasses(db: Database, now: Date, platforms: WalletPlatform[], limit: number): Promise<ClaimedWalletPass[]> {
  if (platforms.length === 0) return [];
  const { rows } = (await db.execute(sql`
    update wallet_passes p set locked_until = ${new Date(now.getTime() + WALLET_PUSH_LEASE_MS)}
    from (
      select id from wallet_passes
      -- A card nothing held (gone: no device, never saved in Google) is settled like a pushed one,
      -- so it is tried again when it changes again.
      where (pushed_at is null or changed_at > pushed_at)
        and (locked_until is null or locked_until < ${now})
        and platform in (${sql.join(platforms.map((p) => sql`${p}`), sql`, `)})
      order by changed_at
      limit ${limit}
      for update skip locked
    ) due
    where p.id = due.id
    returning p.id, p.member_id, p.platform, p.serial, p.changed_at, ((extract(epoch from p.changed_at) * 1000000)::bigint)::text as version`)) as unknown as { rows: Record<string, unknown>[] };
  return rows.map((r) => ({
    id: r.id as string,
    memberId: r.member_id as string,
    platform: r.platform as WalletPlatform,
    serial: r.serial as string,
    changedAt: new Date(r.changed_at as string),
    version: String(r.version),
  }));
}

/**
 * What a push came to. "pushed" and "gone" mark the card pushed as of the version that was
 * pushed, only if it is still the card's version (a change during the push leaves it due);
 * "gone" also marks that nothing holds the card. "retry" keeps the lease until `retryAt`.
 */
export async function settleWalletPush(db: Database, id: string, version: string, outcome: "pushed" | "gone" | { retryAt: Date }, now: Date): Promise<"settled" | "changed-meanwhile" | "retry"> {
  if (typeof outcome === "object") {
    await db.update(walletPasses).set({ lockedUntil: outcome.retryAt }).where(eq(walletPasses.id, id));
    return "retry";
  }
  const settled = await db
    .update(walletPasses)
    .set({ pushedAt: sql`${walletPasses.changedAt}`, lockedUntil: null, ...(outcome === "gone" ? { goneAt: now } : {}) })
    .where(and(eq(walletPasses.id, id), sql`${passVersion} = ${version}`))
    .returning({ id: walletPasses.id });
  if (settled.length > 0) return "settled";
  await db.update(walletPasses).set({ lockedUntil: null }).where(eq(walletPasses.id, id));
  return "changed-meanwhile";
}

/** A card by serial with its version and the database's clock now (Last-Modified is judged by one clock). */
export async function walletPassVersion(db: Database, serial: string): Promise<(WalletPassRow & { version: string; databaseNow: Date }) | null> {
  const [row] = await db
    .select({ pass: walletPasses, version: passVersion, databaseNow: sql<string>`clock_timestamp()` })
    .from(walletPasses)
    .where(eq(walletPasses.serial, serial));
  return row ? { ...row.pass, version: String(row.version), databaseNow: new Date(row.databaseNow) } : null;
}
