import { describe, expect, it } from "vitest";
import { editDistance, fold, sameWord, skeleton, startsLike, words } from "./text";

describe("reading a shopper's words", () => {
  it("folds case, umlauts, ß, accents and apostrophes", () => {
    expect(fold("Für GRÜßE, Café – didn't")).toBe("fuer gruesse, cafe – didnt");
    expect(words("Wie viele Punkte? (Bestellung #1042)")).toEqual(["wie", "viele", "punkte", "bestellung", "1042"]);
  });

  it("gives the three spellings of an umlaut and a doubled letter one skeleton", () => {
    expect(new Set(["für", "fuer", "fur"].map((w) => skeleton(fold(w))))).toEqual(new Set(["fur"]));
    expect(skeleton(fold("gültig"))).toBe(skeleton(fold("gultig")));
    expect(skeleton("punkkte")).toBe(skeleton("punkte"));
  });

  it("counts a swap of two neighbours as one typo", () => {
    expect(editDistance("pnukte", "punkte")).toBe(1);
    expect(editDistance("punkte", "punkte")).toBe(0);
    expect(editDistance("", "abc")).toBe(3);
  });

  it("forgives a typo only in longer words, and never in the first letter", () => {
    expect(sameWord("mitarbeitr", "mitarbeiter")).toBe(true);
    expect(sameWord("geld", "gold")).toBe(false);
    expect(sameWord("meine", "keine")).toBe(false);
    expect(startsLike("verfalen", "verfal")).toBe(true);
    expect(startsLike("gutshein", "gutschein")).toBe(true);
    expect(startsLike("kaufen", "laufen")).toBe(false);
  });
});
