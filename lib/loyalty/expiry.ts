// Points expire after a period without activity. Pure: dates in, dates out.
import { addMonthsIn } from "./calendar";

/** Activity that keeps points alive: earning or spending them. */
export const ACTIVITY_KINDS = ["earn_order", "earn_task", "referral", "redeem"] as const;

export const DEFAULT_VALID_MONTHS = 12;

/**
 * The moment the balance expires: `months` calendar months after the last activity, at the same
 * local time in the program's time zone (the 31st becomes the month's last day).
 */
export function expiresAt(lastActivity: Date, months: number, timeZone: string): Date {
  return addMonthsIn(lastActivity, months, timeZone);
}

/** The last activity before which a balance has expired by `now`. */
export function expiryCutoff(now: Date, months: number, timeZone: string): Date {
  return expiresAt(now, -months, timeZone);
}

/** Whether Home should warn (not just inform) about an upcoming expiry. */
export function expiryIsNear(expiry: Date, now: Date, warnDays = 30): boolean {
  return expiry.getTime() - now.getTime() <= warnDays * 86_400_000;
}
