import "server-only";
import { and, asc, eq, gt, inArray, lt, max, sql } from "drizzle-orm";
import type { EarnRule } from "../../loyalty/earn-rule";
import { ACTIVITY_KINDS, expiresAt, expiryCutoff } from "../../loyalty/expiry";
import { nextExpiry, type LedgerMovement } from "../../loyalty/expiry-lots";
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

/** Members holding points whose last activity is before `cutoff` (up to 1,000 a run). */
export async function inactiveMembersSince(db: Database, cutoff: Date): Promise<string[]> {
  const rows = await db
    .select({ id: members.id })
    .from(members)
    .innerJoin(ledgerEntries, and(eq(ledgerEntries.memberId, members.id), inArray(ledgerEntries.kind, [...ACTIVITY_KINDS])))
    .where(gt(members.pointsBalance, 0))
    .groupBy(members.id)
    .having(lt(max(ledgerEntries.createdAt), cutoff))
    .limit(1_000);
  return rows.map((r) => r.id);
}

/** The member's balance, locked unless another instance holds it (then undefined: that one handles the member). */
export async function claimMemberBalance(tx: Tx, memberId: string): Promise<number | undefined> {
  const [member] = await tx.select({ balance: members.pointsBalance }).from(members).where(eq(members.id, memberId)).for("update", { skipLocked: true });
  return member?.balance;
}

/** Books an `expire` row; 0 when its idempotency key was booked before, else 1. */
export async function insertExpiry(tx: Tx, row: { memberId: string; points: number; sourceRef: string; idempotencyKey: string; createdAt: Date }): Promise<number> {
  const inserted = await tx
    .insert(ledgerEntries)
    .values({ memberId: row.memberId, delta: -row.points, kind: "expire", sourceRef: row.sourceRef, idempotencyKey: row.idempotencyKey, createdAt: row.createdAt })
    .onConflictDoNothing()
    .returning({ id: ledgerEntries.id });
  return inserted.length;
}

/** The member's ledger rows oldest first, as the expiry rules read them. */
export async function movementsOf(db: Database | Tx, memberId: string): Promise<LedgerMovement[]> {
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
