import "server-only";
// What a Shopware webhook leaves out, read through the shop's Admin API with the credentials it
// handed over at confirmation: a partial refund's amount lives in Shopware's refund records
// (order_transaction_capture_refund), not in the state change that announces it.
// The storefront identity reads a signed-in customer's e-mail address here too.
// The shop's URL is the shop's own word: it is called only if it is https on public addresses
// (lib/http/public-url.ts), judged at registration and again before each call, and the connection
// goes to the address just judged. What the shop answers stays here: errors name the status only.
import { z } from "zod";
import { pinnedPost, PinnedRequestError } from "../http/pinned-request";
import type { PublicUrlVerdict } from "../http/public-url";
import { checkShopUrl } from "./shop-url";

export type ShopwareCredentials = { shopUrl: string; apiKey: string; secretKey: string };
export type ShopwareRefund = { id: string; totalPrice: number | string };

/** The shop could not be asked (down, slow, credentials revoked, not allowed): Shopware should send again later. */
export class ShopwareAdminError extends Error {}

const TIMEOUT_MS = 10_000;
/** A token or a page of 100 refunds is a few KiB. */
const MAX_ANSWER_BYTES = 1024 * 1024;
const tokenSchema = z.object({ access_token: z.string().min(1) });
const refundsSchema = z.object({ data: z.array(z.object({ id: z.string(), amount: z.object({ totalPrice: z.union([z.number(), z.string()]) }) })) });

const REFUSED: Record<Extract<PublicUrlVerdict, { ok: false }>["reason"], string> = {
  "not-https": "is not an https URL",
  "private-address": "does not point to a public address only",
  unresolvable: "does not resolve",
};

async function call(credentials: ShopwareCredentials, path: string, body: unknown, token?: string): Promise<unknown> {
  // Judged right before the call: the name may point elsewhere since registration.
  const verdict = await checkShopUrl(`${credentials.shopUrl.replace(/\/+$/, "")}${path}`);
  if (!verdict.ok) throw new ShopwareAdminError(`the shop's URL ${REFUSED[verdict.reason]}, so its Admin API was not called`);
  let response: Awaited<ReturnType<typeof pinnedPost>>;
  try {
    response = await pinnedPost(verdict.url, verdict.addresses[0]!, {
      headers: { "content-type": "application/json", accept: "application/json", ...(token && { authorization: `Bearer ${token}` }) },
      body: JSON.stringify(body),
      timeoutMs: TIMEOUT_MS,
      maxBytes: MAX_ANSWER_BYTES,
    });
  } catch (error) {
    if (!(error instanceof PinnedRequestError)) throw error;
    throw new ShopwareAdminError(`the shop's Admin API did not answer ${path} (${error.message})`);
  }
  if (response.status >= 300 && response.status < 400) throw new ShopwareAdminError(`the shop's Admin API answered ${path} with a redirect (${response.status}), which is not followed`);
  if (response.status < 200 || response.status >= 300) throw new ShopwareAdminError(`the shop's Admin API answered ${response.status} to ${path}`);
  try {
    return JSON.parse(response.body.toString("utf8")) as unknown;
  } catch {
    throw new ShopwareAdminError(`the shop's Admin API answered ${path} with something other than JSON`);
  }
}

/** An access token for the app's integration (client credentials from the confirmation). */
async function accessToken(credentials: ShopwareCredentials): Promise<string> {
  const token = tokenSchema.safeParse(await call(credentials, "/api/oauth/token", { grant_type: "client_credentials", client_id: credentials.apiKey, client_secret: credentials.secretKey }));
  if (!token.success) throw new ShopwareAdminError("the shop's Admin API gave no access token for the app's credentials");
  return token.data.access_token;
}

/** The completed refunds of an order's payments, each with its amount as the customer got it back. */
export async function completedRefunds(credentials: ShopwareCredentials, orderId: string): Promise<ShopwareRefund[]> {
  const token = await accessToken(credentials);
  const criteria = {
    limit: 100,
    filter: [
      { type: "equals", field: "transactionCapture.transaction.orderId", value: orderId },
      { type: "equals", field: "stateMachineState.technicalName", value: "completed" },
    ],
  };
  const found = refundsSchema.safeParse(await call(credentials, "/api/search/order-transaction-capture-refund", criteria, token));
  if (!found.success) throw new ShopwareAdminError("the shop's Admin API listed refunds in an unexpected shape");
  return found.data.data.map((refund) => ({ id: refund.id, totalPrice: refund.amount.totalPrice }));
}

const customersSchema = z.object({ data: z.array(z.object({ id: z.string(), email: z.string().nullish() })) });

/**
 * A customer's e-mail address (the storefront identity of a shopper Treue has no member for yet),
 * or null when the shop has no such customer. The manifest lets the app read customers.
 */
export async function customerEmail(credentials: ShopwareCredentials, customerId: string): Promise<string | null> {
  const token = await accessToken(credentials);
  const criteria = { limit: 1, filter: [{ type: "equals", field: "id", value: customerId }], includes: { customer: ["id", "email"] } };
  const found = customersSchema.safeParse(await call(credentials, "/api/search/customer", criteria, token));
  if (!found.success) throw new ShopwareAdminError("the shop's Admin API listed customers in an unexpected shape");
  const email = found.data.data.find((customer) => customer.id.toLowerCase() === customerId.toLowerCase())?.email?.trim();
  return email ? email : null;
}
