// Every `{x, date, <style>}` in the catalogues must render as the production build renders them
// (precompiled, where only the styles in FORMATS exist): the audit log's scheduled changes once
// failed with "Missing date format".
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

function* messages(node: unknown, path: string[] = []): Generator<[string, string]> {
  if (typeof node === "string") yield [path.join("."), node];
  else if (node && typeof node === "object") for (const [k, v] of Object.entries(node)) yield* messages(v, [...path, k]);
}

describe("named date styles in the catalogues", () => {
  it("exist in FORMATS", () => {
    const styles = new Set<string>();
    for (const catalogue of [de, en]) for (const [, text] of messages(catalogue)) for (const m of text.matchAll(/\{\s*\w+\s*,\s*(?:date|time)\s*,\s*([a-zA-Z]+)\s*\}/g)) styles.add(m[1]!);
    expect([...styles].filter((s) => !(s in FORMATS.dateTime))).toEqual([]);
  });

  it("render a scheduled change's date in the audit log", () => {
    const say = (catalogue: typeof de, locale: string) =>
      String(format(compile(catalogue.console.audit.sentences.program_earn_rule) as CompiledMessage, locale, { actor: "Anna", version: 3, from: new Date("2026-11-22T10:05:00Z"), link: (c: unknown) => c } as never, { formatters, formats: FORMATS, timeZone: "Europe/Berlin" } as never));
    expect(say(de, "de")).toContain("gültig ab 22. Nov. 2026");
    expect(say(en, "en")).toContain("Nov 22, 2026");
  });
});
