import { describe, expect, it } from "vitest";
import { formatMemberNumber, luhnCheckDigit, memberNumberFrom, parseMemberNumber } from "./member-number";

describe("member numbers", () => {
  it("computes the Luhn check digit of known numbers", () => {
    // 7992739871 → 3 is the textbook example; 4539 1488 0343 646 → 7 a valid card number.
    expect(luhnCheckDigit("7992739871")).toBe(3);
    expect(luhnCheckDigit("453914880343646")).toBe(7);
  });

  it("makes ten-digit numbers that never start with 0 and that parse back", () => {
    for (const random of [0, 1, 123_456_789, 899_999_999, 999_999_999, 5_000_000_000]) {
      const number = memberNumberFrom(random);
      expect(number).toMatch(/^[1-9][0-9]{9}$/);
      expect(parseMemberNumber(number)).toEqual({ ok: true, number });
    }
  });

  it("accepts the printed form with spaces or dashes", () => {
    const number = memberNumberFrom(424_242_424);
    expect(parseMemberNumber(formatMemberNumber(number))).toEqual({ ok: true, number });
    expect(parseMemberNumber(` ${number.slice(0, 5)}-${number.slice(5)} `)).toEqual({ ok: true, number });
  });

  it("refuses a mistyped digit and two swapped neighbours", () => {
    const number = memberNumberFrom(271_828_182);
    const typo = number.slice(0, 3) + ((Number(number[3]) + 1) % 10) + number.slice(4);
    expect(parseMemberNumber(typo)).toEqual({ ok: false, reason: "check" });
    const i = [...number].findIndex((d, k) => k < 8 && d !== number[k + 1]);
    const swapped = number.slice(0, i) + number[i + 1] + number[i] + number.slice(i + 2);
    expect(parseMemberNumber(swapped)).toEqual({ ok: false, reason: "check" });
  });

  it("says why other input is no member number", () => {
    expect(parseMemberNumber("  ")).toEqual({ ok: false, reason: "empty" });
    expect(parseMemberNumber("12345")).toEqual({ ok: false, reason: "format" });
    expect(parseMemberNumber("anna@demo.treue.shop")).toEqual({ ok: false, reason: "format" });
    expect(formatMemberNumber("1234567890")).toBe("1234 5678 90");
  });
});
