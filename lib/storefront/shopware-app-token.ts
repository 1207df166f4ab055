// The token a Shopware 6 storefront gets for an app (POST /app-system/{app}/generate-token, or
// /store-api/app-system/{app}/generate-token; Shopware 6.5.5 and later) for the signed-in customer:
// a JWT signed HS256 with the app's secret for that shop, which is the per-shop secret Treue
// answered the shop's registration with. `iss` is the shop's id; `iat` and `nbf` are when it was
// made, `exp` ten minutes later; the claims about the session are there only when the app holds
// the matching read permission: `customerId` (customer:read), `salesChannelId` (sales_channel:read),
// `currencyId`, `languageId`, `paymentMethodId`, `shippingMethodId`, and `inAppPurchases`.
// (Shopware's AppJWTGenerateRoute; developer.shopware.com: guides/plugins/apps/clientside-to-app-backend.)
// Shopware makes no token for a shopper who is not signed in.
import { decodeJwt, errors, jwtVerify } from "jose";

/** The shop's clock and ours may differ a little: `nbf` is the moment the shop made the token. */
export const SHOPWARE_TOKEN_LEEWAY_SECONDS = 60;
/** Shopware's tokens live 10 minutes; one made longer ago than this is refused whatever its `exp`. */
export const SHOPWARE_TOKEN_MAX_AGE_SECONDS = 60 * 60;
/** A JWT of Shopware's claims is about 1 KB; anything far longer is not one. */
export const MAX_SHOPWARE_TOKEN_LENGTH = 8 * 1024;

/** Shopware's ids: UUIDs written as 32 hex digits. */
const SHOPWARE_ID = /^[0-9a-fA-F]{32}$/;
/** A shop id (Shopware makes 16 letters and digits; registration takes what the shop sends). */
const SHOP_ID = /^[!-~]{1,128}$/;

export type ShopwareTokenRefusal = "malformed" | "mismatch" | "expired" | "not-yet-valid" | "wrong-issuer" | "no-customer";

export type ShopwareTokenCheck =
  | { ok: true; shopId: string; customerId: string; salesChannelId: string | null }
  | { ok: false; reason: ShopwareTokenRefusal };

/**
 * The shop a token says it comes from (its `iss`, not yet verified), to find whose secret checks
 * it; null when the token is not a JWT naming one.
 */
export function shopwareTokenShop(token: string): string | null {
  if (token.length > MAX_SHOPWARE_TOKEN_LENGTH) return null;
  try {
    const iss = decodeJwt(token).iss;
    return typeof iss === "string" && SHOP_ID.test(iss) ? iss : null;
  } catch {
    return null;
  }
}

/**
 * Checks a token at `now` against the shop `shopId` and its `secret`: HS256 only, the signature,
 * `iss` the shop, `exp`, `nbf` and `iat` (each within a minute's leeway), then the customer claim.
 */
export async function verifyShopwareAppToken(input: { token: string; secret: string; shopId: string; now: Date }): Promise<ShopwareTokenCheck> {
  const { token, secret, shopId, now } = input;
  if (!secret) throw new Error("A Shopware shop's secret is empty; its tokens cannot be checked");
  if (token.length > MAX_SHOPWARE_TOKEN_LENGTH) return { ok: false, reason: "malformed" };
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, new TextEncoder().encode(secret), {
      algorithms: ["HS256"],
      issuer: shopId,
      requiredClaims: ["exp", "iat"],
      currentDate: now,
      clockTolerance: SHOPWARE_TOKEN_LEEWAY_SECONDS,
      maxTokenAge: SHOPWARE_TOKEN_MAX_AGE_SECONDS,
    }));
  } catch (error) {
    return { ok: false, reason: refusal(error) };
  }
  const customerId = payload.customerId;
  // Shopware leaves the claim out when the app may not read customers (manifest: <read>customer</read>).
  if (customerId === undefined || customerId === null) return { ok: false, reason: "no-customer" };
  if (typeof customerId !== "string" || !SHOPWARE_ID.test(customerId)) return { ok: false, reason: "malformed" };
  const salesChannelId = typeof payload.salesChannelId === "string" ? payload.salesChannelId : null;
  return { ok: true, shopId, customerId: customerId.toLowerCase(), salesChannelId };
}

function refusal(error: unknown): ShopwareTokenRefusal {
  if (error instanceof errors.JWTExpired) return "expired";
  if (error instanceof errors.JWSSignatureVerificationFailed) return "mismatch";
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === "iss") return "wrong-issuer";
    if ((error.claim === "nbf" || error.claim === "iat") && error.reason === "check_failed") return "not-yet-valid";
    return "malformed";
  }
  // Not a JWS, an algorithm other than HS256 ("none" among them), a claims set that is no JSON object.
  if (error instanceof errors.JOSEError) return "malformed";
  throw error;
}
