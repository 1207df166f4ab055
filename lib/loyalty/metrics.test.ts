import { describe, expect, it } from "vitest";
import { bucketStarts, cli, divideHalfUp, durationParts, liabilityCents, nps, periodBounds, periodSchema, presetPeriod, previousPeriod, rate } from "./metrics";

describe("metric periods", () => {
  it("starts a month at midnight Berlin time, so an order at 00:30 on the 1st belongs to it", () => {
    const { start, end } = periodBounds({ from: "2026-11-01", to: "2026-12-01" });
    expect(start.toISOString()).toBe("2026-10-31T23:00:00.000Z");
    expect(end.toISOString()).toBe("2026-11-30T23:00:00.000Z");
    const order = new Date("2026-10-31T23:30:00Z"); // 00:30 on 1 November in Berlin
    expect(order >= start && order < end).toBe(true);
  });

  it("follows daylight saving time at both ends", () => {
    const { start, end } = periodBounds({ from: "2026-03-29", to: "2026-10-25" });
    expect(start.toISOString()).toBe("2026-03-28T23:00:00.000Z"); // still winter time at midnight
    expect(end.toISOString()).toBe("2026-10-24T22:00:00.000Z"); // still summer time at midnight
  });

  it("refuses a period that ends before it starts, is not a date or spans more than 3 years", () => {
    expect(periodSchema.safeParse({ from: "2026-11-01", to: "2026-11-01" }).success).toBe(false);
    expect(periodSchema.safeParse({ from: "2026-11-1", to: "2026-12-01" }).success).toBe(false);
    expect(periodSchema.safeParse({ from: "2020-01-01", to: "2026-01-01" }).success).toBe(false);
    expect(periodSchema.safeParse({ from: "2024-01-01", to: "2026-12-31" }).success).toBe(true);
  });

  it("compares with the period of the same length just before", () => {
    expect(previousPeriod({ from: "2026-11-01", to: "2026-12-01" })).toEqual({ from: "2026-10-02", to: "2026-11-01" });
  });
});

describe("metric arithmetic", () => {
  it("gives null, not 0 or NaN, for rates of an empty period", () => {
    expect(rate(0, 0)).toBeNull();
    expect(rate(1, 4)).toBe(0.25);
    expect(divideHalfUp(10, 0)).toBeNull();
  });

  it("rounds the average order value half up to whole cents", () => {
    expect(divideHalfUp(1_001, 2)).toBe(501);
    expect(divideHalfUp(1_000, 3)).toBe(333);
  });

  it("scores NPS from promoters minus detractors, rounded", () => {
    expect(nps([10, 9, 8, 7, 6, 0])).toEqual({ promoters: 2, passives: 2, detractors: 2, answers: 6, score: 0 });
    expect(nps([10, 10, 3]).score).toBe(33);
    expect(nps([]).score).toBeNull();
  });

  it("averages the Customer Loyalty Index to one decimal and names its band", () => {
    expect(cli([[10, 10, 10]])).toEqual({ score: 100, band: "above-average", respondents: 1 });
    expect(cli([[5, 6, 7], [2, 3, 4]])).toEqual({ score: 45, band: "average", respondents: 2 });
    expect(cli([[1, 2, 2]]).score).toBe(16.7);
    expect(cli([[3, 4, 4]]).band).toBe("below-average"); // 36.7
    expect(cli([])).toEqual({ score: null, band: null, respondents: 0 });
  });

  it("values the liability at the program's point value", () => {
    expect(liabilityCents(1_234, 100)).toBe(1_234); // 1 cent a point
    expect(liabilityCents(3, 50)).toBe(2); // half a cent a point: 1.5 → 2
  });
});

describe("period presets", () => {
  it("takes the calendar of the program's time zone: 23:30 UTC on 31 October is November in Berlin", () => {
    const now = new Date("2026-10-31T23:30:00Z");
    expect(presetPeriod("thisMonth", now)).toEqual({ from: "2026-11-01", to: "2026-12-01" });
    expect(presetPeriod("lastMonth", now)).toEqual({ from: "2026-10-01", to: "2026-11-01" });
    expect(presetPeriod("thisYear", now)).toEqual({ from: "2026-01-01", to: "2027-01-01" });
    expect(presetPeriod("last90", now)).toEqual({ from: "2026-08-04", to: "2026-11-02" });
    expect(presetPeriod("lastMonth", new Date("2027-01-15T12:00:00Z"))).toEqual({ from: "2026-12-01", to: "2027-01-01" });
  });
});

describe("bucketStarts", () => {
  it("starts months at local midnight across the change to summer time", () => {
    expect(bucketStarts({ from: "2026-02-15", to: "2026-04-02" }, "month", "Europe/Berlin")).toEqual([
      { label: "2026-02-01", start: new Date("2026-01-31T23:00:00Z") },
      { label: "2026-03-01", start: new Date("2026-02-28T23:00:00Z") },
      { label: "2026-04-01", start: new Date("2026-03-31T22:00:00Z") },
    ]);
  });

  it("starts weeks on Mondays, the first one before the period when it begins mid-week", () => {
    expect(bucketStarts({ from: "2026-11-01", to: "2026-11-17" }, "week", "Europe/Berlin").map((b) => b.label)).toEqual(["2026-10-26", "2026-11-02", "2026-11-09", "2026-11-16"]);
  });
});

describe("durationParts", () => {
  it("shows a waiting time in the coarsest unit that fits, rounding the finer one", () => {
    expect(durationParts(0)).toEqual({ unit: "underMinute", days: 0, hours: 0, minutes: 0 });
    expect(durationParts(59)).toEqual({ unit: "underMinute", days: 0, hours: 0, minutes: 0 });
    expect(durationParts(90)).toEqual({ unit: "minutes", days: 0, hours: 0, minutes: 2 });
    expect(durationParts(3_569)).toEqual({ unit: "minutes", days: 0, hours: 0, minutes: 59 });
    expect(durationParts(3_599)).toEqual({ unit: "hours", days: 0, hours: 1, minutes: 0 });
    expect(durationParts(5_400)).toEqual({ unit: "hours", days: 0, hours: 1, minutes: 30 });
    expect(durationParts(86_399)).toEqual({ unit: "days", days: 1, hours: 0, minutes: 0 });
    expect(durationParts(3 * 86_400 + 5 * 3_600 + 10 * 60)).toEqual({ unit: "days", days: 3, hours: 5, minutes: 0 });
  });
});
