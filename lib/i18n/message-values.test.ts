import { describe, expect, it } from "vitest";
import { messageValues } from "./message-values";

const nbsp = (s: string | number | undefined) => String(s).replace(/\u00a0/g, " ");

describe("messageValues", () => {
  it("writes a queued amount in the currency it was queued with", () => {
    const params = { tier_de: "Gold", tier_en: "Gold", expiresAt: "2026-12-24T10:00:00Z", missingCents: 11_900, currency: "CHF" };
    expect(nbsp(messageValues(params, "de", "Europe/Zurich").missing)).toBe("119,00 CHF");
    expect(nbsp(messageValues(params, "en", "Europe/Zurich").missing)).toBe("CHF 119.00");
    expect(messageValues(params, "de", "Europe/Zurich")).toMatchObject({ tier: "Gold", date: "24. Dezember" });
  });

  it("reads an amount queued before amounts carried a currency as euros, the only currency then", () => {
    expect(nbsp(messageValues({ missingCents: 4_299 }, "de", "Europe/Berlin").missing)).toBe("42,99 €");
  });
});
