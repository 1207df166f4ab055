// The till's refusals name a date and a time: formatted as the production build formats its
// precompiled catalogue (next.config.js), where a date needs a Date and a skeleton, not a named style.
import compile from "icu-minify/compile";
import format, { type CompiledMessage } from "icu-minify/format";
import { describe, expect, it } from "vitest";
import de from "./messages/de.json";
import en from "./messages/en.json";
import { FORMATS } from "./formats";

const formatters = {
  getDateTimeFormat: (locale: string, options?: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(locale, options),
  getNumberFormat: (locale: string, options?: Intl.NumberFormatOptions) => new Intl.NumberFormat(locale, options),
  getPluralRules: (locale: string, options?: Intl.PluralRulesOptions) => new Intl.PluralRules(locale, options),
};
const say = (locale: "de" | "en", key: "tillReceiptBooked" | "tillCouponUsed" | "tillCouponExpired", values: Record<string, string | Date>) =>
  String(format(compile((locale === "de" ? de : en).console.errors[key]) as CompiledMessage, locale, values, { formatters, formats: FORMATS, timeZone: "Europe/Berlin" } as never));

describe("the till's refusals with a date", () => {
  const at = new Date("2026-11-22T10:05:00Z");
  it("say the day and the time in the program's time zone, in both languages", () => {
    expect(say("de", "tillReceiptBooked", { receipt: "A4711", store: "Laden Mitte", at })).toBe("Beleg A4711 (Laden Mitte) wurde schon am 22. Nov. 2026 um 11:05 Uhr gebucht.");
    expect(say("en", "tillReceiptBooked", { receipt: "A4711", store: "Laden Mitte", at })).toMatch(/^Receipt A4711 \(Laden Mitte\) was already booked on Nov 22, 2026 at 11:05\sAM\.$/);
    expect(say("de", "tillCouponUsed", { code: "TREUE-1", at })).toBe("Der Gutschein TREUE-1 wurde schon am 22. Nov. 2026 um 11:05 Uhr eingelöst.");
    expect(say("en", "tillCouponExpired", { code: "TREUE-1", at })).toBe("Coupon TREUE-1 expired on Nov 22, 2026.");
  });
});
