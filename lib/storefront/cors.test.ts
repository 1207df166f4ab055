import { describe, expect, it } from "vitest";
import { ConfigError, parseEnv } from "../env";
import { STOREFRONT_CACHE_CONTROL, storefrontAccess, storefrontJson, storefrontRefused, withStorefrontHeaders } from "./cors";

const SHOP = "https://shop.example";

describe("which pages may read the widget API", () => {
  it("lets a listed storefront origin read, and names only that origin", () => {
    const access = storefrontAccess(SHOP, [SHOP, "https://www.shop.example"]);
    expect(access).toEqual({ allowed: true, headers: { vary: "Origin", "access-control-allow-origin": SHOP } });
  });

  it("refuses any other origin without a CORS header: another site, a sibling host, another scheme or port, a sandboxed frame", () => {
    for (const origin of ["https://evil.example", "https://www.shop.example", "http://shop.example", "https://shop.example:8443", "null", "https://shop.example.evil.example", ""]) {
      const access = storefrontAccess(origin, [SHOP]);
      expect(access, origin).toEqual({ allowed: false, headers: { vary: "Origin" } });
    }
  });

  it("refuses every page when no storefront is configured", () => {
    expect(storefrontAccess(SHOP, []).allowed).toBe(false);
  });

  it("answers a request without Origin (no browser page: the shop's server) without CORS headers", () => {
    expect(storefrontAccess(null, [SHOP])).toEqual({ allowed: true, headers: { vary: "Origin" } });
  });

  it("makes answers cacheable per origin, never with credentials", async () => {
    const answer = storefrontJson({ points: 1 }, storefrontAccess(SHOP, [SHOP]));
    expect(Object.fromEntries(answer.headers)).toMatchObject({ "cache-control": STOREFRONT_CACHE_CONTROL, vary: "Origin", "access-control-allow-origin": SHOP });
    expect(answer.headers.has("access-control-allow-credentials")).toBe(false);
    expect(await answer.json()).toEqual({ points: 1 });
  });

  it("refuses as problem+json that the other site's page cannot read", async () => {
    const answer = withStorefrontHeaders(storefrontRefused(), storefrontAccess("https://evil.example", [SHOP]));
    expect(answer.status).toBe(403);
    expect(answer.headers.get("content-type")).toBe("application/problem+json");
    expect(answer.headers.get("access-control-allow-origin")).toBeNull();
    expect(answer.headers.get("vary")).toBe("Origin");
    expect(await answer.json()).toMatchObject({ type: "urn:treue:problem:forbidden", status: 403 });
  });
});

describe("TREUE_STOREFRONT_ORIGINS", () => {
  it("is empty unless set", () => {
    expect(parseEnv({}).storefrontOrigins).toEqual([]);
  });

  it("takes comma-separated origins, written as browsers send them", () => {
    const env = parseEnv({ TREUE_STOREFRONT_ORIGINS: " https://Shop.Example/ , https://shop.example:443,http://localhost:8080,https://www.shop.example" });
    expect(env.storefrontOrigins).toEqual(["https://shop.example", "http://localhost:8080", "https://www.shop.example"]);
  });

  it("refuses what is not an origin, in one line naming it", () => {
    for (const wrong of ["shop.example", "https://shop.example/produkte", "https://shop.example/?x=1", "https://shop.example#top", "ftp://shop.example", "https://user:pw@shop.example", "localhost:3000"]) {
      expect(() => parseEnv({ TREUE_STOREFRONT_ORIGINS: `https://ok.example,${wrong}` }), wrong).toThrow(ConfigError);
      expect(() => parseEnv({ TREUE_STOREFRONT_ORIGINS: wrong }), wrong).toThrow(`"${wrong}" is not an origin`);
    }
  });
});
