import "server-only";
import { and, asc, eq, gt, inArray, lt, max, sql } from "drizzle-orm";
import type { EarnRule } from "../../loyalty/earn-rule";
import { ACTIVITY_KINDS, DEFAULT_VALID_MONTHS, expiresAt, expiryCutoff } from "../../loyalty/expiry";
import { expiredPoints, nextExpiry, type LedgerMovement } from "../../loyalty/expiry-lots";
import { env } from "../../env";
import type { Database, Tx } from "../connect";
import type { ProgramConfig } from "./program";
import { ledgerEntries, members } from "../schema";

export async function getLastActivity(db: Database, memberId: string): Promise<Date | null> {
  const [row] = await db
    .select({ last: max(ledgerEntries.createdAt) })
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.memberId, memberId), inArray(ledgerEntries.kind, [...ACTIVITY_KINDS])));
  return row?.last ? new Date(row.last) : null;
}

/**
 * Writes an `expire` row for every member whose points have gone unused past the validity
 * period. Safe with several app instances running it at once: each member is handled in its
 * own transaction under FOR UPDATE SKIP LOCKED, and the row's idempotency key (member + last
 * activity) makes a repeat a no-op.
 */
export async function expireInactiveMembers(db: Database, now: Date, months = DEFAULT_VALID_MONTHS): Promise<number> {
  const cutoff = expiryCutoff(now, months, env().timezone);
  const candidates = await db
    .select({ id: members.id })
    .from(members)
    .innerJoin(ledgerEntries, and(eq(ledgerEntries.memberId, members.id), inArray(ledgerEntries.kind, [...ACTIVITY_KINDS])))
    .where(gt(members.pointsBalance, 0))
    .groupBy(members.id)
    .having(lt(max(ledgerEntries.createdAt), cutoff))
    .limit(1_000);

  let expired = 0;
  for (const { id } of candidates) {
    expired += await db.transaction(async (tx) => {
      const [member] = await tx
        .select({ balance: members.pointsBalance })
        .from(members)
        .where(eq(members.id, id))
        .for("update", { skipLocked: true });
      if (!member || member.balance <= 0) return 0;
      const last = await getLastActivity(tx, id);
      if (!last || last >= cutoff) return 0; // activity arrived since the scan
      const inserted = await tx
        .insert(ledgerEntries)
        .values({
          memberId: id,
          delta: -member.balance,
          kind: "expire",
          sourceRef: `inactive-since:${last.toISOString().slice(0, 10)}`,
          idempotencyKey: `expire:${id}:${last.toISOString()}`,
          createdAt: now,
        })
        .onConflictDoNothing()
        .returning({ id: ledgerEntries.id });
      return inserted.length;
    });
  }
  return expired;
}


async function movementsOf(db: Database | Tx, memberId: string): Promise<LedgerMovement[]> {
  return db
    .select({ id: ledgerEntries.id, delta: ledgerEntries.delta, at: ledgerEntries.createdAt, expiresAt: ledgerEntries.expiresAt })
    .from(ledgerEntries)
    .where(eq(ledgerEntries.memberId, memberId))
    .orderBy(asc(ledgerEntries.createdAt), asc(ledgerEntries.id));
}

/**
 * Members holding points that lapse by `horizon`: a lot whose row says so, or (a row without a
 * date of its own, until backfillLedgerExpiry gives it one) earned more than `months` before it.
 */
export async function membersWithLotsLapsingBy(db: Database, horizon: Date, months: number, limit = 1_000): Promise<string[]> {
  const cutoff = expiryCutoff(horizon, months, env().timezone);
  const rows = await db
    .select({ id: members.id })
    .from(members)
    .where(
      and(
        gt(members.pointsBalance, 0),
        sql`exists (select 1 from ledger_entries l where l.member_id = ${members.id} and l.delta > 0
              and (l.expires_at <= ${horizon} or (l.expires_at is null and l.created_at < ${cutoff})))`,
      ),
    )
    .limit(limit);
  return rows.map((r) => r.id);
}

/**
 * Gives every credited row without an expiry the one its points had when they were credited: the
 * validity of the earn-rule version then in force, counted in the program's time zone (as
 * lib/loyalty/expiry.ts counts: the same local time, the 31st becoming the month's last day).
 * For rows written before expiries were kept, and credits that do not carry one (staff adjustments,
 * returned points). Idempotent; a few rows a day after the first run.
 */
export async function backfillLedgerExpiry(db: Database, config: Pick<ProgramConfig, "earnRule" | "earnRuleVersions" | "timeZone">): Promise<number> {
  // The versions as [from, until) windows; before the first one, the rule the program had (the first version's, else the current).
  const versions = config.earnRuleVersions.length > 0 ? config.earnRuleVersions : [{ effectiveFrom: new Date(0), rule: config.earnRule }];
  let filled = 0;
  for (const [i, version] of versions.entries()) {
    const from = i === 0 ? new Date(0) : version.effectiveFrom;
    const until = versions[i + 1]?.effectiveFrom ?? new Date(8_640_000_000_000_000);
    const months = version.rule.pointsValidMonths;
    const result = await db.execute(sql`
      update ledger_entries set expires_at = ((created_at at time zone ${config.timeZone}) + make_interval(months => ${months}::int)) at time zone ${config.timeZone}
      where delta > 0 and expires_at is null and created_at >= ${from} and created_at < ${until}`);
    filled += (result as unknown as { rowCount?: number; affectedRows?: number }).rowCount ?? (result as unknown as { affectedRows?: number }).affectedRows ?? 0;
  }
  return filled;
}

/**
 * Per-earning expiry: books an `expire` row for what is left of every lot past its months (the
 * oldest points are spent first). Each member in its own transaction under SKIP LOCKED; the
 * idempotency key names the newest expired lot, so a rerun or a second instance adds nothing.
 */
export async function expireEarnedLots(db: Database, now: Date, months = DEFAULT_VALID_MONTHS): Promise<number> {
  let expired = 0;
  for (const id of await membersWithLotsLapsingBy(db, now, months)) {
    expired += await db.transaction(async (tx) => {
      const [member] = await tx.select({ balance: members.pointsBalance }).from(members).where(eq(members.id, id)).for("update", { skipLocked: true });
      if (!member || member.balance <= 0) return 0;
      const { points, lastLotId } = expiredPoints(await movementsOf(tx, id), now, months, env().timezone);
      const take = Math.min(points, member.balance);
      if (take <= 0 || lastLotId === null) return 0;
      const inserted = await tx
        .insert(ledgerEntries)
        .values({ memberId: id, delta: -take, kind: "expire", sourceRef: `lots-until:${lastLotId}`, idempotencyKey: `expire:${id}:lot:${lastLotId}`, createdAt: now })
        .onConflictDoNothing()
        .returning({ id: ledgerEntries.id });
      return inserted.length;
    });
  }
  return expired;
}

/** When the member's oldest remaining points lapse under per-earning expiry, and how many. */
export async function nextExpiryOf(db: Database, memberId: string, now: Date, months: number): Promise<{ at: Date; points: number } | null> {
  return nextExpiry(await movementsOf(db, memberId), now, months, env().timezone);
}

export type ExpiryOutlook = { mode: "inactivity"; at: Date } | { mode: "per-earning"; at: Date; points: number };

/** What Home tells the shopper about expiry under the program's policy. */
export async function getExpiryOutlook(db: Database, memberId: string, rule: EarnRule, now: Date): Promise<ExpiryOutlook | null> {
  if (rule.expiryMode === "per-earning") {
    const next = nextExpiry(await movementsOf(db, memberId), now, rule.pointsValidMonths, env().timezone);
    return next && { mode: "per-earning", ...next };
  }
  const last = await getLastActivity(db, memberId);
  return last && { mode: "inactivity", at: expiresAt(last, rule.pointsValidMonths, env().timezone) };
}
