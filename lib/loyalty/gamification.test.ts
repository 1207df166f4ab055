import { describe, expect, it } from "vitest";
import { challengeProgress, earnedBadges, parseChallenges, periodKey, periodStart, weeklyStreak } from "./gamification";

const now = new Date("2026-11-25T12:00:00Z"); // a Wednesday
const [reviews] = parseChallenges([{ id: "reviews-3", title: { de: "3 Bewertungen diesen Monat", en: "3 reviews this month" }, taskKind: "product_review", target: 3, bonusPoints: 100 }]);

describe("challenges", () => {
  it("counts this month's completions of the kind, capped at the target", () => {
    const at = (iso: string) => ({ kind: "product_review" as const, at: new Date(iso) });
    expect(challengeProgress(reviews!, [at("2026-10-31T23:59:59Z"), at("2026-11-01T00:00:00Z")], now, "UTC")).toEqual({ count: 1, done: false });
    expect(challengeProgress(reviews!, [at("2026-11-02T00:00:00Z"), at("2026-11-03T00:00:00Z"), at("2026-11-04T00:00:00Z"), at("2026-11-05T00:00:00Z")], now, "UTC")).toEqual({ count: 3, done: true });
    expect(challengeProgress(reviews!, [{ kind: "survey", at: new Date("2026-11-02T00:00:00Z") }], now, "UTC")).toEqual({ count: 0, done: false });
  });

  it("names periods for the bonus key", () => {
    expect(periodKey("month", now, "UTC")).toBe("2026-11");
    expect(periodKey("week", now, "UTC")).toBe("W2026-11-23");
    expect(periodStart("week", new Date("2026-11-23T00:00:00Z"), "UTC").toISOString()).toBe("2026-11-23T00:00:00.000Z");
    expect(periodStart("week", new Date("2026-11-29T23:59:59Z"), "UTC").toISOString()).toBe("2026-11-23T00:00:00.000Z");
  });

  it("rejects a malformed challenge", () => {
    expect(() => parseChallenges([{ id: "x", title: { de: "x", en: "x" }, taskKind: "dance", target: 1, bonusPoints: 1 }])).toThrow();
  });
});

describe("weeklyStreak", () => {
  const d = (iso: string) => new Date(iso);
  it("counts consecutive weeks with activity up to this one", () => {
    expect(weeklyStreak([d("2026-11-24T10:00:00Z"), d("2026-11-17T10:00:00Z"), d("2026-11-10T10:00:00Z"), d("2026-10-20T10:00:00Z")], now, "UTC")).toBe(3);
  });

  it("keeps last week's streak alive until this week ends, and breaks on a gap", () => {
    expect(weeklyStreak([d("2026-11-17T10:00:00Z"), d("2026-11-10T10:00:00Z")], now, "UTC")).toBe(2);
    expect(weeklyStreak([d("2026-11-10T10:00:00Z")], now, "UTC")).toBe(0);
    expect(weeklyStreak([], now, "UTC")).toBe(0);
  });
});

describe("badges", () => {
  it("awards each badge at its threshold", () => {
    expect(earnedBadges({ approvedReviews: 0, approvedPhotos: 4, rewardedReferrals: 0, surveys: 0, streak: 3 })).toEqual([]);
    expect(earnedBadges({ approvedReviews: 1, approvedPhotos: 5, rewardedReferrals: 1, surveys: 1, streak: 4 })).toEqual(["first-review", "five-photos", "ambassador", "voice", "streak-4"]);
  });
});
