import { describe, expect, it } from "vitest";
import { expiredPoints, nextExpiry, remainingLots } from "./expiry-lots";

const at = (iso: string) => new Date(`${iso}T10:00:00Z`);
let id = 0;
const m = (delta: number, iso: string) => ({ id: ++id, delta, at: at(iso) });

describe("points that expire per earning, oldest spent first", () => {
  const earnJan = m(100, "2025-01-15");
  const earnMar = m(50, "2025-03-10");
  const redeem = m(-120, "2025-04-01"); // takes all of January and 20 of March

  it("spends the oldest lot first", () => {
    expect(remainingLots([earnJan, earnMar, redeem], 12, "UTC").map((l) => [l.id, l.remaining])).toEqual([[earnMar.id, 30]]);
  });

  it("expires only what is left of a lot once its months are over", () => {
    expect(expiredPoints([earnJan, earnMar, redeem], at("2026-03-09"), 12, "UTC")).toEqual({ points: 0, lastLotId: null });
    expect(expiredPoints([earnJan, earnMar, redeem], at("2026-03-10"), 12, "UTC")).toEqual({ points: 30, lastLotId: earnMar.id });
  });

  it("finds nothing more once the expire row is booked (a rerun is a no-op)", () => {
    const expire = m(-30, "2026-03-10");
    expect(expiredPoints([earnJan, earnMar, redeem, expire], at("2026-06-01"), 12, "UTC").points).toBe(0);
  });

  it("says when the next points expire and how many", () => {
    const later = m(70, "2025-09-01");
    expect(nextExpiry([earnJan, earnMar, redeem, later], at("2025-12-01"), 12, "UTC")).toEqual({ points: 30, at: at("2026-03-10") });
    expect(nextExpiry([], at("2025-12-01"), 12, "UTC")).toBeNull();
  });

  it("clamps to the month's end like the inactivity rule (31 January + 1 month = 28 February)", () => {
    const lot = m(10, "2025-01-31");
    expect(remainingLots([lot], 1, "UTC")[0]!.expiresAt).toEqual(at("2025-02-28"));
  });
});
