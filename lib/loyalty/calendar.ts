// The program's calendar: days, weeks, months and years as the shop and its shoppers live them
// (the program's time zone, Europe/Berlin by default), not as UTC counts them. A daily cap
// starts again at local midnight, a birthday month is the local month, a calendar tier window
// closes at local New Year. date-fns does the calendar maths on TZDate, so DST days have 23 or
// 25 hours and month ends are right.
import { TZDate } from "@date-fns/tz";
import { addMonths, endOfYear, startOfDay, startOfMonth, startOfWeek, startOfYear } from "date-fns";

export const DEFAULT_TIME_ZONE = "Europe/Berlin";

/** Whether `timeZone` is an IANA zone this runtime knows ("Europe/Berlin"). */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone });
    return true;
  } catch {
    return false;
  }
}

const local = (at: Date, timeZone: string) => new TZDate(at.getTime(), timeZone);
const instant = (date: Date) => new Date(date.getTime());

/** Local midnight of the day `at` falls in. */
export function dayStartIn(at: Date, timeZone: string): Date {
  return instant(startOfDay(local(at, timeZone)));
}

/** Local Monday 00:00 of the ISO week `at` falls in. */
export function weekStartIn(at: Date, timeZone: string): Date {
  return instant(startOfWeek(local(at, timeZone), { weekStartsOn: 1 }));
}

/** Local midnight of the first of the month `at` falls in. */
export function monthStartIn(at: Date, timeZone: string): Date {
  return instant(startOfMonth(local(at, timeZone)));
}

/** Local midnight of 1 January of the year `at` falls in, `yearsBack` years earlier. */
export function yearStartIn(at: Date, timeZone: string, yearsBack = 0): Date {
  const start = startOfYear(local(at, timeZone));
  return instant(yearsBack === 0 ? start : startOfYear(addMonths(start, -12 * yearsBack)));
}

/** The last millisecond of the local year `at` falls in, `yearsAhead` years later. */
export function yearEndIn(at: Date, timeZone: string, yearsAhead = 0): Date {
  return instant(endOfYear(addMonths(local(at, timeZone), 12 * yearsAhead)));
}

/** The local calendar year (2026) and month (0–11) `at` falls in. */
export function yearMonthIn(at: Date, timeZone: string): { year: number; month: number } {
  const d = local(at, timeZone);
  return { year: d.getFullYear(), month: d.getMonth() };
}

/** `months` calendar months after `at`, same local time of day; the 31st becomes the month's last day. */
export function addMonthsIn(at: Date, months: number, timeZone: string): Date {
  // Every credited order asks this (its points' expiry), and on TZDate it costs tens of
  // microseconds: each step asks Intl for the zone's offset. Offsets change only at whole minutes
  // (in every zone since 1972), so all instants of one minute move by the same amount: that shift
  // is remembered per minute, and a busy shop's orders of one minute compute it once.
  const ms = at.getTime();
  const minute = Math.floor(ms / MINUTE_MS) * MINUTE_MS;
  const key = `${timeZone}|${months}|${minute}`;
  let shift = monthShifts.get(key);
  if (shift === undefined) {
    shift = addMonths(local(new Date(minute), timeZone), months).getTime() - minute;
    if (monthShifts.size >= MONTH_SHIFTS_KEPT) monthShifts.clear();
    monthShifts.set(key, shift);
  }
  return new Date(ms + shift);
}

const MINUTE_MS = 60_000;
const MONTH_SHIFTS_KEPT = 256;
const monthShifts = new Map<string, number>();

/** The local calendar date `at` falls on: year, month (0–11), day. */
export function localDate(at: Date, timeZone: string): { year: number; month: number; day: number } {
  const d = local(at, timeZone);
  return { year: d.getFullYear(), month: d.getMonth(), day: d.getDate() };
}
