// A member's wallet cards (lib/db/schema/wallet.ts). The PassKit web service's and the push job's
// statements live beside these, added by the platforms' modules.
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { Database, Tx } from "../connect";
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

/** `locked_until` in whole microseconds, as text: the lease's token, compared exactly (a Date would round it). */
const leaseToken = sql<string>`((extract(epoch from ${walletPasses.lockedUntil}) * 1000000)::bigint)::text`;

/**
 * A claimed card. `lease` is the `locked_until` this claim set (in microseconds, as text): the
 * worker still holds the card only while the row still says exactly that.
 */
export type ClaimedWalletPass = { id: string; memberId: string; platform: WalletPlatform; serial: string; changedAt: Date; version: string; lease: string };

/**
 * Takes up to `limit` cards whose content changed since their last push (or was never pushed), on
 * the given platforms, and leases them to the caller: other workers skip them (SKIP LOCKED while
 * the claim runs, the lease after it). The lease runs from the database's clock at the claim, not
 * from the job's `now` (a long run's `now` is minutes old by its last batch, and a lease counted
 * from it could end while the push is still under way). `now` only decides which leases ended.
 */
export async function claimDueWalletPasses(db: Database, now: Date, platforms: WalletPlatform[], limit: number): Promise<ClaimedWalletPass[]> {
  if (platforms.length === 0) return [];
  const { rows } = (await db.execute(sql`
    update wallet_passes p set locked_until = clock_timestamp() + ${`${WALLET_PUSH_LEASE_MS} milliseconds`}::interval
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
    returning p.id, p.member_id, p.platform, p.serial, p.changed_at,
      ((extract(epoch from p.changed_at) * 1000000)::bigint)::text as version,
      ((extract(epoch from p.locked_until) * 1000000)::bigint)::text as lease`)) as unknown as { rows: Record<string, unknown>[] };
  return rows.map((r) => ({
    id: r.id as string,
    memberId: r.member_id as string,
    platform: r.platform as WalletPlatform,
    serial: r.serial as string,
    changedAt: new Date(r.changed_at as string),
    version: String(r.version),
    lease: String(r.lease),
  }));
}

export type SettleResult = "settled" | "changed-meanwhile" | "retry" | "lease-lost";

/**
 * What a push came to, written only while the caller still holds its lease (`locked_until` is
 * still exactly the one its claim set): a worker whose lease ran out and whose card another
 * worker took writes nothing ("lease-lost"). "pushed" and "gone" mark the card pushed as of the
 * version that was pushed, only if it is still the card's version (a change during the push
 * leaves it due); "gone" also marks that nothing holds the card. "retry" keeps the lease until `retryAt`.
 */
export async function settleWalletPush(db: Database, id: string, claim: { version: string; lease: string }, outcome: "pushed" | "gone" | { retryAt: Date }, now: Date): Promise<SettleResult> {
  const held = and(eq(walletPasses.id, id), sql`${leaseToken} = ${claim.lease}`);
  if (typeof outcome === "object") {
    const kept = await db.update(walletPasses).set({ lockedUntil: outcome.retryAt }).where(held).returning({ id: walletPasses.id });
    return kept.length > 0 ? "retry" : "lease-lost";
  }
  const settled = await db
    .update(walletPasses)
    .set({ pushedAt: sql`${walletPasses.changedAt}`, lockedUntil: null, ...(outcome === "gone" ? { goneAt: now } : {}) })
    .where(and(held, sql`${passVersion} = ${claim.version}`))
    .returning({ id: walletPasses.id });
  if (settled.length > 0) return "settled";
  const released = await db.update(walletPasses).set({ lockedUntil: null }).where(held).returning({ id: walletPasses.id });
  return released.length > 0 ? "changed-meanwhile" : "lease-lost";
}

/**
 * Marks every card of the member changed (in the caller's transaction): the erasure does, so the
 * wallet job tells each wallet that holds one, and the card it then fetches has no personal data left.
 */
export async function markMemberWalletPassesChanged(db: Database | Tx, memberId: string): Promise<void> {
  await db
    .update(walletPasses)
    .set({ changedAt: sql`greatest(clock_timestamp(), ${walletPasses.changedAt} + interval '1 microsecond')` })
    .where(eq(walletPasses.memberId, memberId));
}

/** A card by serial with its version and the database's clock now (Last-Modified is judged by one clock). */
export async function walletPassVersion(db: Database, serial: string): Promise<(WalletPassRow & { version: string; databaseNow: Date }) | null> {
  const [row] = await db
    .select({ pass: walletPasses, version: passVersion, databaseNow: sql<string>`clock_timestamp()` })
    .from(walletPasses)
    .where(eq(walletPasses.serial, serial));
  return row ? { ...row.pass, version: String(row.version), databaseNow: new Date(row.databaseNow) } : null;
}
