import { describe, expect, it } from "vitest";
import { DISCOUNT_RETRY_DELAYS_S, nextDiscountAttempt } from "./retry";

describe("asking a shop again", () => {
  const now = new Date("2026-12-07T10:00:00Z");
  it("tries again within seconds first, then further apart", () => {
    expect(nextDiscountAttempt(1, now)).toEqual(new Date("2026-12-07T10:00:05Z"));
    expect(nextDiscountAttempt(2, now)).toEqual(new Date("2026-12-07T10:00:15Z"));
    expect(nextDiscountAttempt(8, now)).toEqual(new Date("2026-12-07T16:00:00Z"));
  });
  it("gives up after the last try", () => {
    expect(nextDiscountAttempt(DISCOUNT_RETRY_DELAYS_S.length + 1, now)).toBeNull();
  });
});
