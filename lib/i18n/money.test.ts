import { describe, expect, it } from "vitest";
import { currencySymbol, currencyUnitName, formatMoney, formatMoneyUnit, isCurrencyCode } from "./money";

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

  it("writes Swiss francs in the app's two languages", () => {
    expect(nbsp(formatMoney("de", 11_900, "CHF"))).toBe("119,00 CHF");
    expect(nbsp(formatMoney("en", 11_900, "CHF"))).toBe("CHF 119.00");
  });
});

describe("a currency's unit, sign and name", () => {
  it("says one whole unit as a rate does", () => {
    expect(nbsp(formatMoneyUnit("de", "EUR"))).toBe("1 €");
    expect(formatMoneyUnit("en", "EUR")).toBe("€1");
    expect(nbsp(formatMoneyUnit("de", "CHF"))).toBe("1 CHF");
    expect(nbsp(formatMoneyUnit("en", "CHF"))).toBe("CHF 1");
  });

  it("gives the short sign for form labels", () => {
    expect(currencySymbol("de", "EUR")).toBe("€");
    expect(currencySymbol("en", "EUR")).toBe("€");
    expect(currencySymbol("de", "CHF")).toBe("CHF");
    expect(currencySymbol("en", "USD")).toBe("$");
  });

  it("names one unit for 'points per …'", () => {
    expect(currencyUnitName("de", "EUR")).toBe("Euro");
    expect(currencyUnitName("en", "EUR")).toBe("euro");
    expect(currencyUnitName("de", "CHF")).toBe("Schweizer Franken");
    expect(currencyUnitName("en", "CHF")).toBe("Swiss franc");
  });

  it("knows ISO 4217 codes, not look-alikes", () => {
    expect(isCurrencyCode("CHF")).toBe(true);
    expect(isCurrencyCode("EUR")).toBe(true);
    expect(isCurrencyCode("eur")).toBe(false);
    expect(isCurrencyCode("€")).toBe(false);
    expect(isCurrencyCode("XXY")).toBe(false);
  });
});
