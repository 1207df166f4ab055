import { describe, expect, it } from "vitest";
import * as limits from "./limits";

const INT4_MAX = 2_147_483_647;

describe("field limits", () => {
  it("fit the database's integer columns, and every range is the right way round", () => {
    const ranges = Object.entries(limits).filter(([, v]) => typeof v === "object" && "min" in v && "max" in v) as [string, { min: number; max: number }][];
    expect(ranges.length).toBeGreaterThan(6);
    for (const [name, { min, max }] of ranges) {
      expect(Math.abs(min), name).toBeLessThanOrEqual(INT4_MAX);
      expect(max, name).toBeLessThanOrEqual(INT4_MAX);
      expect(min, name).toBeLessThan(max);
    }
    expect(limits.SLUG.pattern.test("gutschein-5")).toBe(true);
    expect(limits.SLUG.pattern.test("Gutschein 5")).toBe(false);
  });
});
