import { describe, expect, it } from "vitest";
import { formatMoney } from "./money";

// Intl uses a no-break space between amount and symbol in German.
const nbsp = (s: string) => s.replace(/\u00a0/g, " ");

describe("formatMoney", () => {
  it("writes euros the German way and the English way", () => {
    expect(nbsp(formatMoney("de", 4_299, "EUR"))).toBe("42,99 €");
    expect(formatMoney("en", 4_299, "EUR")).toBe("€42.99");
    expect(nbsp(formatMoney("de", 123_456, "EUR"))).toBe("1.234,56 €");
  });

  it("keeps the cents of round amounts and respects currencies without minor units", () => {
    expect(nbsp(formatMoney("de", 5_000, "EUR"))).toBe("50,00 €");
    expect(formatMoney("en", 1_500, "JPY")).toBe("¥1,500");
    expect(nbsp(formatMoney("de-CH", 1_050, "CHF"))).toBe("CHF 10.50");
  });
});
