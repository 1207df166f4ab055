// How the assistant reads a shopper's words: the same word spelled with or without umlauts, in
// any case, with a doubled or dropped letter, compares equal. Pure string work, no language model.

/** Lower case, umlauts as ae/oe/ue and ß as ss, other accents and apostrophes dropped ("Didn't" → "didnt"). */
export function fold(text: string): string {
  return text
    .toLowerCase()
    .replace(/ä/g, "ae")
    .replace(/ö/g, "oe")
    .replace(/ü/g, "ue")
    .replace(/ß/g, "ss")
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/['’`´]/g, "");
}

/** The words of a text, folded. */
export function words(text: string): string[] {
  return fold(text)
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/**
 * A word's skeleton: "für", "fuer" and "fur" all become "fur", "Punkkte" becomes "punkte". People type
 * umlauts three ways and double letters by accident; comparing skeletons forgives both.
 */
export function skeleton(word: string): string {
  return word.replace(/([aou])e/g, "$1").replace(/(.)\1+/g, "$1");
}

/** Edits (insert, delete, replace, swap two neighbours) between two words: optimal string alignment. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * Typos forgiven for a word of this length: none below five letters ("Gold" and "Geld" are
 * different words), one up to eight, two from nine.
 */
export function typosAllowed(length: number): number {
  return length < 5 ? 0 : length < 9 ? 1 : 2;
}

/**
 * Whether a typed word is `expected` (a skeleton), within the typos its length allows. The first
 * letter must be right: "meine" is not a typo of "keine", nor "kaufen" of "laufen".
 */
export function sameWord(typed: string, expected: string): boolean {
  return typed === expected || (typed[0] === expected[0] && editDistance(typed, expected) <= typosAllowed(expected.length));
}

/** Whether a typed word starts with `stem` (a skeleton), within the typos the stem's length allows. */
export function startsLike(typed: string, stem: string): boolean {
  if (typed.startsWith(stem)) return true;
  const allowed = typosAllowed(stem.length);
  if (allowed === 0 || typed.length < stem.length - allowed || typed[0] !== stem[0]) return false;
  // A typo before the stem's end shifts it by one: compare the prefixes one shorter and longer too.
  for (let length = stem.length - allowed; length <= stem.length + allowed; length++) {
    if (editDistance(typed.slice(0, length), stem) <= allowed) return true;
  }
  return false;
}
