import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { shopwareTokenShop, verifyShopwareAppToken } from "./shopware-app-token";

const SECRET = "4f1c0b9e8d7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e";
const SHOP = "sWb1tCeIo8nQ2LmK";
const CUSTOMER = "0190f3a1b2c34d5e8f6a7b8c9d0e1f2a";
const SALES_CHANNEL = "98432def39fc4624b33213a56b8c944d";
const IAT = 1795435200;

const b64url = (value: string | Buffer) => Buffer.from(value).toString("base64url");

/** A token as Shopware's AppJWTGenerateRoute makes it (lcobucci/jwt, HS256 under the app secret). */
function shopwareToken(claims: Record<string, unknown> = {}, options: { secret?: string; header?: Record<string, unknown> } = {}): string {
  const header = b64url(JSON.stringify(options.header ?? { typ: "JWT", alg: "HS256" }));
  const payload = b64url(
    JSON.stringify({ iss: SHOP, iat: IAT, nbf: IAT, exp: IAT + 600, inAppPurchases: [], salesChannelId: SALES_CHANNEL, customerId: CUSTOMER, currencyId: "b7d2554b0ce847cd82f3ac9bd1c0dfca", languageId: "2fbb5fe2e29a4d70aa5854ce7ce3e20b", ...claims }),
  );
  const signature = b64url(createHmac("sha256", options.secret ?? SECRET).update(`${header}.${payload}`).digest());
  return `${header}.${payload}.${signature}`;
}

const at = (seconds: number) => new Date(seconds * 1000);
const verify = (token: string, overrides: Partial<Parameters<typeof verifyShopwareAppToken>[0]> = {}) =>
  verifyShopwareAppToken({ token, secret: SECRET, shopId: SHOP, now: at(IAT + 30), ...overrides });

describe("verifyShopwareAppToken", () => {
  it("accepts a token the shop signed for the app, naming the signed-in customer", async () => {
    expect(await verify(shopwareToken())).toEqual({ ok: true, shopId: SHOP, customerId: CUSTOMER, salesChannelId: SALES_CHANNEL });
    // Without sales_channel:read the claim is absent; the customer is what matters.
    expect(await verify(shopwareToken({ salesChannelId: undefined }))).toMatchObject({ ok: true, customerId: CUSTOMER, salesChannelId: null });
  });

  it("refuses a token signed under another secret, or changed after signing", async () => {
    expect(await verify(shopwareToken({}, { secret: "another-shops-secret" }))).toEqual({ ok: false, reason: "mismatch" });
    const [header, , signature] = shopwareToken().split(".");
    const forged = b64url(JSON.stringify({ iss: SHOP, iat: IAT, nbf: IAT, exp: IAT + 600, customerId: "ffffffffffffffffffffffffffffffff" }));
    expect(await verify(`${header}.${forged}.${signature}`)).toEqual({ ok: false, reason: "mismatch" });
  });

  it("refuses an expired token (a minute's leeway for the clocks)", async () => {
    expect((await verify(shopwareToken(), { now: at(IAT + 600 + 59) })).ok).toBe(true);
    expect(await verify(shopwareToken(), { now: at(IAT + 600 + 60) })).toEqual({ ok: false, reason: "expired" });
    expect(await verify(shopwareToken({ exp: IAT + 30 * 24 * 3600 }), { now: at(IAT + 2 * 3600) })).toEqual({ ok: false, reason: "expired" });
    expect(await verify(shopwareToken({ exp: undefined }))).toEqual({ ok: false, reason: "malformed" });
  });

  it("refuses a token made for later", async () => {
    expect(await verify(shopwareToken({ nbf: IAT + 600, iat: IAT + 600, exp: IAT + 1200 }))).toEqual({ ok: false, reason: "not-yet-valid" });
  });

  it("refuses a token another shop issued", async () => {
    expect(await verify(shopwareToken({ iss: "aNdErErShOp12345" }))).toEqual({ ok: false, reason: "wrong-issuer" });
    expect(await verify(shopwareToken({ iss: undefined }))).toEqual({ ok: false, reason: "wrong-issuer" });
  });

  it("takes HS256 only: no unsigned token, no other algorithm", async () => {
    const [, payload] = shopwareToken().split(".");
    expect(await verify(`${b64url(JSON.stringify({ typ: "JWT", alg: "none" }))}.${payload}.`)).toEqual({ ok: false, reason: "malformed" });
    expect(await verify(shopwareToken({}, { header: { typ: "JWT", alg: "HS512" } }))).toEqual({ ok: false, reason: "malformed" });
    expect(await verify("not a token")).toEqual({ ok: false, reason: "malformed" });
    expect(await verify("a".repeat(9000))).toEqual({ ok: false, reason: "malformed" });
  });

  it("says so when the token names no customer (the app may not read customers)", async () => {
    expect(await verify(shopwareToken({ customerId: undefined }))).toEqual({ ok: false, reason: "no-customer" });
    expect(await verify(shopwareToken({ customerId: "7302.1" }))).toEqual({ ok: false, reason: "malformed" });
  });
});

describe("shopwareTokenShop", () => {
  it("reads the shop a token names, before anything is verified", () => {
    expect(shopwareTokenShop(shopwareToken())).toBe(SHOP);
    expect(shopwareTokenShop(shopwareToken({ iss: 42 }))).toBeNull();
    expect(shopwareTokenShop("not a token")).toBeNull();
  });
});
