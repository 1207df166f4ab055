import { describe, expect, it } from "vitest";
import { centsFromText, numberFromText, previewable } from "./form-input";

describe("number fields", () => {
  it("reads empty as missing, a comma as a decimal point and anything else as not a number", () => {
    expect(numberFromText("  ")).toBeUndefined();
    expect(numberFromText("-500")).toBe(-500);
    expect(numberFromText("2,5")).toBe(2.5);
    expect(numberFromText("1e3")).toBeNaN();
    expect(numberFromText("zehn")).toBeNaN();
    expect(numberFromText("99999999999999999999")).toBe(1e20);
  });

  it("reads money in whole units as cents, keeping a third decimal visible to the schema", () => {
    expect(centsFromText("12,50")).toBe(1250);
    expect(centsFromText("0.1")).toBe(10);
    expect(centsFromText("")).toBeUndefined();
    expect(centsFromText("1,005")).not.toBe(Math.round(100.5));
  });

  it("previews only numbers in the field's range", () => {
    expect(previewable(-500, { min: 1, max: 100_000 })).toBeNull();
    expect(previewable(1e20, { min: 1, max: 1_000_000 })).toBeNull();
    expect(previewable(Number.NaN, { min: 0, max: 10 })).toBeNull();
    expect(previewable(500, { min: 1, max: 100_000 })).toBe(500);
  });
});
