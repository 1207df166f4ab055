import { describe, expect, it } from "vitest";
import { proRata, toCents } from "./money";

describe("toCents", () => {
  it("reads decimal strings and JSON numbers digit by digit", () => {
    expect(toCents("59.90")).toBe(5_990);
    expect(toCents("0.29")).toBe(29); // 0.29 * 100 is 28.999999999999996 in binary floating point
    expect(toCents(0.29)).toBe(29);
    expect(toCents(1.005)).toBe(101); // a third decimal rounds half up
    expect(toCents("-23.22")).toBe(-2_322);
    expect(toCents("12")).toBe(1_200);
    expect(toCents("4.9")).toBe(490);
    expect(toCents(1e21)).toBeNull();
  });

  it("refuses what is not an amount", () => {
    for (const bad of ["", "1,50", "1.2.3", "abc", null, undefined, Number.NaN, {}]) expect(toCents(bad)).toBeNull();
  });
});

describe("proRata", () => {
  it("takes the share half up and never divides by zero", () => {
    expect(proRata(2_322, 20_783, 25_222)).toBe(1_913);
    expect(proRata(25_222, 20_783, 25_222)).toBe(20_783);
    expect(proRata(100, 1, 3)).toBe(33);
    expect(proRata(100, 1, 0)).toBe(0);
  });
});
