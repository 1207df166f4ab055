// The one rule for URLs the server calls on someone else's word (a browser's push endpoint, a
// Shopware shop's Admin API): https, to a host whose every address is one the public internet
// routes to. Unchecked, such a URL lets whoever names it make the server call into its own network
// (server-side request forgery), with whatever credentials the call carries.
import { lookup } from "node:dns/promises";
import ipaddr from "ipaddr.js";

/** A host's addresses; DNS unless a test passes its own. */
export type Resolve = (host: string) => Promise<string[]>;
export const resolveAll: Resolve = async (host) => (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);

/** Whether `address` is one the public internet routes to (not private, loopback, link-local, reserved…). */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  const parsed = ipaddr.process(address); // an IPv4-mapped IPv6 address is judged as the IPv4 it maps
  // The deprecated IPv4-compatible form (::a.b.c.d, ::/96) counts as "unicast" to ipaddr.js.
  if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).parts.slice(0, 6).every((part) => part === 0)) return false;
  return parsed.range() === "unicast";
}

export function isLoopbackAddress(address: string): boolean {
  return ipaddr.isValid(address) && ipaddr.process(address).range() === "loopback";
}

/** The URL's host as a resolver takes it: lower case, an IPv6 address without its brackets. */
export function urlHost(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, "$1").toLowerCase();
}

export type AddressVerdict = { ok: true; addresses: string[] } | { ok: false; reason: "private-address" | "unresolvable" };

/** Resolves `host` (an address stands for itself) and accepts it only if every address is public. */
export async function resolvePublicHost(host: string, resolve: Resolve = resolveAll, accept: (address: string) => boolean = isPublicAddress): Promise<AddressVerdict> {
  let addresses: string[];
  try {
    addresses = ipaddr.isValid(host) ? [host] : await resolve(host);
  } catch {
    return { ok: false, reason: "unresolvable" };
  }
  if (addresses.length === 0) return { ok: false, reason: "unresolvable" };
  return addresses.every(accept) ? { ok: true, addresses } : { ok: false, reason: "private-address" };
}

export type PublicUrlVerdict = { ok: true; url: URL; addresses: string[] } | { ok: false; reason: "not-https" | "private-address" | "unresolvable" };

export type PublicUrlOptions = {
  resolve?: Resolve;
  /**
   * Plain http to a loopback address, for a local stand-in of the other side in tests. Callers
   * pass it only when NODE_ENV is "test" (`next build` fixes NODE_ENV to production).
   */
  loopbackHttp?: boolean;
};

/**
 * Judges a URL before the server stores it and again right before each call (a name can be
 * pointed elsewhere in between): https, no user or password in it, every address public. The
 * addresses it returns are the ones to connect to (lib/http/pinned-request.ts).
 */
export async function checkPublicHttpsUrl(raw: string, { resolve = resolveAll, loopbackHttp = false }: PublicUrlOptions = {}): Promise<PublicUrlVerdict> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: "not-https" };
  }
  if (url.username || url.password) return { ok: false, reason: "not-https" };
  const local = loopbackHttp && url.protocol === "http:";
  if (url.protocol !== "https:" && !local) return { ok: false, reason: "not-https" };
  const verdict = await resolvePublicHost(urlHost(url), resolve, local ? isLoopbackAddress : isPublicAddress);
  return verdict.ok ? { ok: true, url, addresses: verdict.addresses } : verdict;
}
