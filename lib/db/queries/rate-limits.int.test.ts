import { expect, it } from "vitest";
import { clientIp } from "../../auth/client-ip";
import { checkMagicLinkRequest, MAGIC_LINK_LIMITS } from "../../auth/sign-in-guard";
import { rateLimits } from "../schema";
import { describeEachDatabase } from "../test-databases";
import { hitRateLimit } from "./rate-limits";

describeEachDatabase("rate limits", (db) => {
  const now = new Date("2026-11-23T12:01:00Z");

  it("allows the limit, then refuses until the attempts age out", async () => {
    const options = { limit: 3, windowSeconds: 600, now };
    const decisions = [];
    for (let i = 0; i < 4; i++) decisions.push(await hitRateLimit(db(), "k:seq", options));
    expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, false]);
    expect(decisions[3]!.retryAfterSeconds).toBe(540);
    const later = await hitRateLimit(db(), "k:seq", { ...options, now: new Date("2026-11-23T12:29:00Z") });
    expect(later.allowed).toBe(true);
  });

  it("gives no fresh allowance just because a window boundary passed", async () => {
    const options = { limit: 5, windowSeconds: 600 };
    for (let i = 0; i < 5; i++) {
      expect((await hitRateLimit(db(), "k:edge", { ...options, now: new Date("2026-11-23T12:09:55Z") })).allowed).toBe(true);
    }
    const justAfter = await hitRateLimit(db(), "k:edge", { ...options, now: new Date("2026-11-23T12:10:05Z") });
    expect(justAfter.allowed).toBe(false);
    // Once most of the old window has slid past, attempts are allowed again.
    expect((await hitRateLimit(db(), "k:edge", { ...options, now: new Date("2026-11-23T12:19:00Z") })).allowed).toBe(true);
  });

  it("counts concurrent attempts exactly", async () => {
    const decisions = await Promise.all(
      Array.from({ length: 20 }, () => hitRateLimit(db(), "k:burst", { limit: 5, windowSeconds: 600, now })),
    );
    expect(decisions.filter((d) => d.allowed)).toHaveLength(5);
  });

  it("limits magic links per address, whatever its case", async () => {
    const { limit } = MAGIC_LINK_LIMITS.perAddress;
    for (let i = 0; i < limit; i++) {
      expect(await checkMagicLinkRequest(db(), i % 2 ? "Limit@Example.com" : "limit@example.com", `10.0.0.${i}`, now)).toEqual({
        ok: true,
        email: "limit@example.com",
      });
    }
    expect(await checkMagicLinkRequest(db(), "limit@example.com", "10.0.1.1", now)).toEqual({ ok: false, error: "RateLimited" });
  });

  it("limits magic links per IP across addresses", async () => {
    const { limit } = MAGIC_LINK_LIMITS.perIp;
    for (let i = 0; i < limit; i++) {
      expect((await checkMagicLinkRequest(db(), `ip-${i}@example.com`, "192.0.2.50", now)).ok).toBe(true);
    }
    expect(await checkMagicLinkRequest(db(), "one-more@example.com", "192.0.2.50", now)).toEqual({ ok: false, error: "RateLimited" });
  });

  it("a client that makes up X-Forwarded-For entries behind the proxy does not escape the per-IP limit", async () => {
    const { limit } = MAGIC_LINK_LIMITS.perIp;
    // Each request names another origin; the proxy (one, trusted) appends the address it really came from.
    const viaProxy = (i: number) => clientIp(new Headers({ "x-forwarded-for": `198.18.${i % 250}.${i}, 203.0.113.66` }), 1);
    for (let i = 0; i < limit; i++) expect((await checkMagicLinkRequest(db(), `spoof-${i}@example.com`, viaProxy(i), now)).ok).toBe(true);
    expect(await checkMagicLinkRequest(db(), "spoof-last@example.com", viaProxy(limit), now)).toEqual({ ok: false, error: "RateLimited" });
  });

  it("refuses a malformed address without counting anything", async () => {
    const before = await db().$count(rateLimits);
    for (const bad of ["", "no-at-sign", 42, null, { email: "x@y.de" }, "a@b@c.de"]) {
      expect(await checkMagicLinkRequest(db(), bad, "192.0.2.99", now)).toEqual({ ok: false, error: "InvalidEmail" });
    }
    expect(await db().$count(rateLimits)).toBe(before);
  });
});
