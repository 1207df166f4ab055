// Which push endpoints the server will POST to. A subscription names a URL the browser got from
// its push service, but any client can send any URL: unchecked, the sender would POST to hosts
// a client chose, inside the shop's network included (server-side request forgery). So only the
// known push services' hosts, and never an address that is private, loopback or link-local,
// however the name resolves.
import { lookup } from "node:dns/promises";
import ipaddr from "ipaddr.js";
import type { PushEndpointPolicy } from "./push-services";

export type EndpointVerdict = { ok: true } | { ok: false; reason: "not-https" | "unknown-push-service" | "private-address" | "unresolvable" };

type Resolve = (host: string) => Promise<string[]>;
const resolveAll: Resolve = async (host) => (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);

/** A listed host and port: "[::1]:8443", "[::1]" and "::1" name an IPv6 address, "10.0.0.5:8443" a host and port. */
function hostAndPort(entry: string): { name: string; port: string } {
  const bracketed = entry.match(/^\[([^\]]+)\](?::(\d+))?$/);
  if (bracketed) return { name: bracketed[1]!, port: bracketed[2] ?? "443" };
  if (entry.split(":").length > 2) return { name: entry, port: "443" };
  const [name, port] = entry.split(":");
  return { name: name!, port: port ?? "443" };
}

/** Entries are a host ("fcm.googleapis.com", port 443), a host and port ("10.0.0.5:8443") or a suffix ("*.notify.windows.com"). */
function listed(host: string, port: string, services: readonly string[]): boolean {
  return services.some((service) => {
    if (service.startsWith("*.")) return host.endsWith(service.slice(1));
    const entry = hostAndPort(service);
    return host === entry.name && port === entry.port;
  });
}

/** Whether `address` is one the public internet routes to (not private, loopback, link-local, reserved…). */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  const parsed = ipaddr.process(address); // an IPv4-mapped IPv6 address is judged as the IPv4 it maps
  return parsed.range() === "unicast";
}

/**
 * Judges a push endpoint before it is stored and again before each delivery (a name can be
 * pointed elsewhere in between). `resolve` is DNS unless a test passes its own.
 */
export async function checkPushEndpoint(endpoint: string, policy: PushEndpointPolicy, resolve: Resolve = resolveAll): Promise<EndpointVerdict> {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return { ok: false, reason: "not-https" };
  }
  if (url.protocol !== "https:") return { ok: false, reason: "not-https" };
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1").toLowerCase();
  if (!listed(host, url.port || "443", policy.services)) return { ok: false, reason: "unknown-push-service" };
  if (policy.allowPrivateNetwork) return { ok: true };
  let addresses: string[];
  try {
    addresses = ipaddr.isValid(host) ? [host] : await resolve(host);
  } catch {
    return { ok: false, reason: "unresolvable" };
  }
  if (addresses.length === 0) return { ok: false, reason: "unresolvable" };
  return addresses.every(isPublicAddress) ? { ok: true } : { ok: false, reason: "private-address" };
}
