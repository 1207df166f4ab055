// Points expire after a period without activity. Pure: dates in, dates out.

/** Activity that keeps points alive: earning or spending them. */
export const ACTIVITY_KINDS = ["earn_order", "earn_task", "referral", "redeem"] as const;

export const DEFAULT_VALID_MONTHS = 12;

/** The moment the balance expires: `months` calendar months after the last activity (clamped to month end). */
export function expiresAt(lastActivity: Date, months = DEFAULT_VALID_MONTHS): Date {
  const d = new Date(lastActivity.getTime());
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, lastDay));
  return d;
}

/** The last activity before which a balance has expired by `now`. */
export function expiryCutoff(now: Date, months = DEFAULT_VALID_MONTHS): Date {
  return expiresAt(now, -months);
}

/** Whether Home should warn (not just inform) about an upcoming expiry. */
export function expiryIsNear(expiry: Date, now: Date, warnDays = 30): boolean {
  return expiry.getTime() - now.getTime() <= warnDays * 86_400_000;
}
