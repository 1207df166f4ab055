import { describe, expect, it } from "vitest";
import { resolveLocale } from "./config";

describe("resolveLocale", () => {
  it("defaults to German when nothing is known", () => {
    expect(resolveLocale(undefined, undefined)).toBe("de");
    expect(resolveLocale(undefined, "")).toBe("de");
    expect(resolveLocale(undefined, "fr-FR,fr;q=0.9")).toBe("de");
  });

  it("honours the shopper's saved choice over the browser", () => {
    expect(resolveLocale("en", "de-DE,de;q=0.9")).toBe("en");
    expect(resolveLocale("de", "en-US")).toBe("de");
  });

  it("ignores a tampered cookie", () => {
    expect(resolveLocale("xx", "en-GB")).toBe("en");
  });

  it("picks the best supported browser language by quality", () => {
    expect(resolveLocale(undefined, "en-US,en;q=0.9,de;q=0.8")).toBe("en");
    expect(resolveLocale(undefined, "fr;q=1, de;q=0.5, en;q=0.7")).toBe("en");
    expect(resolveLocale(undefined, "de-AT")).toBe("de");
    expect(resolveLocale(undefined, "en;q=0, de;q=0.1")).toBe("de");
  });
});
