// One request to Shopify's GraphQL Admin API, as every Treue call to it is made: the endpoint under
// the shop's admin URL, the access token, no redirects followed, ten seconds at most. What the
// answer means is each caller's (discounts retry, a customer lookup gives up).

const TIMEOUT_MS = 10_000;

/** The GraphQL endpoint of API `version` under the shop's admin URL (with or without a trailing /admin). */
export function shopifyGraphqlEndpoint(base: URL, version: string): string {
  return `${base.origin}${base.pathname.replace(/\/+$/, "").replace(/\/admin$/, "")}/admin/api/${version}/graphql.json`;
}

/** Shopify could not be asked: no connection, or no answer within the time. */
export class ShopifyUnreachable extends Error {
  constructor(readonly timedOut: boolean) {
    super(timedOut ? "timed out" : "unreachable");
  }
}

/** Posts the query; the answer's status and text. Throws ShopifyUnreachable when there is no answer. */
export async function postShopifyGraphql(
  fetchImpl: typeof fetch,
  endpoint: string,
  accessToken: string,
  query: string,
  variables: Record<string, unknown>,
): Promise<{ status: number; text: string }> {
  try {
    const response = await fetchImpl(endpoint, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json", "x-shopify-access-token": accessToken },
      body: JSON.stringify({ query, variables }),
      redirect: "manual",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    return { status: response.status, text: await response.text() };
  } catch (error) {
    throw new ShopifyUnreachable(error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError"));
  }
}

/** How long a call may take, for the messages that say so. */
export const SHOPIFY_TIMEOUT_SECONDS = TIMEOUT_MS / 1000;
