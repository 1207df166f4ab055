// What a message names: one of the program's tiers (in either language), a coupon code, an order.
// The member's own codes and order numbers are looked for first, exactly; otherwise what looks like
// one by its shape ("Bestellung #1042", "TREUE-7K3M-Q9XD-2HNV").
import { normaliseCouponCode } from "../coupon-code";
import { sameWord, skeleton, words } from "./text";

export type NamedTier = { id: string; name: { de: string; en: string } };

/** What the message is read against: the program's tiers, and the member's coupon codes and order numbers. */
export type Vocabulary = { tiers: readonly NamedTier[]; couponCodes?: readonly string[]; orderIds?: readonly string[] };

export type Entities = { tierId: string | null; couponCode: string | null; orderId: string | null };

/** The tier whose name (German or English) the words contain; the longest name wins ("Gold Plus" over "Gold"). */
export function findTier(tokens: readonly string[], tiers: readonly NamedTier[]): string | null {
  let best: { id: string; length: number } | null = null;
  for (const tier of tiers) {
    for (const name of [tier.name.de, tier.name.en]) {
      const parts = words(name).map(skeleton);
      if (parts.length === 0 || (best && best.length >= parts.length)) continue;
      const at = tokens.findIndex((_, i) => parts.every((part, k) => tokens[i + k] !== undefined && sameWord(tokens[i + k]!, part)));
      if (at >= 0) best = { id: tier.id, length: parts.length };
    }
  }
  return best?.id ?? null;
}

// "Bestellung #1042", "Bestellnr. 55-A1", "order number: SW10023", "Auftrag 7781".
const ORDER_AFTER_WORD =
  /\b(?:bestell(?:ung|nummer|nr)?|auftrag(?:snummer|snr)?|order(?:\s+(?:number|no|nr))?)\b\.?\s*(?:(?:nr|no|nummer|number)\b\.?\s*)?[#:]?\s*([a-z0-9][a-z0-9_/-]{0,63})/gi;
const HASH_NUMBER = /#\s?([a-z0-9][a-z0-9_/-]{0,63})/gi;
const CODE_SHAPED = /[A-Za-z0-9][A-Za-z0-9_-]{4,63}/g;

const hasDigit = (s: string) => /\d/.test(s);
/** A known code or id as typed anywhere in a text: any case, a space or dash between its characters or not. */
function mentions(text: string, value: string, prefix = ""): boolean {
  const chars = [...normaliseCouponCode(value).replace(/[\s-]/g, "")].map(escapeRegExp);
  return chars.length > 0 && new RegExp(`(^|[^A-Z0-9])${prefix}${chars.join("[\\s-]?")}($|[^A-Z0-9])`).test(text.toUpperCase());
}
const longestFirst = (a: string, b: string) => b.length - a.length;

function orderIdIn(text: string, known: readonly string[]): string | null {
  // A short number ("12") would be found in any date or amount: only a longer one counts on its own.
  const mentioned = known.filter((id) => id.length >= 4 && mentions(text, id, "#?"));
  if (mentioned.length > 0) return mentioned.sort(longestFirst)[0]!;
  for (const pattern of [ORDER_AFTER_WORD, HASH_NUMBER]) {
    for (const match of text.matchAll(pattern)) {
      const id = match[1]!.replace(/[/-]+$/, "");
      if (hasDigit(id)) return id;
    }
  }
  return null;
}

function couponCodeIn(text: string, known: readonly string[], orderId: string | null): string | null {
  const mentioned = known.filter((code) => mentions(text, code));
  if (mentioned.length > 0) return mentioned.sort(longestFirst)[0]!;
  for (const [token] of text.matchAll(CODE_SHAPED)) {
    if (orderId !== null && token.toUpperCase() === orderId.toUpperCase()) continue;
    // Letters and digits mixed ("SOMMER10"), or capitals joined by dashes ("TREUE-7K3M"): a code,
    // where "E-Mail" or "2024" is not.
    const mixed = hasDigit(token) && /[a-z]/i.test(token);
    const capitalsJoined = /[-_]/.test(token) && token === token.toUpperCase() && /[A-Z]/.test(token);
    if (mixed || capitalsJoined) return normaliseCouponCode(token);
  }
  return null;
}

export function extractEntities(text: string, vocabulary: Vocabulary): Entities {
  const orderId = orderIdIn(text, vocabulary.orderIds ?? []);
  return {
    tierId: findTier(words(text).map(skeleton), vocabulary.tiers),
    orderId,
    couponCode: couponCodeIn(text, vocabulary.couponCodes ?? [], orderId),
  };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
