// The islands' small formatter says exactly what next-intl says for the same message and values.
import compile from "icu-minify/compile";
import { createTranslator } from "use-intl/core";
import { describe, expect, it } from "vitest";
import de from "./messages/de.json";
import en from "./messages/en.json";
import { FORMATS } from "./formats";
import { translator } from "./island-text";

type Tree = { [key: string]: string | Tree };

/** The catalogue as the build hands it to the browser: every message precompiled (next.config.js). */
function precompiled(tree: Tree): Tree {
  return Object.fromEntries(Object.entries(tree).map(([k, v]) => [k, typeof v === "string" ? (compile(v) as unknown as string) : precompiled(v)]));
}

const cases: [namespace: string, key: string, values?: Record<string, string | number>][] = [
  ["rewards.detail", "balance", { count: 1 }],
  ["rewards.detail", "balance", { count: 12_345 }],
  ["rewards.detail", "perMember", { count: 1 }],
  ["rewards.detail", "perMember", { count: 3 }],
  ["tasks", "review.stars", { count: 4 }],
  ["tasks", "gamification.streak", { count: 0 }],
  ["tasks", "gamification.streak", { count: 2 }],
  ["profile", "title"],
];

describe("island text", () => {
  for (const [locale, messages] of [["de", de], ["en", en]] as const) {
    const compiled = precompiled(messages as unknown as Tree);
    it.each(cases)(`${locale}: %s.%s %j as next-intl says it`, (namespace, key, values) => {
      const expected = createTranslator({ locale, messages: messages as never, namespace: namespace as never, timeZone: "Europe/Berlin", formats: FORMATS })(key as never, values as never);
      const t = translator({ locale, timeZone: "Europe/Berlin", messages: compiled }, namespace);
      expect(t(key, values)).toBe(expected);
    });
  }

  it("shows the key of a missing message instead of breaking the screen", () => {
    expect(translator({ locale: "de", timeZone: "Europe/Berlin", messages: {} }, "tasks")("nope")).toBe("tasks.nope");
  });

  it("formats 12.345 points the German way and 12,345 the English way", () => {
    const t = (locale: "de" | "en", messages: Tree) => translator({ locale, timeZone: "Europe/Berlin", messages: precompiled(messages) }, "rewards.detail")("balance", { count: 12_345 });
    expect(t("de", de as unknown as Tree)).toBe("Dein Kontostand: 12.345 Punkte");
    expect(t("en", en as unknown as Tree)).toMatch(/12,345/);
  });
});
