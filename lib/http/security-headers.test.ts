import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, pageSecurityHeaders } from "./security-headers";

const directives = (policy: string) => new Map(policy.split("; ").map((d) => [d.split(" ")[0]!, d.split(" ").slice(1)]));

describe("page security headers", () => {
  it("runs only this response's nonced scripts, never inline or evaluated code in production", () => {
    const policy = directives(contentSecurityPolicy({ nonce: "abc123", https: false, development: false }));
    expect(policy.get("script-src")).toEqual(["'self'", "'nonce-abc123'", "'strict-dynamic'"]);
    expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
    expect(policy.get("object-src")).toEqual(["'none'"]);
    expect(policy.get("form-action")).toEqual(["'self'"]);
  });

  it("lets the sign-in form go on to the shop's OpenID provider, and React's dev tools evaluate in development", () => {
    const policy = directives(contentSecurityPolicy({ nonce: "n", https: false, development: true, signInOrigin: "https://id.shop.example" }));
    expect(policy.get("form-action")).toEqual(["'self'", "https://id.shop.example"]);
    expect(policy.get("script-src")).toContain("'unsafe-eval'");
  });

  it("sends HSTS only over https", () => {
    expect(pageSecurityHeaders({ nonce: "n", https: true, development: false })["Strict-Transport-Security"]).toBe("max-age=63072000; includeSubDomains");
    expect(pageSecurityHeaders({ nonce: "n", https: false, development: false })).not.toHaveProperty("Strict-Transport-Security");
  });
});
