import { describe, expect, it } from "vitest";
import { generateCouponCode, parseCodeList } from "./coupon-code";

describe("parseCodeList", () => {
  it("takes the first CSV column, skips a header and blank lines, and drops repeats", () => {
    expect(parseCodeList('code;note\n"gg20-aaa1";x\n\nGG20-AAA1\r\nGG20-BBB2,later\n')).toEqual({ codes: ["GG20-AAA1", "GG20-BBB2"], invalid: [] });
  });

  it("names the lines that are not codes, with their line numbers", () => {
    expect(parseCodeList("GOOD-1\nzu kurz ä\nx")).toEqual({
      codes: ["GOOD-1"],
      invalid: [
        { line: 2, value: "zu kurz ä" },
        { line: 3, value: "x" },
      ],
    });
  });

  it("accepts Treue's own generated codes", () => {
    const code = generateCouponCode();
    expect(parseCodeList(code).codes).toEqual([code]);
  });
});
