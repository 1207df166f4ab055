// The address limits key on. Behind reverse proxies, each appends the address it received the
// request from to X-Forwarded-For, so only the last `trustedProxies` entries were written by
// machines the operator runs; anything left of them the client may have made up. Next's own
// server writes the socket address only when no X-Forwarded-For came in, so without a proxy
// (TREUE_TRUSTED_PROXIES=0) a client can name itself: production runs behind one (README, Deploy).
import { env } from "../env";

/** The client's address as the outermost trusted proxy (or, without one, Next's server) saw it. */
export function clientIp(headers: Headers, trustedProxies = env().trustedProxies): string {
  const chain = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (chain.length === 0) return "unknown";
  // The outermost proxy's entry is the trustedProxies-th from the right; with none, the last one.
  return chain[Math.max(0, chain.length - Math.max(trustedProxies, 1))]!;
}
