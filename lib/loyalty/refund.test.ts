import { describe, expect, it } from "vitest";
import { clawbackForRefund, settleDebt, splitClawback } from "./refund";

const order = { subtotalCents: 10_000, pointsEarned: 100, refundedCents: 0, pointsClawedBack: 0 };

describe("clawbackForRefund", () => {
  it("takes back points pro rata", () => {
    expect(clawbackForRefund(order, 2_500)).toEqual({ refundedCents: 2_500, points: 25 });
    expect(clawbackForRefund({ ...order, pointsEarned: 42, subtotalCents: 4_299 }, 1_000)).toEqual({ refundedCents: 1_000, points: 9 });
  });

  it("sums partial refunds and ends at exactly what was earned", () => {
    let state = { ...order, pointsEarned: 7, subtotalCents: 1_000 };
    let total = 0;
    for (const amount of [333, 333, 334]) {
      const { refundedCents, points } = clawbackForRefund(state, amount);
      total += points;
      state = { ...state, refundedCents, pointsClawedBack: state.pointsClawedBack + points };
    }
    expect(total).toBe(7);
  });

  it("never takes more than earned, however much is refunded", () => {
    expect(clawbackForRefund(order, 50_000)).toEqual({ refundedCents: 10_000, points: 100 });
    expect(clawbackForRefund({ ...order, refundedCents: 10_000, pointsClawedBack: 100 }, 1)).toEqual({ refundedCents: 10_000, points: 0 });
  });

  it("takes nothing back from an order that earned nothing", () => {
    expect(clawbackForRefund({ ...order, subtotalCents: 0, pointsEarned: 0 }, 100).points).toBe(0);
    expect(clawbackForRefund({ ...order, subtotalCents: 50, pointsEarned: 0 }, 50).points).toBe(0);
  });

  it("refuses a refund that is not a positive whole amount", () => {
    expect(() => clawbackForRefund(order, 0)).toThrow(RangeError);
    expect(() => clawbackForRefund(order, 1.5)).toThrow(RangeError);
  });
});

describe("debt", () => {
  it("puts what the balance cannot cover into debt", () => {
    expect(splitClawback(30, 50)).toEqual({ fromBalance: 30, toDebt: 20 });
    expect(splitClawback(80, 50)).toEqual({ fromBalance: 50, toDebt: 0 });
    expect(splitClawback(0, 5)).toEqual({ fromBalance: 0, toDebt: 5 });
  });

  it("settles debt from new points first", () => {
    expect(settleDebt(20, 50)).toEqual({ settled: 20, remainingDebt: 0 });
    expect(settleDebt(20, 5)).toEqual({ settled: 5, remainingDebt: 15 });
    expect(settleDebt(0, 5)).toEqual({ settled: 0, remainingDebt: 0 });
  });
});
