// A redeemed reward as a Shopify discount code, through the GraphQL Admin API.
//
// Kinds: amount_off and percent_off become a basic code discount on all items; free_shipping a
// free-shipping code discount to every destination; free_product a basic code discount of the
// product's own price, fixed and not per item, on that one variant (looked up by SKU), so exactly
// one unit is free. Shopify's buy-X-get-Y cannot express "one free, nothing to buy": its
// `customerBuys` needs items and may not name all of them.
// Every discount is one use (`usageLimit: 1`, once per customer), runs from the coupon's start to
// its expiry and is bound through `context` to the member's Shopify customer: the id the shop sent
// with their orders, else the customer with the member's e-mail address. A member who never had a
// customer account in the shop cannot be bound; their code is open to any buyer, still for one
// use only and known only to them (like a gift card's code).
// A create tried again after its answer was lost (a timeout, a 5xx, INTERNAL_SERVER_ERROR after
// Shopify saved it) is refused with code TAKEN: the discount with that code is then looked up
// (codeDiscountNodeByCode) and counts as created when it is this one (same title, same customer or
// all buyers, one use); a code taken by any other discount stays a refusal for good.
// A category limit is not sent: Treue's categories come from the shop API and the order import,
// Shopify's webhooks name none, and Shopify limits discounts by collection, which is not a
// category. Such a discount applies to every item.
// What Shopify answers stays here: a refusal names the status, the GraphQL code or the refused
// field, never the answer's body.
import { z } from "zod";
import { postShopifyGraphql, SHOPIFY_TIMEOUT_SECONDS, shopifyGraphqlEndpoint, ShopifyUnreachable } from "../shopify-graphql";
import { adminBaseUrl } from "./admin-url";
import { decimal } from "./money";
import type { DiscountAdapter, DiscountCall, ShopDiscount } from "./types";

/** The newest stable GraphQL Admin API version (Shopify releases one each quarter, supported a year). */
export const SHOPIFY_ADMIN_API_VERSION = "2026-10";

export type ShopifyDiscountsConfig = {
  /** The shop's address, e.g. https://gipfelglueck.myshopify.com (a trailing /admin is dropped). */
  adminUrl: string;
  /** An Admin API access token with write_discounts, read_customers and read_products. */
  accessToken: string;
  apiVersion?: string;
  fetchImpl?: typeof fetch;
};

type Failure = { ok: false; retry: boolean; reason: string };
type Context = { customers: { add: string[] } } | { all: "ALL" };

const fail = (retry: boolean, reason: string): Failure => ({ ok: false, retry, reason });

const userErrorsSchema = z.array(z.object({ field: z.array(z.string()).nullish(), code: z.string().nullish(), message: z.string().nullish() }));
const answerSchema = z.object({
  data: z.record(z.string(), z.unknown()).nullish(),
  errors: z
    .array(z.object({ message: z.string().nullish(), path: z.array(z.union([z.string(), z.number()])).nullish(), extensions: z.object({ code: z.string().nullish() }).nullish() }))
    .nullish(),
});
const createdSchema = z.object({ codeDiscountNode: z.object({ id: z.string() }).nullable(), userErrors: userErrorsSchema });
const deletedSchema = z.object({ deletedCodeDiscountId: z.string().nullish(), userErrors: userErrorsSchema });
const customersSchema = z.object({ nodes: z.array(z.object({ id: z.string(), defaultEmailAddress: z.object({ emailAddress: z.string().nullish() }).nullish() })) });
const variantsSchema = z.object({ nodes: z.array(z.object({ id: z.string(), sku: z.string().nullish(), price: z.string() })) });
const byCodeSchema = z
  .object({
    id: z.string(),
    codeDiscount: z.object({
      __typename: z.string(),
      title: z.string().optional(),
      usageLimit: z.number().nullish(),
      context: z.object({ __typename: z.string(), customers: z.array(z.object({ id: z.string() })).optional(), all: z.string().optional() }).optional(),
    }),
  })
  .nullable();
const checkSchema = z.object({ shop: z.object({ name: z.string() }), codeDiscountNodes: z.object({ nodes: z.array(z.unknown()) }) });

const USER_ERRORS = "userErrors { field code message }";
const BASIC_CREATE = `mutation TreueDiscountBasic($basicCodeDiscount: DiscountCodeBasicInput!) {
  discountCodeBasicCreate(basicCodeDiscount: $basicCodeDiscount) { codeDiscountNode { id } ${USER_ERRORS} }
}`;
const FREE_SHIPPING_CREATE = `mutation TreueDiscountFreeShipping($freeShippingCodeDiscount: DiscountCodeFreeShippingInput!) {
  discountCodeFreeShippingCreate(freeShippingCodeDiscount: $freeShippingCodeDiscount) { codeDiscountNode { id } ${USER_ERRORS} }
}`;
const DELETE = `mutation TreueDiscountDelete($id: ID!) {
  discountCodeDelete(id: $id) { deletedCodeDiscountId ${USER_ERRORS} }
}`;
const CONTEXT = "context { __typename ... on DiscountCustomers { customers { id } } ... on DiscountBuyerSelectionAll { all } }";
const BY_CODE = `query TreueDiscountByCode($code: String!) {
  codeDiscountNodeByCode(code: $code) {
    id
    codeDiscount {
      __typename
      ... on DiscountCodeBasic { title usageLimit ${CONTEXT} }
      ... on DiscountCodeFreeShipping { title usageLimit ${CONTEXT} }
    }
  }
}`;
const CUSTOMER_BY_EMAIL = `query TreueCustomerByEmail($query: String!) {
  customers(first: 5, query: $query) { nodes { id defaultEmailAddress { emailAddress } } }
}`;
const VARIANT_BY_SKU = `query TreueVariantBySku($query: String!) {
  productVariants(first: 5, query: $query) { nodes { id sku price } }
}`;
const CHECK = `query TreueCheck {
  shop { name }
  codeDiscountNodes(first: 1) { nodes { id } }
  customers(first: 1) { nodes { id } }
  productVariants(first: 1) { nodes { id } }
}`;

/** What each read of the check needs, to name the missing scope when Shopify denies it. */
const SCOPE_OF: Record<string, string> = {
  codeDiscountNodes: "discounts (write_discounts)",
  customers: "customers (read_customers)",
  productVariants: "products (read_products)",
};

export function shopifyDiscounts(config: ShopifyDiscountsConfig): DiscountAdapter {
  const version = config.apiVersion ?? SHOPIFY_ADMIN_API_VERSION;
  const fetchImpl = config.fetchImpl ?? fetch;
  const base = adminBaseUrl(config.adminUrl);
  const unusable: Failure | null = !base
    ? fail(false, "the Shopify admin URL must be https (plain http only to this machine), without user, query or fragment")
    : !/^(\d{4}-\d{2}|unstable)$/.test(version)
      ? fail(false, `"${version.slice(0, 20)}" is not a Shopify API version`)
      : !config.accessToken.trim()
        ? fail(false, "no Shopify Admin API access token is set")
        : null;
  const endpoint = base ? shopifyGraphqlEndpoint(base, version) : "";

  /** One GraphQL call: the answer's `data`, or why there is none and whether trying later may help. */
  async function graphql(what: string, query: string, variables: Record<string, unknown>): Promise<{ ok: true; data: Record<string, unknown> } | Failure> {
    if (unusable) return unusable;
    let status: number;
    let text: string;
    try {
      ({ status, text } = await postShopifyGraphql(fetchImpl, endpoint, config.accessToken, query, variables));
    } catch (error) {
      const timedOut = error instanceof ShopifyUnreachable && error.timedOut;
      return fail(true, timedOut ? `Shopify did not answer ${what} within ${SHOPIFY_TIMEOUT_SECONDS} s` : `Shopify could not be reached for ${what}`);
    }
    if (status === 429) return fail(true, `Shopify is rate-limiting (429) ${what}`);
    if (status >= 500) return fail(true, `Shopify answered ${status} to ${what}`);
    if (status >= 300 && status < 400) return fail(false, `Shopify answered ${what} with a redirect (${status}), which is not followed: check the admin URL`);
    if (status === 401 || status === 403) return fail(false, `Shopify refused the access token (${status}) for ${what}`);
    if (status === 404) return fail(false, `Shopify answered 404 to ${what}: check the admin URL and API version ${version}`);
    if (status < 200 || status >= 300) return fail(false, `Shopify answered ${status} to ${what}`);
    let parsed: z.infer<typeof answerSchema>;
    try {
      const answer = answerSchema.safeParse(JSON.parse(text));
      if (!answer.success) return fail(false, `Shopify answered ${what} in an unexpected shape`);
      parsed = answer.data;
    } catch {
      return fail(false, `Shopify answered ${what} with something other than JSON`);
    }
    const errors = parsed.errors ?? [];
    if (errors.some((e) => e.extensions?.code === "THROTTLED")) return fail(true, `Shopify is rate-limiting (THROTTLED) ${what}`);
    if (errors.some((e) => e.extensions?.code === "INTERNAL_SERVER_ERROR")) return fail(true, `Shopify had an internal error on ${what}`);
    const first = errors[0];
    if (first) {
      const field = typeof first.path?.[0] === "string" ? first.path[0] : null;
      const code = first.extensions?.code ?? null;
      if (code === "ACCESS_DENIED" && field && SCOPE_OF[field]) return fail(false, `the access token may not read ${SCOPE_OF[field]}`);
      return fail(false, `Shopify refused ${what}: ${code ?? "GraphQL error"}${field ? ` on ${field}` : ""}`);
    }
    if (!parsed.data) return fail(false, `Shopify answered ${what} without data`);
    return { ok: true, data: parsed.data };
  }

  /** Whom the discount is for: the member's Shopify customer, or any buyer when the shop knows none. */
  async function contextFor(customer: ShopDiscount["customer"]): Promise<{ ok: true; context: Context } | Failure> {
    const known = customerGid(customer.shopCustomerId);
    if (known) return { ok: true, context: { customers: { add: [known] } } };
    const found = await graphql("the customer lookup", CUSTOMER_BY_EMAIL, { query: `email:${searchTerm(customer.email)}` });
    if (!found.ok) return found;
    const customers = customersSchema.safeParse(found.data.customers);
    if (!customers.success) return fail(false, "Shopify listed customers in an unexpected shape");
    const email = customer.email.trim().toLowerCase();
    const match = customers.data.nodes.find((c) => c.defaultEmailAddress?.emailAddress?.trim().toLowerCase() === email);
    return { ok: true, context: match ? { customers: { add: [match.id] } } : { all: "ALL" } };
  }

  /** The variant a free product's SKU names and its price in the shop. */
  async function variantFor(sku: string): Promise<{ ok: true; id: string; price: string } | Failure> {
    const found = await graphql("the product lookup", VARIANT_BY_SKU, { query: `sku:${searchTerm(sku)}` });
    if (!found.ok) return found;
    const variants = variantsSchema.safeParse(found.data.productVariants);
    if (!variants.success) return fail(false, "Shopify listed product variants in an unexpected shape");
    const match = variants.data.nodes.find((v) => v.sku === sku);
    if (!match) return fail(false, `no product in the shop has the SKU ${sku}`);
    if (!/^\d+(\.\d+)?$/.test(match.price) || !/[1-9]/.test(match.price)) return fail(false, `the product with SKU ${sku} has no price above zero in the shop`);
    return { ok: true, id: match.id, price: match.price };
  }

  async function create(discount: ShopDiscount): Promise<DiscountCall<{ externalId: string }>> {
    if (unusable) return unusable;
    if (Number.isNaN(discount.startsAt.getTime()) || Number.isNaN(discount.endsAt.getTime())) return fail(false, "the coupon's dates are not valid");
    let minimumRequirement: { subtotal: { greaterThanOrEqualToSubtotal: string } } | undefined;
    if (discount.minOrderCents !== null && discount.minOrderCents > 0) {
      const subtotal = decimal(discount.minOrderCents, discount.currency);
      if (!subtotal) return fail(false, `${discount.currency} is not a currency`);
      minimumRequirement = { subtotal: { greaterThanOrEqualToSubtotal: subtotal } };
    }

    let value: Record<string, unknown> | null = null;
    let items: Record<string, unknown> = { all: true };
    switch (discount.kind) {
      case "amount_off": {
        if (discount.valueCents === null || discount.valueCents <= 0) return fail(false, "the reward names no amount off");
        const amount = decimal(discount.valueCents, discount.currency);
        if (!amount) return fail(false, `${discount.currency} is not a currency`);
        value = { discountAmount: { amount, appliesOnEachItem: false } };
        break;
      }
      case "percent_off":
        if (discount.percentOff === null || !(discount.percentOff >= 1 && discount.percentOff <= 100)) return fail(false, "the reward's percentage is not between 1 and 100");
        value = { percentage: Math.round(discount.percentOff * 100) / 10_000 };
        break;
      case "free_product": {
        if (!discount.sku) return fail(false, "the reward names no product SKU");
        const variant = await variantFor(discount.sku);
        if (!variant.ok) return variant;
        value = { discountAmount: { amount: variant.price, appliesOnEachItem: false } };
        items = { products: { productVariantsToAdd: [variant.id] } };
        break;
      }
      case "free_shipping":
        break;
      default:
        return fail(false, `a ${discount.kind} reward has no Shopify discount`);
    }

    const bound = await contextFor(discount.customer);
    if (!bound.ok) return bound;
    const common = {
      title: discount.title,
      code: discount.code,
      startsAt: discount.startsAt.toISOString(),
      endsAt: discount.endsAt.toISOString(),
      context: bound.context,
      usageLimit: 1,
      appliesOncePerCustomer: true,
      ...(minimumRequirement && { minimumRequirement }),
    };
    const [field, query, variables] = value
      ? (["discountCodeBasicCreate", BASIC_CREATE, { basicCodeDiscount: { ...common, customerGets: { value, items } } }] as const)
      : (["discountCodeFreeShippingCreate", FREE_SHIPPING_CREATE, { freeShippingCodeDiscount: { ...common, destination: { all: true } } }] as const);
    const answer = await graphql("the discount creation", query, variables);
    if (!answer.ok) return answer;
    const created = createdSchema.safeParse(answer.data[field]);
    if (!created.success) return fail(false, "Shopify answered the discount creation in an unexpected shape");
    const errors = created.data.userErrors;
    // The code is taken: maybe by this very discount, created by an earlier try whose answer was lost.
    if (errors.some((e) => e.code === "TAKEN" && e.field?.at(-1) === "code")) return alreadyCreated(discount, value ? "DiscountCodeBasic" : "DiscountCodeFreeShipping", bound.context);
    if (errors.length > 0) return fail(false, `Shopify refused the discount: ${describeUserErrors(errors)}`);
    if (!created.data.codeDiscountNode) return fail(false, "Shopify created no discount and named no reason");
    return { ok: true, externalId: created.data.codeDiscountNode.id };
  }

  /**
   * After "code TAKEN": the discount with that code counts as created only if it is the one Treue
   * asked for (same kind and title, bound to the same customer or to all buyers as this try would
   * bind it, one use); any other discount with the code is a refusal for good.
   */
  async function alreadyCreated(discount: ShopDiscount, typename: string, context: Context): Promise<DiscountCall<{ externalId: string }>> {
    const found = await graphql("the lookup of the taken code", BY_CODE, { code: discount.code });
    if (!found.ok) return found;
    const node = byCodeSchema.safeParse(found.data.codeDiscountNodeByCode);
    if (!node.success) return fail(false, "Shopify answered the lookup of the taken code in an unexpected shape");
    if (!node.data) return fail(false, "Shopify refused the discount: code: TAKEN, and has no code discount with it");
    const { id, codeDiscount: existing } = node.data;
    const bound = existing.context;
    const sameBuyers =
      "all" in context
        ? bound?.__typename === "DiscountBuyerSelectionAll" && bound.all === "ALL"
        : bound?.__typename === "DiscountCustomers" && bound.customers?.length === 1 && bound.customers[0]!.id === context.customers.add[0];
    const ours = /^gid:\/\/shopify\/DiscountCodeNode\/\d+$/.test(id) && existing.__typename === typename && existing.title === discount.title && existing.usageLimit === 1 && sameBuyers;
    return ours ? { ok: true, externalId: id } : fail(false, "another discount in the shop already has this code (code: TAKEN)");
  }

  async function disable(externalId: string): Promise<DiscountCall<object>> {
    if (unusable) return unusable;
    if (!/^gid:\/\/shopify\/DiscountCodeNode\/\d+$/.test(externalId)) return fail(false, "the discount's id is not a Shopify code discount id");
    const answer = await graphql("the discount deletion", DELETE, { id: externalId });
    if (!answer.ok) return answer;
    const deleted = deletedSchema.safeParse(answer.data.discountCodeDelete);
    if (!deleted.success) return fail(false, "Shopify answered the discount deletion in an unexpected shape");
    const errors = deleted.data.userErrors;
    // Gone already (deleted in the shop's admin, or an earlier attempt whose answer was lost): done.
    if (errors.length > 0 && errors.every((e) => /does ?n[o']t exist|not found/i.test(e.message ?? ""))) return { ok: true };
    if (errors.length > 0) return fail(false, `Shopify refused to delete the discount: ${describeUserErrors(errors)}`);
    return { ok: true };
  }

  async function check(): Promise<DiscountCall<{ detail: string }>> {
    const answer = await graphql("the connection check", CHECK, {});
    if (!answer.ok) return answer;
    const parsed = checkSchema.safeParse(answer.data);
    if (!parsed.success) return fail(false, "Shopify answered the connection check in an unexpected shape");
    return { ok: true, detail: `Shop: ${parsed.data.shop.name}` };
  }

  return { platform: "shopify", create, disable, check };
}

/** A Shopify customer GID from the shop's customer id (numeric, or already a GID); null for anything else. */
export function customerGid(shopCustomerId: string | null): string | null {
  const id = shopCustomerId?.trim() ?? "";
  if (/^\d+$/.test(id)) return `gid://shopify/Customer/${id}`;
  if (/^gid:\/\/shopify\/Customer\/\d+$/.test(id)) return id;
  return null;
}

/** A value for Shopify's search syntax, quoted so spaces and colons stay inside it. */
function searchTerm(value: string): string {
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

/** "code: TAKEN; endsAt: INVALID" — the refused fields (without the input's own name) and Shopify's codes. */
function describeUserErrors(errors: z.infer<typeof userErrorsSchema>): string {
  return errors
    .slice(0, 3)
    .map((e) => {
      const field = (e.field ?? []).filter((part, i) => !(i === 0 && /CodeDiscount$/.test(part))).join(".") || "input";
      return `${field}: ${e.code ?? "refused"}`;
    })
    .join("; ");
}
