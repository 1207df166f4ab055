import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { computeSignature, signRequest, verifySignature } from "./signature";

const secret = "shop-secret";
const body = '{"id":"evt_1","type":"order.paid"}';
const now = Date.parse("2026-11-23T12:00:00Z");
const ts = String(now / 1000);

describe("shop request signatures", () => {
  it("matches the contract: v1= + hex HMAC-SHA256 of timestamp.body", () => {
    const expected = createHmac("sha256", secret).update(`${ts}.${body}`).digest("hex");
    expect(computeSignature(secret, ts, body)).toBe(`v1=${expected}`);
    expect(signRequest(secret, body, now)).toEqual({ "X-Treue-Timestamp": ts, "X-Treue-Signature": `v1=${expected}` });
  });

  it("accepts a fresh, correct signature", () => {
    const headers = signRequest(secret, body, now);
    expect(
      verifySignature({ secret, timestamp: headers["X-Treue-Timestamp"], signature: headers["X-Treue-Signature"], rawBody: body, now }),
    ).toEqual({ ok: true });
  });

  it("says what is wrong with a bad one", () => {
    const good = computeSignature(secret, ts, body);
    const check = (timestamp: string | null, signature: string | null, rawBody = body, secretUsed = secret) =>
      verifySignature({ secret: secretUsed, timestamp, signature, rawBody, now });
    expect(check(null, good)).toEqual({ ok: false, reason: "missing" });
    expect(check(ts, null)).toEqual({ ok: false, reason: "missing" });
    expect(check("12.5", good)).toEqual({ ok: false, reason: "malformed" });
    expect(check(ts, good.replace("v1=", "v2="))).toEqual({ ok: false, reason: "malformed" });
    expect(check(ts, good.toUpperCase())).toEqual({ ok: false, reason: "malformed" });
    expect(check(ts, good, `${body} `)).toEqual({ ok: false, reason: "mismatch" });
    expect(check(ts, good, body, "other-secret")).toEqual({ ok: false, reason: "mismatch" });
  });

  it("refuses timestamps more than 300 s away, in either direction", () => {
    for (const offset of [-301, 301]) {
      const t = String(now / 1000 + offset);
      expect(verifySignature({ secret, timestamp: t, signature: computeSignature(secret, t, body), rawBody: body, now })).toEqual({
        ok: false,
        reason: "stale",
      });
    }
    const edge = String(now / 1000 - 300);
    expect(verifySignature({ secret, timestamp: edge, signature: computeSignature(secret, edge, body), rawBody: body, now }).ok).toBe(true);
  });
});
