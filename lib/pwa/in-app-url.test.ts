import { describe, expect, it } from "vitest";
import { localPath } from "../http/local-path";
import { inAppUrl } from "./in-app-url";

const origin = "https://treue.example-shop.de";

describe("inAppUrl", () => {
  it("keeps a path of the app with its query and fragment", () => {
    expect(inAppUrl("/tasks/review?from=push#top", origin)).toBe("/tasks/review?from=push#top");
    expect(inAppUrl(`${origin}/wallet`, origin)).toBe("/wallet");
  });
  it("never leads elsewhere: other sites, protocol-relative links and junk all open Home", () => {
    expect(inAppUrl("https://evil.example/phish", origin)).toBe("/");
    expect(inAppUrl("//evil.example/phish", origin)).toBe("/");
    expect(inAppUrl("javascript:alert(1)", origin)).toBe("/");
    expect(inAppUrl(42, origin)).toBe("/");
    expect(inAppUrl(undefined, origin)).toBe("/");
  });
  it("reads a target as a browser would: whitespace and backslashes cannot smuggle in another host", () => {
    // Each of these is a path to the eye; a browser follows it to evil.example.
    for (const trick of ["/\t/evil.example", "/\n/evil.example", "\t//evil.example", "/\\evil.example", "\\\\evil.example", "/\r\n/evil.example"]) {
      const path = inAppUrl(trick, origin);
      expect(new URL(path, origin).origin, JSON.stringify(trick)).toBe(origin);
    }
  });
  it("an absolute URL of the app with a doubled slash stays on the app", () => {
    const path = inAppUrl(`${origin}//evil.example/x`, origin);
    expect(path).toBe("/evil.example/x");
    expect(new URL(path, origin).origin).toBe(origin);
  });
});

describe("localPath", () => {
  it("keeps the app's paths and refuses every other place, without knowing the app's origin", () => {
    expect(localPath("/console/members?q=anna")).toBe("/console/members?q=anna");
    expect(localPath("/%09/evil.example")).toBe("/%09/evil.example");
    expect(new URL(localPath("/\t/evil.example"), origin).origin).toBe(origin);
    expect(localPath("https://evil.example/")).toBe("/");
    expect(localPath(`${origin}/wallet`)).toBe("/");
    expect(localPath(`${origin}/wallet`, origin)).toBe("/wallet");
  });
});
