// Points that expire N months after each earning, the oldest spent first (FIFO). Pure: the
// member's ledger movements in, what has expired and what expires next out. Expire rows are
// movements too: they consume the oldest lots, so a repeat finds nothing more to expire.
// A lot lapses when its ledger row says (expires_at, written when the points were earned, under
// the rule of that day): an owner who shortens validity later does not move what shoppers were
// told. Only a row without one (none is left after backfillLedgerExpiry) counts `months` from its date.
import { dayStartIn } from "./calendar";
import { expiresAt } from "./expiry";

export type LedgerMovement = { id: number; delta: number; at: Date; expiresAt?: Date | null };
export type PointLot = { id: number; remaining: number; expiresAt: Date };

/** What is left of each earning after every debit took from the oldest lot first. */
export function remainingLots(movements: readonly LedgerMovement[], months: number, timeZone: string): PointLot[] {
  const ordered = [...movements].sort((a, b) => a.at.getTime() - b.at.getTime() || a.id - b.id);
  const lots: PointLot[] = [];
  let head = 0;
  for (const m of ordered) {
    if (m.delta > 0) {
      lots.push({ id: m.id, remaining: m.delta, expiresAt: m.expiresAt ?? expiresAt(m.at, months, timeZone) });
      continue;
    }
    let owed = -m.delta;
    while (owed > 0 && head < lots.length) {
      const lot = lots[head]!;
      const taken = Math.min(lot.remaining, owed);
      lot.remaining -= taken;
      owed -= taken;
      if (lot.remaining === 0) head += 1;
    }
  }
  return lots.slice(head).filter((lot) => lot.remaining > 0);
}

/** Points whose lot has expired by `now` and are still unspent, and the newest such lot (for an idempotency key). */
export function expiredPoints(movements: readonly LedgerMovement[], now: Date, months: number, timeZone: string): { points: number; lastLotId: number | null } {
  const expired = remainingLots(movements, months, timeZone).filter((lot) => lot.expiresAt <= now);
  return { points: expired.reduce((sum, lot) => sum + lot.remaining, 0), lastLotId: expired.at(-1)?.id ?? null };
}

/** The next date on which points expire, and how many (all lots expiring on that same day). */
export function nextExpiry(movements: readonly LedgerMovement[], now: Date, months: number, timeZone: string): { points: number; at: Date } | null {
  const upcoming = remainingLots(movements, months, timeZone).filter((lot) => lot.expiresAt > now);
  const first = upcoming[0];
  if (!first) return null;
  const day = (at: Date) => dayStartIn(at, timeZone).getTime();
  const points = upcoming.filter((lot) => day(lot.expiresAt) === day(first.expiresAt)).reduce((sum, lot) => sum + lot.remaining, 0);
  return { points, at: first.expiresAt };
}
