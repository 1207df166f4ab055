import { describe, expect, it } from "vitest";
import de from "../i18n/messages/de.json";
import en from "../i18n/messages/en.json";
import { ConfigError, parseEnv } from "../env";
import { addStorefrontOrigin, MAX_CONSOLE_ORIGINS, ORIGIN_LIST_PROBLEMS, ORIGIN_PROBLEMS, parseStorefrontOrigin, storedStorefrontOrigins, storefrontOrigin } from "./storefront-origin";

describe("a storefront origin", () => {
  it("is written as browsers send it: lower-case host, no default port, no trailing slash", () => {
    const cases: [string, string][] = [
      ["https://shop.example", "https://shop.example"],
      [" https://Shop.Example/ ", "https://shop.example"],
      ["https://shop.example:443", "https://shop.example"],
      ["https://shop.example:8443", "https://shop.example:8443"],
      ["https://WWW.Bücher.example", "https://www.xn--bcher-kva.example"],
      ["http://localhost:8080", "http://localhost:8080"],
      ["http://127.0.0.1:3000/", "http://127.0.0.1:3000"],
      ["http://[::1]:3000", "http://[::1]:3000"],
      ["http://LOCALHOST:80", "http://localhost"],
    ];
    for (const [entry, origin] of cases) expect(parseStorefrontOrigin(entry), entry).toEqual({ ok: true, origin });
  });

  it("names what is wrong with an entry that is none", () => {
    const cases: [string, string][] = [
      ["", "empty"],
      ["   ", "empty"],
      [`https://${"a".repeat(300)}.example`, "tooLong"],
      ["shop.example", "notAnAddress"],
      ["localhost:3000", "notAnAddress"],
      ["www.shop.example:8080", "notAnAddress"],
      ["https://", "notAnAddress"],
      ["https:shop.example", "notAnAddress"],
      ["ftp://shop.example", "scheme"],
      ["javascript://shop.example", "scheme"],
      ["http://shop.example", "insecure"],
      ["http://192.168.1.20:8080", "insecure"],
      ["http://localhost.evil.example", "insecure"],
      ["https://*.shop.example", "wildcard"],
      ["https://user:pw@shop.example", "credentials"],
      ["https://user@shop.example", "credentials"],
      ["https://shop.example/produkte", "path"],
      ["https://shop.example/?x=1", "path"],
      ["https://shop.example?", "path"],
      ["https://shop.example#top", "path"],
    ];
    for (const [entry, problem] of cases) expect(parseStorefrontOrigin(entry), entry).toEqual({ ok: false, problem });
    expect(storefrontOrigin("http://shop.example")).toBeNull();
    expect(storefrontOrigin("https://Shop.example")).toBe("https://shop.example");
  });

  it("is the same rule for TREUE_STOREFRONT_ORIGINS, whose start-up line names the entry", () => {
    expect(parseEnv({ TREUE_STOREFRONT_ORIGINS: "https://Shop.Example:443/,http://[::1]:3000" }).storefrontOrigins).toEqual(["https://shop.example", "http://[::1]:3000"]);
    expect(() => parseEnv({ TREUE_STOREFRONT_ORIGINS: "https://ok.example,http://shop.example" })).toThrow(ConfigError);
    expect(() => parseEnv({ TREUE_STOREFRONT_ORIGINS: "http://shop.example" })).toThrow('"http://shop.example" is not an origin such as https://shop.example (scheme and host, no path): plain http only for localhost');
  });
});

describe("the console's list of origins", () => {
  it("takes a new origin, normalised, at the end", () => {
    expect(addStorefrontOrigin(["https://a.example"], [], "HTTPS://B.example/")).toEqual({ ok: true, origin: "https://b.example", origins: ["https://a.example", "https://b.example"] });
  });

  it("refuses one already listed (in any spelling) or allowed by the server's configuration, and one too many", () => {
    expect(addStorefrontOrigin(["https://a.example"], [], "https://A.example:443")).toEqual({ ok: false, problem: "listed" });
    expect(addStorefrontOrigin([], ["https://a.example"], "https://a.example/")).toEqual({ ok: false, problem: "configured" });
    const full = Array.from({ length: MAX_CONSOLE_ORIGINS }, (_, i) => `https://shop${i}.example`);
    expect(addStorefrontOrigin(full, [], "https://one-more.example")).toEqual({ ok: false, problem: "full" });
    expect(addStorefrontOrigin(full.slice(1), [], "https://one-more.example").ok).toBe(true);
  });

  it("judges the entry before the list: a bad entry is named as such even when the list is full", () => {
    const full = Array.from({ length: MAX_CONSOLE_ORIGINS }, (_, i) => `https://shop${i}.example`);
    expect(addStorefrontOrigin(full, [], "shop.example")).toEqual({ ok: false, problem: "notAnAddress" });
  });

  it("reads a stored value defensively: only origins, normalised, once each", () => {
    expect(storedStorefrontOrigins(["https://a.example", "https://A.example/", 7, "http://evil.example", null, "https://b.example"])).toEqual(["https://a.example", "https://b.example"]);
    expect(storedStorefrontOrigins(null)).toEqual([]);
    expect(storedStorefrontOrigins({ origins: ["https://a.example"] })).toEqual([]);
  });

  it("has a message for every refusal in German and English, naming the entry where it helps", () => {
    for (const problem of [...ORIGIN_PROBLEMS, ...ORIGIN_LIST_PROBLEMS]) {
      expect(de.consoleStorefront.errors[problem], problem).toBeTruthy();
      expect(en.consoleStorefront.errors[problem], problem).toBeTruthy();
    }
    for (const problem of ["notAnAddress", "scheme", "insecure", "wildcard", "credentials", "path", "listed", "configured"] as const) {
      expect(de.consoleStorefront.errors[problem]).toContain("{origin}");
      expect(en.consoleStorefront.errors[problem]).toContain("{origin}");
    }
  });
});
