// The shop API's gate: a captured signature works for the one request it was made for, not for
// another endpoint, another coupon, another query or another method.
import { describe, expect, it } from "vitest";
import { computeSignature, computeSignatureV2, signRequest } from "./signature";
import { readSignedRequest } from "./signed-request";

const SECRET = "gate-test-secret";
process.env.TREUE_SHOP_SECRET = SECRET;
const BASE = "http://treue.test";

/** The request the shop sends, its headers given (captured or made). */
function request(method: string, pathAndQuery: string, headers: Record<string, string>, body?: string) {
  return new Request(`${BASE}${pathAndQuery}`, { method, headers: { "content-type": "application/json", ...headers }, body });
}

async function gate(req: Request, options?: { acceptV1?: boolean }) {
  const result = await readSignedRequest(req, options);
  if (result.ok) return { status: 200, detail: undefined };
  return { status: result.response.status, detail: ((await result.response.json()) as { detail: string }).detail };
}

/** v1 headers as a shop that signed before v2 sends them. */
function v1(body: string) {
  const timestamp = String(Math.floor(Date.now() / 1000));
  return { "X-Treue-Timestamp": timestamp, "X-Treue-Signature": computeSignature(SECRET, timestamp, body) };
}

describe("the shop API's signature gate", () => {
  it("refuses a v1 signature everywhere but POST /api/v1/events, saying v2 is required", async () => {
    // Captured from one GET, a v1 signature (over the empty body) would fit every other GET.
    const captured = v1("");
    for (const path of ["/api/v1/customers/anna", "/api/v1/customers/bernd", "/api/v1/metrics?from=2026-11-01&to=2026-12-01", "/api/v1/reviews"]) {
      const answer = await gate(request("GET", path, captured));
      expect(answer.status).toBe(401);
      expect(answer.detail).toMatch(/^GET \/api\/v1\/\w+(\/\w+)? requires signature v2: X-Treue-Signature: v2=.*v1 is accepted on POST \/api\/v1\/events only$/);
    }
    // Captured from one redemption, it would fit another coupon with the same body.
    const body = JSON.stringify({ order_id: "o-1" });
    expect((await gate(request("POST", "/api/v1/coupons/OTHER-CODE/redeem", v1(body), body))).status).toBe(401);
  });

  it("still takes v1 where the endpoint allows it (POST /api/v1/events), and checks it", async () => {
    const body = JSON.stringify({ id: "evt_1" });
    expect(await gate(request("POST", "/api/v1/events", v1(body), body), { acceptV1: true })).toEqual({ status: 200, detail: undefined });
    const wrong = await gate(request("POST", "/api/v1/events", v1(`${body} `), body), { acceptV1: true });
    expect(wrong).toEqual({ status: 401, detail: "the v1 signature does not match the body under the shared secret" });
  });

  it("takes v2 for exactly the method, path, query and body it was made for", async () => {
    const get = signRequest(SECRET, { method: "GET", url: "/api/v1/customers/anna" });
    expect((await gate(request("GET", "/api/v1/customers/anna", get))).status).toBe(200);
    const replayed = await gate(request("GET", "/api/v1/customers/bernd", get));
    expect(replayed).toEqual({ status: 401, detail: "the v2 signature does not match the method, path, query and body under the shared secret" });
    expect((await gate(request("GET", "/api/v1/customers/anna?x=1", get))).status).toBe(401);

    const metrics = signRequest(SECRET, { method: "GET", url: "/api/v1/metrics?from=2026-11-01&to=2026-12-01" });
    expect((await gate(request("GET", "/api/v1/metrics?from=2026-11-01&to=2026-12-01", metrics))).status).toBe(200);
    expect((await gate(request("GET", "/api/v1/metrics?from=2025-11-01&to=2026-12-01", metrics))).status).toBe(401);

    const body = JSON.stringify({ order_id: "o-1" });
    const redeem = signRequest(SECRET, { method: "POST", url: "/api/v1/coupons/GOLD-5/redeem", body });
    expect((await gate(request("POST", "/api/v1/coupons/GOLD-5/redeem", redeem, body))).status).toBe(200);
    expect((await gate(request("POST", "/api/v1/coupons/GOLD-6/redeem", redeem, body))).status).toBe(401);
    expect((await gate(request("PUT", "/api/v1/coupons/GOLD-5/redeem", redeem, body))).status).toBe(401);
  });

  it("verifies the path as sent (percent-encoding kept) and the query by its pairs, however it was re-serialised", async () => {
    const encoded = signRequest(SECRET, { method: "GET", url: "/api/v1/customers/shop%2F42%20a" });
    expect((await gate(request("GET", "/api/v1/customers/shop%2F42%20a", encoded))).status).toBe(200);
    expect((await gate(request("GET", "/api/v1/customers/shop/42%20a", encoded))).status).toBe(401);

    // Next.js hands a route handler the query re-serialised: repeated names grouped, "~" escaped,
    // a bare name given "=". The shop signed what it sent.
    const timestamp = String(Math.floor(Date.now() / 1000));
    const sent = { method: "GET", path: "/api/v1/reviews", query: "since=2026-11-01T00%3A00%3A00Z&tag=a&x=%7e+b&tag=b&flag", body: "" };
    const headers = { "X-Treue-Timestamp": timestamp, "X-Treue-Signature": computeSignatureV2(SECRET, timestamp, sent) };
    expect((await gate(request("GET", `/api/v1/reviews?${sent.query}`, headers))).status).toBe(200);
    expect((await gate(request("GET", "/api/v1/reviews?since=2026-11-01T00%3A00%3A00Z&tag=a&tag=b&x=%7E+b&flag=", headers))).status).toBe(200);
    // The order of one name's values is meaning (the first one counts), so it is signed.
    expect((await gate(request("GET", "/api/v1/reviews?since=2026-11-01T00%3A00%3A00Z&tag=b&tag=a&x=%7E+b&flag=", headers))).status).toBe(401);
  });

  it("says which formats it takes when the header is not one", async () => {
    const ts = String(Math.floor(Date.now() / 1000));
    const bad = { "X-Treue-Timestamp": ts, "X-Treue-Signature": "v3=abc" };
    expect((await gate(request("GET", "/api/v1/reviews", bad))).detail).toBe("X-Treue-Timestamp must be Unix seconds and X-Treue-Signature must be v2=<64 hex digits>");
  });
});
