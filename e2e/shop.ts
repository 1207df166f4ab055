// The shop's backend as the e2e tests play it: signed calls to the shop API.
import { expect, type APIRequestContext } from "@playwright/test";
import { signRequest } from "../lib/shop-api/signature";
import { uniqueEmail } from "./helpers";

export const shopSecret = "e2e-shop-secret"; // playwright.config.ts starts the server with it

/** POSTs `body` to `path` (with its query, if any) signed with v2 over method, path, query and body, or with the `headers` given. */
export function postSigned(request: APIRequestContext, path: string, body: string, headers: Record<string, string> = signRequest(shopSecret, { method: "POST", url: path, body })) {
  // A Buffer is sent byte for byte (a string may be re-encoded, which would break the signature).
  return request.post(path, { data: Buffer.from(body), headers: { "content-type": "application/json", ...headers } });
}

export function getSigned(request: APIRequestContext, path: string) {
  return request.get(path, { headers: signRequest(shopSecret, { method: "GET", url: path }) });
}

/** A tent the review task can ask about (the demo shop's product). */
export const ZELT_DUO = { sku: "ZELT-2", name: "Zelt Duo", quantity: 1, unit_price_cents: 6_000 };

export function orderPaid(
  eventId: string,
  orderId: string,
  customerId: string,
  subtotalCents: number,
  email = `${customerId}@example.com`,
  items = [{ sku: "SKU-1", name: "Zelt", quantity: 1, unit_price_cents: subtotalCents }],
) {
  return {
    id: eventId,
    type: "order.paid",
    occurred_at: new Date().toISOString(),
    data: {
      order_id: orderId,
      customer: { id: customerId, email, name: "Api Kundin" },
      currency: "EUR",
      subtotal_cents: subtotalCents,
      items,
    },
  };
}

/** A new shopper (`label` names them in the data) whose first order of `subtotalCents` the shop has just sent. */
export async function shopperWithOrder(request: APIRequestContext, label: string, subtotalCents: number) {
  const email = uniqueEmail(label);
  const customerId = `cust-${email.split("@")[0]}`;
  const orderId = `order-${customerId}`;
  const response = await postSigned(request, "/api/v1/events", JSON.stringify(orderPaid(`evt-${customerId}`, orderId, customerId, subtotalCents, email)));
  expect(response.status()).toBe(200);
  return { email, customerId, orderId, memberId: ((await response.json()) as { member_id: string }).member_id };
}
