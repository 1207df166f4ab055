import "server-only";
// What a Shopware webhook leaves out, read through the shop's Admin API with the credentials it
// handed over at confirmation: a partial refund's amount lives in Shopware's refund records
// (order_transaction_capture_refund), not in the state change that announces it.
import { z } from "zod";

export type ShopwareCredentials = { shopUrl: string; apiKey: string; secretKey: string };
export type ShopwareRefund = { id: string; totalPrice: number | string };

/** The shop could not be asked (down, slow, credentials revoked): Shopware should send again later. */
export class ShopwareAdminError extends Error {}

const TIMEOUT_MS = 10_000;
const tokenSchema = z.object({ access_token: z.string().min(1) });
const refundsSchema = z.object({ data: z.array(z.object({ id: z.string(), amount: z.object({ totalPrice: z.union([z.number(), z.string()]) }) })) });

async function call(credentials: ShopwareCredentials, path: string, body: unknown, token?: string): Promise<unknown> {
  const url = `${credentials.shopUrl.replace(/\/+$/, "")}${path}`;
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json", ...(token && { authorization: `Bearer ${token}` }) },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
      redirect: "error",
    });
  } catch (error) {
    throw new ShopwareAdminError(`the shop's Admin API at ${url} did not answer (${(error as Error).message})`);
  }
  if (!response.ok) throw new ShopwareAdminError(`the shop's Admin API answered ${response.status} to ${path}`);
  try {
    return await response.json();
  } catch {
    throw new ShopwareAdminError(`the shop's Admin API answered ${path} with something other than JSON`);
  }
}

/** The completed refunds of an order's payments, each with its amount as the customer got it back. */
export async function completedRefunds(credentials: ShopwareCredentials, orderId: string): Promise<ShopwareRefund[]> {
  const token = tokenSchema.safeParse(await call(credentials, "/api/oauth/token", { grant_type: "client_credentials", client_id: credentials.apiKey, client_secret: credentials.secretKey }));
  if (!token.success) throw new ShopwareAdminError("the shop's Admin API gave no access token for the app's credentials");
  const criteria = {
    limit: 100,
    filter: [
      { type: "equals", field: "transactionCapture.transaction.orderId", value: orderId },
      { type: "equals", field: "stateMachineState.technicalName", value: "completed" },
    ],
  };
  const found = refundsSchema.safeParse(await call(credentials, "/api/search/order-transaction-capture-refund", criteria, token.data.access_token));
  if (!found.success) throw new ShopwareAdminError("the shop's Admin API listed refunds in an unexpected shape");
  return found.data.data.map((refund) => ({ id: refund.id, totalPrice: refund.amount.totalPrice }));
}
