import { describe, expect, it } from "vitest";
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
});
