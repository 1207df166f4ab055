import { describe, expect, it } from "vitest";
import { dueReminderLead, fillPlaceholders, leadWindows, parseJourneys } from "./journeys";

const DAY = 86_400_000;

describe("dueReminderLead", () => {
  it("sends nothing while the date is further off than the longest lead", () => {
    expect(dueReminderLead([30, 7], 31 * DAY)).toBeNull();
  });

  it("sends the 30-day reminder between 30 and 7 days before", () => {
    expect(dueReminderLead([30, 7], 30 * DAY)).toBe(30);
    expect(dueReminderLead([30, 7], 8 * DAY)).toBe(30);
  });

  it("sends only the 7-day reminder to someone first seen 5 days before", () => {
    expect(dueReminderLead([30, 7], 5 * DAY)).toBe(7);
  });

  it("sends nothing for a date already past", () => {
    expect(dueReminderLead([30, 7], 0)).toBeNull();
  });

  it("agrees with the SQL windows", () => {
    expect(leadWindows([7, 30])).toEqual([
      { lead: 7, afterDays: 0 },
      { lead: 30, afterDays: 7 },
    ]);
    for (const days of [1, 6.5, 7, 7.5, 29, 30]) {
      const window = leadWindows([30, 7]).find((w) => days > w.afterDays && days <= w.lead);
      expect(window?.lead ?? null).toBe(dueReminderLead([30, 7], days * DAY));
    }
  });
});

describe("parseJourneys", () => {
  it("gives every journey its defaults when nothing was saved", () => {
    const journeys = parseJourneys(undefined);
    expect(journeys.expiring).toEqual({ enabled: true, texts: {}, leadDays: [30, 7] });
    expect(journeys.win_back.enabled).toBe(false);
  });

  it("keeps what the console saved and defaults the rest", () => {
    const journeys = parseJourneys({ expiring: { leadDays: [14] }, welcome: { enabled: false } });
    expect(journeys.expiring.leadDays).toEqual([14]);
    expect(journeys.expiring.enabled).toBe(true);
    expect(journeys.welcome.enabled).toBe(false);
  });

  it("falls back to the default for a journey saved in a shape it no longer reads", () => {
    expect(parseJourneys({ expiring: { leadDays: "soon" } }).expiring.leadDays).toEqual([30, 7]);
  });
});

describe("fillPlaceholders", () => {
  it("fills known placeholders and leaves unknown ones as written", () => {
    expect(fillPlaceholders("Hallo {name}, {points} Punkte bis {date}. {oops}", { name: "Anna", points: 120, date: "31. Dezember" })).toBe(
      "Hallo Anna, 120 Punkte bis 31. Dezember. {oops}",
    );
  });
});
