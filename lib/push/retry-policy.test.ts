import { describe, expect, it } from "vitest";
import { MAX_ATTEMPTS, retryDelayMs, shouldGiveUp } from "./retry-policy";

describe("push retry policy", () => {
  it("doubles the wait from 30 seconds and caps it at 6 hours", () => {
    expect([1, 2, 3, 4].map((a) => retryDelayMs(a, 0))).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(retryDelayMs(20, 0)).toBe(6 * 60 * 60 * 1000);
  });
  it("spreads retries by at most a fifth so failures at once do not return together", () => {
    expect(retryDelayMs(1, 0.999)).toBeGreaterThan(35_000);
    expect(retryDelayMs(1, 0.999)).toBeLessThanOrEqual(36_000);
  });
  it("waits 30 s, 1, 2, 4 and 8 minutes between six tries, about a quarter of an hour in all (what the README says)", () => {
    const waits = Array.from({ length: MAX_ATTEMPTS - 1 }, (_, i) => retryDelayMs(i + 1, 0));
    expect(waits).toEqual([30_000, 60_000, 120_000, 240_000, 480_000]);
    expect(waits.reduce((a, b) => a + b)).toBe(15.5 * 60_000);
    const longest = Array.from({ length: MAX_ATTEMPTS - 1 }, (_, i) => retryDelayMs(i + 1, 0.999_999)).reduce((a, b) => a + b);
    expect(longest).toBeLessThanOrEqual(18.6 * 60_000);
    expect(MAX_ATTEMPTS).toBe(6);
  });
  it("gives up after the last attempt only", () => {
    expect(shouldGiveUp(MAX_ATTEMPTS - 1)).toBe(false);
    expect(shouldGiveUp(MAX_ATTEMPTS)).toBe(true);
  });
});
