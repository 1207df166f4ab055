// Which push endpoints the server will POST to. A subscription names a URL the browser got from
// its push service, but any client can send any URL: unchecked, the sender would POST to hosts
// a client chose, inside the shop's network included (server-side request forgery). So only the
// known push services' hosts, and never an address that is private, loopback or link-local,
// however the name resolves (the server's one rule for such URLs: lib/http/public-url.ts).
import { isPublicAddress, resolveAll, resolvePublicHost, urlHost, type Resolve } from "../http/public-url";
import type { PushEndpointPolicy } from "./push-services";

export { isPublicAddress };

export type EndpointVerdict = { ok: true } | { ok: false; reason: "not-https" | "unknown-push-service" | "private-address" | "unresolvable" };

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
  const host = urlHost(url);
  if (!listed(host, url.port || "443", policy.services)) return { ok: false, reason: "unknown-push-service" };
  if (policy.allowPrivateNetwork) return { ok: true };
  const verdict = await resolvePublicHost(host, resolve);
  return verdict.ok ? { ok: true } : verdict;
}
