import { describe, expect, it } from "vitest";
import { birthdayBonus, dayStart, npsCategory, parseTaskConfig, repeatPeriodStart, reviewableProducts, reviewSchema, surveyAnswersSchema, taskAvailability } from "./tasks";

const now = new Date("2026-11-23T15:00:00Z");

describe("taskAvailability", () => {
  const config = parseTaskConfig({ dailyCap: 2, maxPerMember: 5 });

  it("allows a task within its window, cap and limit", () => {
    expect(taskAvailability(config, { now, submittedToday: 1, submittedInPeriod: 4 })).toEqual({ ok: true });
  });

  it("stops at the daily cap and the per-member limit", () => {
    expect(taskAvailability(config, { now, submittedToday: 2, submittedInPeriod: 2 })).toEqual({ ok: false, reason: "daily-cap" });
    expect(taskAvailability(config, { now, submittedToday: 0, submittedInPeriod: 5 })).toEqual({ ok: false, reason: "done" });
    expect(taskAvailability(parseTaskConfig({ maxPerMember: null }), { now, submittedToday: 0, submittedInPeriod: 500 })).toEqual({ ok: true });
  });

  it("respects the validity window at its edges", () => {
    const windowed = parseTaskConfig({ validFrom: "2026-11-23T15:00:00Z", validUntil: "2026-11-30T00:00:00Z" });
    expect(taskAvailability(windowed, { now, submittedToday: 0, submittedInPeriod: 0 })).toEqual({ ok: true });
    expect(taskAvailability(windowed, { now: new Date("2026-11-23T14:59:59Z"), submittedToday: 0, submittedInPeriod: 0 })).toEqual({ ok: false, reason: "not-yet" });
    expect(taskAvailability(windowed, { now: new Date("2026-11-30T00:00:01Z"), submittedToday: 0, submittedInPeriod: 0 })).toEqual({ ok: false, reason: "ended" });
  });
});

describe("surveys that repeat", () => {
  const quarterly = parseTaskConfig({ maxPerMember: 1, repeatEvery: "quarter" });

  it("allow one answer per quarter and say when the next one is possible", () => {
    expect(taskAvailability(quarterly, { now, submittedToday: 0, submittedInPeriod: 1 })).toEqual({ ok: false, reason: "done-quarter" });
    expect(taskAvailability(quarterly, { now, submittedToday: 0, submittedInPeriod: 0 })).toEqual({ ok: true });
  });

  it("start each period at local midnight in the program's time zone", () => {
    // 1 October 00:30 in Berlin is still 30 September in UTC: it belongs to the new quarter.
    expect(repeatPeriodStart("quarter", new Date("2026-09-30T22:30:00Z"), "Europe/Berlin")).toEqual(new Date("2026-09-30T22:00:00Z"));
    expect(repeatPeriodStart("quarter", new Date("2026-09-30T21:30:00Z"), "Europe/Berlin")).toEqual(new Date("2026-06-30T22:00:00Z"));
    // Winter time: the month begins at 23:00 UTC the day before.
    expect(repeatPeriodStart("month", now, "Europe/Berlin")).toEqual(new Date("2026-10-31T23:00:00Z"));
    expect(repeatPeriodStart("year", now, "Europe/Berlin")).toEqual(new Date("2025-12-31T23:00:00Z"));
    expect(repeatPeriodStart("never", now, "Europe/Berlin")).toBeNull();
  });
});

describe("reviews", () => {
  it("offers each bought product once, minus those already reviewed", () => {
    const items = [
      { sku: "A", name: "Zelt" },
      { sku: "B", name: "Jacke" },
      { sku: "A", name: "Zelt" },
    ];
    expect(reviewableProducts(items, new Set(["B"]))).toEqual([{ sku: "A", name: "Zelt" }]);
  });

  it("needs 1–5 stars and a text of the configured length", () => {
    const schema = reviewSchema(parseTaskConfig({ minTextLength: 10 }));
    expect(schema.safeParse({ sku: "A", rating: "5", text: "Sehr gutes Zelt!" }).success).toBe(true);
    expect(schema.safeParse({ sku: "A", rating: 0, text: "Sehr gutes Zelt!" }).success).toBe(false);
    expect(schema.safeParse({ sku: "A", rating: 6, text: "Sehr gutes Zelt!" }).success).toBe(false);
    expect(schema.safeParse({ sku: "A", rating: 4, text: "   kurz    " }).error?.issues[0]?.message).toBe("text-too-short");
  });
});

describe("surveys", () => {
  const questions = parseTaskConfig({
    questions: [
      { id: "nps", type: "nps", label: { de: "Wie wahrscheinlich …?", en: "How likely …?" } },
      { id: "why", type: "text", label: { de: "Warum?", en: "Why?" } },
      { id: "channel", type: "single", label: { de: "Wie?", en: "How?" }, options: [{ de: "Web", en: "Web" }, { de: "App", en: "App" }] },
      { id: "likes", type: "multiple", label: { de: "Was?", en: "What?" }, options: [{ de: "A", en: "A" }, { de: "B", en: "B" }] },
      { id: "ease", type: "scale", label: { de: "Einfach?", en: "Easy?" }, min: 1, max: 5 },
    ],
  }).questions;
  const schema = surveyAnswersSchema(questions);

  it("accepts complete answers in range, the follow-up optional", () => {
    expect(schema.safeParse({ nps: "10", channel: 1, likes: [0, 1], ease: 3 }).success).toBe(true);
  });

  it("refuses answers out of range or missing", () => {
    expect(schema.safeParse({ nps: 11, channel: 1, likes: [], ease: 3 }).success).toBe(false);
    expect(schema.safeParse({ nps: 5, channel: 2, likes: [], ease: 3 }).success).toBe(false);
    expect(schema.safeParse({ nps: 5, channel: 0, likes: [], ease: 6 }).success).toBe(false);
    expect(schema.safeParse({ channel: 0, likes: [], ease: 3 }).success).toBe(false);
  });

  it("buckets NPS answers", () => {
    expect([0, 6, 7, 8, 9, 10].map(npsCategory)).toEqual(["detractor", "detractor", "passive", "passive", "promoter", "promoter"]);
  });

  it("counts days from midnight in the program's time zone", () => {
    expect(dayStart(now, "UTC").toISOString()).toBe("2026-11-23T00:00:00.000Z");
    expect(dayStart(now, "Europe/Berlin").toISOString()).toBe("2026-11-22T23:00:00.000Z");
  });
});

describe("birthdayBonus", () => {
  it("pays in the birthday month, once a year", () => {
    expect(birthdayBonus("1990-11-30", now, null, "UTC")).toEqual({ ok: true });
    expect(birthdayBonus("1990-11-30", now, new Date("2025-11-30T08:00:00Z"), "UTC")).toEqual({ ok: true });
    expect(birthdayBonus("1990-11-30", now, new Date("2026-11-01T08:00:00Z"), "UTC")).toEqual({ ok: false, reason: "done" });
    expect(birthdayBonus("1990-12-01", now, null, "UTC")).toEqual({ ok: false, reason: "not-birthday-month" });
    expect(birthdayBonus(null, now, null, "UTC")).toEqual({ ok: false, reason: "no-birthday" });
  });
});
