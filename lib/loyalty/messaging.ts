// When and how Treue may speak to a shopper. Pure rules; lib/db/queries/notifications.ts applies
// them in SQL where a message is queued.
import { TZDate } from "@date-fns/tz";
import { addDays, set } from "date-fns";
import type { NotificationCategory } from "./notification-categories";

/**
 * Marketing, in the sense of German unfair-competition law (UWG §7): by e-mail only with the
 * shopper's confirmed opt-in. The rest is news about their own account (points, tier, expiry,
 * referral and review results), which a member may switch off but need not ask for.
 */
export const MARKETING_CATEGORIES: readonly NotificationCategory[] = ["offers", "tasks"];

export function isMarketing(category: NotificationCategory): boolean {
  return MARKETING_CATEGORIES.includes(category);
}

export type QuietHours = { from: number; until: number };

/** No message a shopper did not cause themselves between 21:00 and 08:00 their time. */
export const DEFAULT_QUIET_HOURS: QuietHours = { from: 21, until: 8 };

/**
 * When a message planned for `at` may go out: `at` itself outside quiet hours, else the hour
 * they end (the same or the next local morning). Hours are local wall-clock hours 0–23.
 */
export function afterQuietHours(at: Date, timeZone: string, quiet: QuietHours = DEFAULT_QUIET_HOURS): Date {
  if (quiet.from === quiet.until) return at;
  const local = new TZDate(at.getTime(), timeZone);
  const hour = local.getHours();
  const wraps = quiet.from > quiet.until; // 21 → 8 spans midnight
  const inside = wraps ? hour >= quiet.from || hour < quiet.until : hour >= quiet.from && hour < quiet.until;
  if (!inside) return at;
  const morning = set(local, { hours: quiet.until, minutes: 0, seconds: 0, milliseconds: 0 });
  const end = wraps && hour >= quiet.from ? addDays(morning, 1) : morning;
  return new Date(end.getTime());
}

/** At most this many messages a shopper did not cause (journeys, campaigns) per rolling week. */
export const DEFAULT_WEEKLY_CAP = 3;
