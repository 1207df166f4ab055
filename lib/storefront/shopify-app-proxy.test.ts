import { describe, expect, it } from "vitest";
import { appProxyMessage, signAppProxy, verifyAppProxyRequest } from "./shopify-app-proxy";

// Shopify's worked example (shopify.dev, apps/build/online-store/app-proxies/authenticate-app-proxies):
// shared secret "hush", the shopper asked for /apps/awesome_reviews/extra/path/components?extra=1&extra=2.
// The page writes the shop as "{shop}.myshopify.com"; its published signatures are those of
// "shop-name.myshopify.com", the name its earlier versions printed.
const DOC_SECRET = "hush";
const DOC_TS = 1317327555;
const DOC_SIGNED_IN =
  "extra=1&extra=2&shop=shop-name.myshopify.com&logged_in_customer_id=1&path_prefix=%2Fapps%2Fawesome_reviews&timestamp=1317327555&signature=4c68c8624d737112c91818c11017d24d334b524cb5c2b8ba08daa056f7395ddb";
const DOC_ANONYMOUS =
  "extra=1&extra=2&shop=shop-name.myshopify.com&logged_in_customer_id=&path_prefix=%2Fapps%2Fawesome_reviews&timestamp=1317327555&signature=e072b6d7e6622d85912a5214b860d3100dc1e73d9bc29f43796ac8c9ff8093cb";

const at = (seconds: number) => new Date(seconds * 1000);
const check = (query: string, overrides: Partial<Parameters<typeof verifyAppProxyRequest>[0]> = {}) =>
  verifyAppProxyRequest({ params: new URLSearchParams(query), secrets: [DOC_SECRET], now: at(DOC_TS), expectedShop: "shop-name.myshopify.com", ...overrides });

/** A request as Shopify would forward it for `params`, signed under `secret`. */
function signed(params: Record<string, string | string[]>, secret = "shpss_treue_fixture"): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) for (const v of [value].flat()) query.append(key, v);
  query.append("signature", signAppProxy(secret, query));
  return query.toString();
}

const TS = 1795435200;
const proxied = (extra: Record<string, string | string[]> = {}) =>
  signed({ shop: "gipfel-outdoor.myshopify.com", logged_in_customer_id: "7302", path_prefix: "/apps/treue", timestamp: String(TS), ...extra });
const ours = (query: string, overrides: Partial<Parameters<typeof verifyAppProxyRequest>[0]> = {}) =>
  verifyAppProxyRequest({ params: new URLSearchParams(query), secrets: ["shpss_treue_fixture"], now: at(TS + 10), expectedShop: "gipfel-outdoor.myshopify.com", ...overrides });

describe("Shopify's worked example", () => {
  it("signs the parameters URL-decoded, sorted, a repeated one's values joined with a comma, without separators", () => {
    expect(appProxyMessage(new URLSearchParams(DOC_SIGNED_IN))).toBe("extra=1,2logged_in_customer_id=1path_prefix=/apps/awesome_reviewsshop=shop-name.myshopify.comtimestamp=1317327555");
    expect(signAppProxy(DOC_SECRET, new URLSearchParams(DOC_SIGNED_IN))).toBe("4c68c8624d737112c91818c11017d24d334b524cb5c2b8ba08daa056f7395ddb");
    // An empty value is signed as "key=".
    expect(appProxyMessage(new URLSearchParams(DOC_ANONYMOUS))).toBe("extra=1,2logged_in_customer_id=path_prefix=/apps/awesome_reviewsshop=shop-name.myshopify.comtimestamp=1317327555");
    expect(signAppProxy(DOC_SECRET, new URLSearchParams(DOC_ANONYMOUS))).toBe("e072b6d7e6622d85912a5214b860d3100dc1e73d9bc29f43796ac8c9ff8093cb");
  });

  it("accepts both of its requests: customer 1, and nobody signed in", () => {
    expect(check(DOC_SIGNED_IN)).toEqual({ ok: true, shop: "shop-name.myshopify.com", customerId: "1", pathPrefix: "/apps/awesome_reviews" });
    expect(check(DOC_ANONYMOUS)).toEqual({ ok: true, shop: "shop-name.myshopify.com", customerId: null, pathPrefix: "/apps/awesome_reviews" });
  });
});

describe("verifyAppProxyRequest", () => {
  it("accepts a request Shopify signed under the app's secret, now, for the configured shop", () => {
    expect(ours(proxied())).toEqual({ ok: true, shop: "gipfel-outdoor.myshopify.com", customerId: "7302", pathPrefix: "/apps/treue" });
    // Any of the configured secrets (a rotation): each is tried.
    expect(ours(proxied(), { secrets: ["old-secret", "shpss_treue_fixture"] }).ok).toBe(true);
    // No shop configured: any shop the app's secret signed for.
    expect(ours(proxied(), { expectedShop: null }).ok).toBe(true);
    // Host names are compared regardless of case.
    expect(ours(proxied(), { expectedShop: "Gipfel-Outdoor.myshopify.com" }).ok).toBe(true);
  });

  it("refuses another secret, and no secret at all", () => {
    expect(ours(signed({ shop: "gipfel-outdoor.myshopify.com", logged_in_customer_id: "7302", path_prefix: "/apps/treue", timestamp: String(TS) }, "another-secret"))).toEqual({ ok: false, reason: "mismatch" });
    expect(ours(proxied(), { secrets: [] })).toEqual({ ok: false, reason: "mismatch" });
    expect(ours(proxied(), { secrets: [""] })).toEqual({ ok: false, reason: "mismatch" });
  });

  it("refuses a parameter changed, added or taken away after signing", () => {
    const query = new URLSearchParams(proxied());
    const tampered = (change: (q: URLSearchParams) => void) => {
      const copy = new URLSearchParams(query);
      change(copy);
      return ours(copy.toString());
    };
    expect(tampered((q) => q.set("logged_in_customer_id", "7303"))).toEqual({ ok: false, reason: "mismatch" });
    expect(tampered((q) => q.set("timestamp", String(TS + 1)))).toEqual({ ok: false, reason: "mismatch" });
    expect(tampered((q) => q.append("extra", "1"))).toEqual({ ok: false, reason: "mismatch" });
    expect(tampered((q) => q.delete("path_prefix"))).toEqual({ ok: false, reason: "mismatch" });
    expect(tampered((q) => q.set("signature", "0".repeat(64)))).toEqual({ ok: false, reason: "mismatch" });
  });

  it("refuses a customer id the shopper added beside Shopify's, although Shopify signed both", () => {
    // The shopper's /apps/treue/identity?logged_in_customer_id=7302 while nobody is signed in: Shopify
    // appends its own empty one and signs "logged_in_customer_id=7302,".
    const injected = signed({ logged_in_customer_id: ["7302", ""], shop: "gipfel-outdoor.myshopify.com", path_prefix: "/apps/treue", timestamp: String(TS) });
    expect(appProxyMessage(new URLSearchParams(injected))).toContain("logged_in_customer_id=7302,");
    expect(ours(injected)).toEqual({ ok: false, reason: "duplicate" });
    expect(ours(signed({ shop: ["gipfel-outdoor.myshopify.com", "andere.myshopify.com"], timestamp: String(TS) }))).toEqual({ ok: false, reason: "duplicate" });
    expect(ours(`${proxied()}&timestamp=${TS}`)).toEqual({ ok: false, reason: "duplicate" });
  });

  it("refuses a timestamp more than five minutes old or ahead", () => {
    expect(ours(proxied(), { now: at(TS + 300) }).ok).toBe(true);
    expect(ours(proxied(), { now: at(TS + 301) })).toEqual({ ok: false, reason: "stale" });
    expect(ours(proxied(), { now: at(TS - 300) }).ok).toBe(true);
    expect(ours(proxied(), { now: at(TS - 301) })).toEqual({ ok: false, reason: "future" });
  });

  it("refuses a request for a shop other than the configured one", () => {
    expect(ours(proxied({ shop: "andere.myshopify.com" }))).toEqual({ ok: false, reason: "wrong-shop" });
  });

  it("refuses a request without Shopify's parameters, or with malformed ones", () => {
    const query = new URLSearchParams(proxied());
    for (const key of ["signature", "shop", "timestamp"]) {
      const copy = new URLSearchParams(query);
      copy.delete(key);
      expect(ours(copy.toString()), key).toEqual({ ok: false, reason: "missing" });
    }
    expect(ours("")).toEqual({ ok: false, reason: "missing" });
    expect(ours(proxied().replace(/signature=[0-9a-f]+/, "signature=zz"))).toEqual({ ok: false, reason: "malformed" });
    expect(ours(proxied({ timestamp: "1e9" }))).toEqual({ ok: false, reason: "malformed" });
    expect(ours(proxied({ logged_in_customer_id: "gid://shopify/Customer/7302" }))).toEqual({ ok: false, reason: "malformed" });
  });

  it("sorts the key=value strings byte by byte, as Shopify's reference does", () => {
    // "a-b=…" before "a=…": "-" (0x2d) sorts before "=" (0x3d), though the key "a" sorts before "a-b".
    expect(appProxyMessage(new URLSearchParams("a=2&a-b=1&shop=s&timestamp=1"))).toBe("a-b=1a=2shop=stimestamp=1");
    expect(appProxyMessage(new URLSearchParams("q=gr%C3%BCn+zelt&shop=s"))).toBe("q=grün zeltshop=s");
  });
});
