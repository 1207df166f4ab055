// The program's calendar in Europe/Berlin: what changes at local midnight (23:00 or 22:00 UTC)
// and across the DST switches (29 March and 25 October 2026), rule by rule.
import { TZDate, tzOffset } from "@date-fns/tz";
import { addMonths } from "date-fns";
import { describe, expect, it } from "vitest";
import { addMonthsIn, dayStartIn, isTimeZone, monthStartIn, weekStartIn, yearEndIn, yearStartIn } from "./calendar";
import { expiresAt } from "./expiry";
import { challengeProgress, parseChallenges, periodKey, weeklyStreak } from "./gamification";
import { monthStart } from "./referrals";
import { birthdayBonus, dayStart } from "./tasks";
import { parseTierRule, relevantSince, tierStanding } from "./tier-standing";

const BERLIN = "Europe/Berlin";
const utc = (iso: string) => new Date(iso);

describe("the calendar in Europe/Berlin", () => {
  it("starts a winter day at 23:00 UTC and a summer day at 22:00 UTC", () => {
    expect(dayStartIn(utc("2026-11-24T22:59:59Z"), BERLIN).toISOString()).toBe("2026-11-23T23:00:00.000Z");
    expect(dayStartIn(utc("2026-11-24T23:00:00Z"), BERLIN).toISOString()).toBe("2026-11-24T23:00:00.000Z");
    expect(dayStartIn(utc("2026-07-01T21:59:59Z"), BERLIN).toISOString()).toBe("2026-06-30T22:00:00.000Z");
  });

  it("has a 23-hour day in March and a 25-hour day in October", () => {
    const march = dayStartIn(utc("2026-03-29T12:00:00Z"), BERLIN);
    const nextMarch = dayStartIn(utc("2026-03-30T12:00:00Z"), BERLIN);
    expect((nextMarch.getTime() - march.getTime()) / 3_600_000).toBe(23);
    const october = dayStartIn(utc("2026-10-25T12:00:00Z"), BERLIN);
    const nextOctober = dayStartIn(utc("2026-10-26T12:00:00Z"), BERLIN);
    expect((nextOctober.getTime() - october.getTime()) / 3_600_000).toBe(25);
  });

  it("starts weeks on local Monday, months on the local first, years on local New Year", () => {
    // Sunday 23:30 UTC is already Monday in Berlin.
    expect(weekStartIn(utc("2026-11-29T23:30:00Z"), BERLIN).toISOString()).toBe("2026-11-29T23:00:00.000Z");
    expect(weekStartIn(utc("2026-11-29T22:30:00Z"), BERLIN).toISOString()).toBe("2026-11-22T23:00:00.000Z");
    expect(monthStartIn(utc("2026-10-31T23:30:00Z"), BERLIN).toISOString()).toBe("2026-10-31T23:00:00.000Z");
    expect(yearStartIn(utc("2026-12-31T23:30:00Z"), BERLIN).toISOString()).toBe("2026-12-31T23:00:00.000Z");
    expect(yearStartIn(utc("2026-06-01T00:00:00Z"), BERLIN, 1).toISOString()).toBe("2024-12-31T23:00:00.000Z");
    expect(yearEndIn(utc("2026-06-01T00:00:00Z"), BERLIN, 1).toISOString()).toBe("2027-12-31T22:59:59.999Z");
  });

  it("adds months at the same local time across a DST switch, clamping to the month's end", () => {
    // 10:00 in Berlin in January (09:00 UTC) stays 10:00 in Berlin in May (08:00 UTC).
    expect(addMonthsIn(utc("2026-01-15T09:00:00Z"), 4, BERLIN).toISOString()).toBe("2026-05-15T08:00:00.000Z");
    // 31 January 00:30 in Berlin is 30 January in UTC: one month later is 28 February in Berlin.
    expect(addMonthsIn(utc("2026-01-30T23:30:00Z"), 1, BERLIN).toISOString()).toBe("2026-02-27T23:30:00.000Z");
    expect(expiresAt(utc("2026-03-31T10:00:00Z"), 12, BERLIN).toISOString()).toBe("2027-03-31T10:00:00.000Z");
  });

  it("moves every second of a minute as TZDate does, across DST switches, month ends and odd zones", () => {
    // addMonthsIn remembers one shift per minute; compared here with date-fns on TZDate at every
    // few minutes and seconds around each 2026 switch of six zones (half-hour switches and
    // quarter-hour offsets among them), both where an instant starts and where it lands.
    const direct = (at: Date, months: number, zone: string) => addMonths(new TZDate(at.getTime(), zone), months).getTime();
    const zones = [BERLIN, "America/New_York", "Australia/Lord_Howe", "Asia/Kathmandu", "Pacific/Chatham", "America/Santiago"];
    let compared = 0;
    for (const zone of zones) {
      for (const months of [-12, -1, 1, 5, 12]) {
        for (const change of switchesIn2026(zone)) {
          for (const centre of [change, direct(new Date(change), -months, zone)]) {
            for (let minute = -90; minute <= 90; minute += 3) {
              for (const second of [0, 29.5, 59.999]) {
                const at = new Date(centre + minute * 60_000 + second * 1000);
                expect(addMonthsIn(at, months, zone).getTime(), `${zone} ${at.toISOString()} ${months}`).toBe(direct(at, months, zone));
                compared++;
              }
            }
          }
        }
      }
    }
    // Four zones switch twice a year; Kathmandu never does.
    expect(compared).toBe(5 * 5 * 2 * 2 * 61 * 3);
  });

  it("knows zones and refuses made-up ones", () => {
    expect(isTimeZone(BERLIN)).toBe(true);
    expect(isTimeZone("Europe/Atlantis")).toBe(false);
  });
});

describe("calendar rules at Berlin midnight", () => {
  it("restarts the daily task cap at local midnight, not at UTC midnight", () => {
    const lateEvening = utc("2026-11-24T23:30:00Z"); // 00:30 on 25 November in Berlin
    expect(dayStart(lateEvening, BERLIN).toISOString()).toBe("2026-11-24T23:00:00.000Z");
    expect(dayStart(lateEvening, "UTC").toISOString()).toBe("2026-11-24T00:00:00.000Z");
  });

  it("pays the birthday bonus in the local birthday month", () => {
    const newYearsNight = utc("2026-11-30T23:15:00Z"); // already 1 December in Berlin
    expect(birthdayBonus("1990-12-24", newYearsNight, null, BERLIN)).toEqual({ ok: true });
    expect(birthdayBonus("1990-11-05", newYearsNight, null, BERLIN)).toEqual({ ok: false, reason: "not-birthday-month" });
    // Claimed at 00:30 on 1 January 2026 in Berlin (still 2025 in UTC): done for 2026.
    expect(birthdayBonus("1990-01-10", utc("2026-01-20T10:00:00Z"), utc("2025-12-31T23:30:00Z"), BERLIN)).toEqual({ ok: false, reason: "done" });
  });

  it("counts referrals per local month", () => {
    expect(monthStart(utc("2026-11-30T23:30:00Z"), BERLIN).toISOString()).toBe("2026-11-30T23:00:00.000Z");
  });

  it("counts a challenge's week from local Monday and names it by that Monday", () => {
    const [weekly] = parseChallenges([{ id: "w", title: { de: "W", en: "W" }, taskKind: "survey", period: "week", target: 2, bonusPoints: 10 }]);
    const mondayMorning = utc("2026-11-30T06:00:00Z");
    const sundayNight = { kind: "survey" as const, at: utc("2026-11-29T22:30:00Z") }; // 23:30 Sunday in Berlin
    const mondayJustAfterMidnight = { kind: "survey" as const, at: utc("2026-11-29T23:05:00Z") }; // 00:05 Monday in Berlin
    expect(challengeProgress(weekly!, [sundayNight, mondayJustAfterMidnight], mondayMorning, BERLIN)).toEqual({ count: 1, done: false });
    expect(periodKey("week", mondayMorning, BERLIN)).toBe("W2026-11-30");
    expect(periodKey("month", utc("2026-11-30T23:30:00Z"), BERLIN)).toBe("2026-12");
  });

  it("keeps a weekly streak across the October DST switch", () => {
    const now = utc("2026-11-04T12:00:00Z");
    const weekly = ["2026-11-03T12:00:00Z", "2026-10-27T12:00:00Z", "2026-10-20T12:00:00Z", "2026-10-13T12:00:00Z"].map(utc);
    expect(weeklyStreak(weekly, now, BERLIN)).toBe(4);
  });

  it("closes the calendar tier year at local New Year", () => {
    const rule = parseTierRule({ window: "calendar" }, BERLIN);
    const tiers = [
      { id: "base", thresholdCents: 0, multiplierPercent: 100 },
      { id: "gold", thresholdCents: 50_000, multiplierPercent: 150 },
    ];
    // Paid at 00:30 on 1 January 2027 in Berlin: it counts for 2027, not 2026.
    const orders = [{ paidAt: utc("2026-12-31T23:30:00Z"), netCents: 60_000 }];
    const standing = tierStanding(rule, tiers, orders, utc("2027-01-02T12:00:00Z"));
    expect(standing.tier?.id).toBe("gold");
    expect(standing.keptUntil?.toISOString()).toBe("2028-12-31T22:59:59.999Z");
    expect(tierStanding(rule, tiers, orders, utc("2026-12-31T23:45:00Z")).spendCents).toBe(60_000);
    expect(relevantSince(rule, utc("2027-06-01T00:00:00Z")).toISOString()).toBe("2025-12-31T23:00:00.000Z");
  });
});

/** The instants in 2026 where `zone`'s offset from UTC changes, to the minute. */
function switchesIn2026(zone: string): number[] {
  const found: number[] = [];
  const hour = 3_600_000;
  for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += hour) {
    if (tzOffset(zone, new Date(t)) === tzOffset(zone, new Date(t + hour))) continue;
    let minute = t;
    while (tzOffset(zone, new Date(minute + 60_000)) === tzOffset(zone, new Date(t))) minute += 60_000;
    found.push(minute + 60_000);
  }
  return found;
}
