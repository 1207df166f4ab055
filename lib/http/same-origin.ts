// Requests that change something on behalf of a signed-in person must come from this site's own
// pages. Session cookies are SameSite=Lax, which keeps them off most cross-site writes but not all
// (another site on the same registrable domain, older browsers): the Origin header decides too.
// Browsers send Origin with every POST, PUT, PATCH and DELETE; where it is missing, Fetch
// Metadata (Sec-Fetch-Site) tells. A request with neither comes from no browser, so it carries no
// one's cookies by accident and is left to the route's own checks (signatures, tokens).

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Reads, which change nothing and need no origin check. */
export function isSafeMethod(method: string): boolean {
  return SAFE_METHODS.has(method.toUpperCase());
}

/**
 * Endpoints that other sites and servers are meant to call: each proves itself without cookies
 * (an HMAC signature, a signed token in the path, the identity provider's own state check).
 */
const CROSS_SITE_ENDPOINTS = [
  /^\/api\/v1\//, // the shop API: HMAC-signed
  /^\/api\/connectors\//, // Shopify, WooCommerce, Shopware webhooks: signed by the platform
  /^\/api\/dev\/clock$/, // demo and development only: signed like the shop API
  /^\/api\/auth\/callback\//, // the shop's sign-in may answer with a form post (state and PKCE checked)
  /^\/api\/mail\/unsubscribe\//, // RFC 8058 one-click: the mail provider posts, the token is signed
  /^\/api\/embed\/v1\//, // the shop's own pages: no cookies, only the listed storefront origins (CORS), a signed identity
  /^\/api\/twilio\/inbound$/, // Twilio's incoming messages: signed with X-Twilio-Signature
  /^\/api\/storefront\//, // the shop's pages and Shopify's app proxy ask for the identity: no cookies, vouched for by a platform-signed token or signature
];

export type OriginFacts = {
  method: string;
  path: string;
  origin: string | null;
  secFetchSite: string | null;
  /** The origins this app is reached at: its public URL's, and the one the request was addressed to. */
  ownOrigins: readonly string[];
};

/** Why a write is refused as cross-site, or null when it may go ahead. */
export function crossSiteWriteRefusal(facts: OriginFacts): "foreign-origin" | "cross-site" | null {
  if (isSafeMethod(facts.method)) return null;
  if (CROSS_SITE_ENDPOINTS.some((pattern) => pattern.test(facts.path))) return null;
  if (facts.origin !== null) return facts.ownOrigins.includes(facts.origin) ? null : "foreign-origin";
  if (facts.secFetchSite !== null) return facts.secFetchSite === "same-origin" || facts.secFetchSite === "none" ? null : "cross-site";
  return null;
}

/** The origins a request may legitimately come from: the public URL's and the address it was sent to. */
export function ownOrigins(requestUrl: string, headers: Headers, publicUrl: string | undefined): string[] {
  const origins = new Set<string>();
  const add = (value: string | undefined | null) => {
    if (!value) return;
    try {
      origins.add(new URL(value).origin);
    } catch {
      // not a URL: nothing to admit
    }
  };
  add(publicUrl);
  add(requestUrl);
  // Behind a proxy the app may see its own host and scheme only in the forwarded headers.
  const host = headers.get("x-forwarded-host") ?? headers.get("host");
  const proto = headers.get("x-forwarded-proto")?.split(",")[0]?.trim();
  if (host && proto) add(`${proto}://${host.split(",")[0]!.trim()}`);
  return [...origins];
}
