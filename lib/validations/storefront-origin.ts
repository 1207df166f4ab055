// What counts as a storefront origin: a page's address as browsers send it in the Origin header
// (https://shop.example: scheme, host, and a port only when it is not the default). One rule for
// TREUE_STOREFRONT_ORIGINS (lib/env.ts), the console's list (Console → Storefront) and the form
// that edits it, so an entry accepted in one place is accepted, and written, the same everywhere.
// Pure: no Node, no Next, no database; it runs in the browser too.

/** Why an entry is not a storefront origin; each has a message under consoleStorefront.errors. */
export const ORIGIN_PROBLEMS = ["empty", "tooLong", "notAnAddress", "scheme", "insecure", "wildcard", "credentials", "path"] as const;
export type OriginProblem = (typeof ORIGIN_PROBLEMS)[number];

/** Why an origin cannot join the console's list; messages under consoleStorefront.errors too. */
export const ORIGIN_LIST_PROBLEMS = ["listed", "configured", "full"] as const;
export type OriginListProblem = (typeof ORIGIN_LIST_PROBLEMS)[number];

/** Longer than any real shop's address; keeps a pasted page of text out of the settings. */
export const MAX_ORIGIN_LENGTH = 253 + 30;
/** A shop has a handful of storefront hosts (www, a country domain, a staging shop), not hundreds. */
export const MAX_CONSOLE_ORIGINS = 50;

/** Plain http is only for a shop running on this machine (development, tests), never across a network. */
const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

export type OriginVerdict = { ok: true; origin: string } | { ok: false; problem: OriginProblem };

/** `entry` as the origin browsers send (lower-case host, no default port), or why it is none. */
export function parseStorefrontOrigin(entry: string): OriginVerdict {
  const text = entry.trim();
  if (text === "") return { ok: false, problem: "empty" };
  if (text.length > MAX_ORIGIN_LENGTH) return { ok: false, problem: "tooLong" };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, problem: "notAnAddress" };
  }
  // "shop.example:8080" and "localhost:3000" parse as a scheme followed by a path: the scheme was left out.
  if (!text.includes("://")) return { ok: false, problem: "notAnAddress" };
  if (url.protocol !== "https:" && url.protocol !== "http:") return { ok: false, problem: "scheme" };
  if (url.hostname === "") return { ok: false, problem: "notAnAddress" };
  if (url.username || url.password) return { ok: false, problem: "credentials" };
  // Only scheme, host and port: a path, query or fragment mean it was a page's address, not an origin.
  if (url.pathname !== "/" || url.search || url.hash || /[?#]/.test(text)) return { ok: false, problem: "path" };
  // Browsers send one exact host; a pattern would never match and only look as if it did.
  if (url.hostname.includes("*")) return { ok: false, problem: "wildcard" };
  if (url.protocol === "http:" && !LOOPBACK_HOSTS.has(url.hostname)) return { ok: false, problem: "insecure" };
  return { ok: true, origin: url.origin };
}

/** The origin `entry` names, or null when it is none. */
export function storefrontOrigin(entry: string): string | null {
  const verdict = parseStorefrontOrigin(entry);
  return verdict.ok ? verdict.origin : null;
}

export type OriginListVerdict = { ok: true; origin: string; origins: string[] } | { ok: false; problem: OriginProblem | OriginListProblem };

/**
 * The console's list with `entry` added, or why not: it must be an origin, not yet listed, not
 * already allowed by the server's configuration (listing it twice would let a later removal here
 * look as if it took effect), and the list must have room.
 */
export function addStorefrontOrigin(list: readonly string[], configured: readonly string[], entry: string): OriginListVerdict {
  const verdict = parseStorefrontOrigin(entry);
  if (!verdict.ok) return verdict;
  if (configured.includes(verdict.origin)) return { ok: false, problem: "configured" };
  if (list.includes(verdict.origin)) return { ok: false, problem: "listed" };
  if (list.length >= MAX_CONSOLE_ORIGINS) return { ok: false, problem: "full" };
  return { ok: true, origin: verdict.origin, origins: [...list, verdict.origin] };
}

/** A stored list as the rule reads it: entries that are (still) origins, normalised, each once. */
export function storedStorefrontOrigins(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const origins = value.flatMap((entry) => (typeof entry === "string" ? [storefrontOrigin(entry)] : [])).filter((o): o is string => o !== null);
  return [...new Set(origins)];
}
