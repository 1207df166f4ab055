import { describe, expect, it } from "vitest";
import { afterQuietHours, isMarketing } from "./messaging";

const berlin = "Europe/Berlin";

describe("afterQuietHours", () => {
  it("lets a message through during the day", () => {
    const noon = new Date("2026-06-15T10:00:00Z"); // 12:00 in Berlin (CEST)
    expect(afterQuietHours(noon, berlin)).toEqual(noon);
  });

  it("holds an evening message until 08:00 local the next morning", () => {
    expect(afterQuietHours(new Date("2026-06-15T19:30:00Z"), berlin)).toEqual(new Date("2026-06-16T06:00:00Z")); // 21:30 CEST → 08:00 CEST
  });

  it("holds a message after midnight until 08:00 the same morning", () => {
    expect(afterQuietHours(new Date("2026-01-15T01:00:00Z"), berlin)).toEqual(new Date("2026-01-15T07:00:00Z")); // 02:00 CET → 08:00 CET
  });

  it("counts 20:59 as day and 08:00 as day, 21:00 as night", () => {
    expect(afterQuietHours(new Date("2026-01-15T19:59:00Z"), berlin)).toEqual(new Date("2026-01-15T19:59:00Z"));
    expect(afterQuietHours(new Date("2026-01-15T07:00:00Z"), berlin)).toEqual(new Date("2026-01-15T07:00:00Z"));
    expect(afterQuietHours(new Date("2026-01-15T20:00:00Z"), berlin)).toEqual(new Date("2026-01-16T07:00:00Z"));
  });

  it("ends at 08:00 local across the spring DST change (the night has 23 hours)", () => {
    // Sat 28 March 2026 22:00 CET; clocks go forward at 02:00 on Sunday; 08:00 CEST is 06:00 UTC.
    expect(afterQuietHours(new Date("2026-03-28T21:00:00Z"), berlin)).toEqual(new Date("2026-03-29T06:00:00Z"));
  });

  it("ends at 08:00 local across the autumn DST change (the night has 25 hours)", () => {
    // Sat 24 October 2026 23:00 CEST; clocks go back at 03:00; 08:00 CET is 07:00 UTC.
    expect(afterQuietHours(new Date("2026-10-24T21:00:00Z"), berlin)).toEqual(new Date("2026-10-25T07:00:00Z"));
  });

  it("uses the program's time zone, not the server's", () => {
    // 22:00 in New York is 03:00 UTC: day in London, night in New York.
    expect(afterQuietHours(new Date("2026-01-16T03:00:00Z"), "America/New_York")).toEqual(new Date("2026-01-16T13:00:00Z"));
  });

  it("can be switched off (from = until)", () => {
    const late = new Date("2026-01-15T22:30:00Z");
    expect(afterQuietHours(late, berlin, { from: 0, until: 0 })).toEqual(late);
  });
});

describe("isMarketing", () => {
  it("counts offers and task announcements as marketing, account news not", () => {
    expect(isMarketing("offers")).toBe(true);
    expect(isMarketing("tasks")).toBe(true);
    expect(isMarketing("expiring")).toBe(false);
    expect(isMarketing("points")).toBe(false);
  });
});
