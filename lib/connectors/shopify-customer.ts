// A Shopify customer's e-mail address, read through the GraphQL Admin API with the access Treue
// has for discounts (TREUE_SHOPIFY_ADMIN_URL and _TOKEN, or Console → Connections): the storefront
// identity for a shopper Treue has no member for yet (lib/storefront/identity-issuers.ts).
// `Customer.email` is deprecated since 2025-04; `defaultEmailAddress.emailAddress` replaces it.
// It needs read_customers and, being protected customer data, the app's access to e-mail.
// What Shopify answers stays here: errors name the status or the GraphQL code, never the body.
import { z } from "zod";
import { adminBaseUrl } from "./discounts/admin-url";
import { postShopifyGraphql, SHOPIFY_TIMEOUT_SECONDS, shopifyGraphqlEndpoint, ShopifyUnreachable } from "./shopify-graphql";
import { customerGid, SHOPIFY_ADMIN_API_VERSION } from "./discounts/shopify";

export type ShopifyAdminAccess = {
  /** The shop's address, e.g. https://gipfelglueck.myshopify.com. */
  adminUrl: string;
  accessToken: string;
  apiVersion?: string;
  fetchImpl?: typeof fetch;
};

/** Shopify could not be asked, or refused: the caller answers "try later", never "nobody is signed in". */
export class ShopifyAdminError extends Error {}


export const CUSTOMER_EMAIL_QUERY = `query TreueCustomerEmail($id: ID!) {
  customer(id: $id) { id defaultEmailAddress { emailAddress } }
}`;

const answerSchema = z.object({
  data: z
    .object({ customer: z.object({ id: z.string(), defaultEmailAddress: z.object({ emailAddress: z.string().nullish() }).nullish() }).nullable() })
    .nullish(),
  errors: z.array(z.object({ extensions: z.object({ code: z.string().nullish() }).nullish() })).nullish(),
});

/** The host of the shop the access is for (its myshopify.com domain), or null when the URL is unusable. */
export function shopifyAdminHost(adminUrl: string): string | null {
  return adminBaseUrl(adminUrl)?.hostname.toLowerCase() ?? null;
}

/** The customer's e-mail address, or null when the shop has no such customer or no address for them. */
export async function shopifyCustomerEmail(access: ShopifyAdminAccess, customerId: string): Promise<string | null> {
  const id = customerGid(customerId);
  if (!id) return null;
  const base = adminBaseUrl(access.adminUrl);
  const version = access.apiVersion ?? SHOPIFY_ADMIN_API_VERSION;
  if (!base || !access.accessToken.trim()) throw new ShopifyAdminError("the Shopify admin URL or access token is not usable");
  let status: number;
  let text: string;
  try {
    ({ status, text } = await postShopifyGraphql(access.fetchImpl ?? fetch, shopifyGraphqlEndpoint(base, version), access.accessToken, CUSTOMER_EMAIL_QUERY, { id }));
  } catch (error) {
    const timedOut = error instanceof ShopifyUnreachable && error.timedOut;
    throw new ShopifyAdminError(timedOut ? `Shopify did not answer the customer lookup within ${SHOPIFY_TIMEOUT_SECONDS} s` : "Shopify could not be reached for the customer lookup");
  }
  if (status < 200 || status >= 300) throw new ShopifyAdminError(`Shopify answered ${status} to the customer lookup`);
  let answer: z.infer<typeof answerSchema>;
  try {
    const parsed = answerSchema.safeParse(JSON.parse(text));
    if (!parsed.success) throw new ShopifyAdminError("Shopify answered the customer lookup in an unexpected shape");
    answer = parsed.data;
  } catch (error) {
    if (error instanceof ShopifyAdminError) throw error;
    throw new ShopifyAdminError("Shopify answered the customer lookup with something other than JSON");
  }
  const code = answer.errors?.[0]?.extensions?.code;
  if (answer.errors && answer.errors.length > 0) throw new ShopifyAdminError(`Shopify refused the customer lookup: ${code ?? "GraphQL error"}`);
  const email = answer.data?.customer?.defaultEmailAddress?.emailAddress?.trim();
  return email ? email : null;
}
