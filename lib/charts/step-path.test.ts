import { describe, expect, it } from "vitest";
import { stepPath } from "./step-path";

describe("stepPath", () => {
  const day = (n: number) => new Date(Date.UTC(2026, 0, 1 + n));

  it("rises at each entry and holds until the next, scaled to the box", () => {
    const d = stepPath(
      [
        { at: day(0), balance: 50 },
        { at: day(5), balance: 100 },
      ],
      100,
      40,
      day(10),
    );
    expect(d).toBe("M0 40.0 H0.0 V20.0 H50.0 V0.0 H100");
  });

  it("draws nothing without entries and never dips below the axis", () => {
    expect(stepPath([], 100, 40, day(1))).toBe("");
    expect(stepPath([{ at: day(0), balance: -5 }], 10, 10, day(1))).toBe("M0 10.0 H0.0 V10.0 H10");
  });
});
