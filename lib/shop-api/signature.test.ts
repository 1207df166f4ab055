import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { canonicalQuery, computeSignature, computeSignatureV2, signingStringV2, signRequest, signRequestV1, verifySignature } from "./signature";

const secret = "shop-secret";
const body = '{"id":"evt_1","type":"order.paid"}';
const now = Date.parse("2026-11-23T12:00:00Z");
const ts = String(now / 1000);
const events = { method: "POST", path: "/api/v1/events", query: "", body };

describe("shop request signatures", () => {
  it("v1 matches the contract: v1= + hex HMAC-SHA256 of timestamp.body", () => {
    const expected = createHmac("sha256", secret).update(`${ts}.${body}`).digest("hex");
    expect(computeSignature(secret, ts, body)).toBe(`v1=${expected}`);
    expect(signRequestV1(secret, body, now)).toEqual({ "X-Treue-Timestamp": ts, "X-Treue-Signature": `v1=${expected}` });
  });

  it("v2 signs timestamp, method, path, canonical query and body, one per line", () => {
    const parts = { method: "get", path: "/api/v1/metrics", query: "to=2026-12-01&from=2026-11-01", body: "" };
    expect(signingStringV2(ts, parts)).toBe(`${ts}\nGET\n/api/v1/metrics\nfrom=2026-11-01&to=2026-12-01\n`);
    const expected = createHmac("sha256", secret).update(signingStringV2(ts, parts)).digest("hex");
    expect(computeSignatureV2(secret, ts, parts)).toBe(`v2=${expected}`);
    expect(signRequest(secret, { method: "GET", url: "/api/v1/metrics?to=2026-12-01&from=2026-11-01" }, now)).toEqual({
      "X-Treue-Timestamp": ts,
      "X-Treue-Signature": `v2=${expected}`,
    });
    // An absolute URL signs its path and query only.
    expect(signRequest(secret, { method: "GET", url: "https://loyalty.example/api/v1/metrics?to=2026-12-01&from=2026-11-01" }, now)).toEqual(
      signRequest(secret, { method: "GET", url: "/api/v1/metrics?to=2026-12-01&from=2026-11-01" }, now),
    );
  });

  it("reads a query by its pairs: any serialisation of the same pairs is one canonical query", () => {
    expect(canonicalQuery("")).toBe("");
    expect(canonicalQuery("b=2&a=1")).toBe("a=1&b=2");
    expect(canonicalQuery("x=%7e+y&x=%7E%20z")).toBe("x=~%20y&x=~%20z");
    expect(canonicalQuery("flag&&q=a%2Fb&e=%e2%82%ac")).toBe("e=%E2%82%AC&flag=&q=a%2Fb");
    expect(canonicalQuery("t=!'()*&u=%2B&v=a=b")).toBe("t=%21%27%28%29%2A&u=%2B&v=a%3Db");
    expect(canonicalQuery("a=2&b=1&a=1")).toBe("a=2&a=1&b=1"); // one name's values keep their order
    expect(canonicalQuery(new URLSearchParams("b=2&a=1"))).toBe("a=1&b=2");
  });

  it("accepts a fresh, correct signature of either version where it is accepted", () => {
    const v2 = signRequest(secret, { method: "POST", url: "/api/v1/events", body }, now);
    expect(verifySignature({ secret, timestamp: v2["X-Treue-Timestamp"], signature: v2["X-Treue-Signature"], request: events, now })).toEqual({ ok: true, version: "v2" });
    const v1 = signRequestV1(secret, body, now);
    expect(verifySignature({ secret, timestamp: ts, signature: v1["X-Treue-Signature"], request: events, acceptV1: true, now })).toEqual({ ok: true, version: "v1" });
    expect(verifySignature({ secret, timestamp: ts, signature: v1["X-Treue-Signature"], request: events, now })).toEqual({ ok: false, reason: "v1-not-accepted" });
  });

  it("says what is wrong with a bad one", () => {
    const good = computeSignatureV2(secret, ts, events);
    const check = (timestamp: string | null, signature: string | null, request = events, secretUsed = secret) =>
      verifySignature({ secret: secretUsed, timestamp, signature, request, now });
    expect(check(ts, good)).toEqual({ ok: true, version: "v2" });
    expect(check(null, good)).toEqual({ ok: false, reason: "missing" });
    expect(check(ts, null)).toEqual({ ok: false, reason: "missing" });
    expect(check("12.5", good)).toEqual({ ok: false, reason: "malformed" });
    expect(check(ts, good.replace("v2=", "v3="))).toEqual({ ok: false, reason: "malformed" });
    expect(check(ts, good.toUpperCase())).toEqual({ ok: false, reason: "malformed" });
    expect(check(ts, `${good},${good}`)).toEqual({ ok: false, reason: "malformed" });
    expect(check(ts, good, { ...events, body: `${body} ` })).toEqual({ ok: false, reason: "mismatch" });
    expect(check(ts, good, { ...events, path: "/api/v1/event" })).toEqual({ ok: false, reason: "mismatch" });
    expect(check(ts, good, { ...events, query: "x=1" })).toEqual({ ok: false, reason: "mismatch" });
    expect(check(ts, good, { ...events, method: "PUT" })).toEqual({ ok: false, reason: "mismatch" });
    expect(check(ts, good, events, "other-secret")).toEqual({ ok: false, reason: "mismatch" });
  });

  it("refuses timestamps more than 300 s away, in either direction", () => {
    for (const offset of [-301, 301]) {
      const t = String(now / 1000 + offset);
      expect(verifySignature({ secret, timestamp: t, signature: computeSignatureV2(secret, t, events), request: events, now })).toEqual({
        ok: false,
        reason: "stale",
      });
    }
    const edge = String(now / 1000 - 300);
    expect(verifySignature({ secret, timestamp: edge, signature: computeSignatureV2(secret, edge, events), request: events, now }).ok).toBe(true);
  });
});
