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
  it("gives up after the last attempt only", () => {
    expect(shouldGiveUp(MAX_ATTEMPTS - 1)).toBe(false);
    expect(shouldGiveUp(MAX_ATTEMPTS)).toBe(true);
  });
});
