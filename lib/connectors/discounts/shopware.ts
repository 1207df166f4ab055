// A redeemed reward as a Shopware 6 promotion: one promotion per coupon, with Treue's code as its
// promotion code, valid from the redemption until the coupon expires, redeemable once in all, once
// per customer, and (when the shop knows the member's e-mail as a registered customer) by that
// customer only. Written through the shop's Admin API with the app's credentials (OAuth client
// credentials), in one write: the promotion with its discount, sales channels, customers and the
// rules it needs (minimum order, product, category), so a half-made promotion never exists.
//
// The shop's URL is the shop's own word (its app registration): every call is judged right before
// it is made (https on public addresses only; plain http to loopback in tests) and connects to the
// address just judged (lib/http/pinned-request.ts), as lib/connectors/shopware-admin.ts does.
// What the shop answers stays here: reasons name the status and Shopware's error code only.
//
// The promotion's id is derived from the code, so a create that is tried again after a lost answer
// finds its own promotion (Shopware answers that the id exists) instead of making a second one.
import { createHash } from "node:crypto";
import { z } from "zod";
import { pinnedRequest, PinnedRequestError } from "../../http/pinned-request";
import type { PublicUrlVerdict, Resolve } from "../../http/public-url";
import { checkShopUrl } from "../shop-url";
import { currencyDigits } from "../../i18n/money";
import type { ShopwareCredentials } from "../shopware-admin";
import type { DiscountAdapter, DiscountCall, ShopDiscount } from "./types";

const TIMEOUT_MS = 10_000;
/** A token, a page of ids or an error list is a few KiB. */
const MAX_ANSWER_BYTES = 1024 * 1024;
/** More sales channels, customers with one address or categories with one name than any shop has. */
const SEARCH_LIMIT = 500;

/** Shopware's answer when a create names an id that exists (here: this coupon's promotion, made by an earlier try). */
const ID_EXISTS = "FRAMEWORK__WRITE_TYPE_INTEND_ERROR";
/** Shopware's validation error when another promotion has the code. */
const CODE_TAKEN = "PROMOTION_DUPLICATED_CODE_VIOLATION";

const REFUSED: Record<Extract<PublicUrlVerdict, { ok: false }>["reason"], string> = {
  "not-https": "is not an https URL",
  "private-address": "does not point to a public address only",
  unresolvable: "does not resolve",
};

const tokenSchema = z.object({ access_token: z.string().min(1) });
const idsSchema = z.object({ data: z.array(z.object({ id: z.string().regex(/^[0-9a-f]{32}$/) })) });
const errorsSchema = z.object({ errors: z.array(z.object({ code: z.unknown(), source: z.object({ pointer: z.unknown() }).partial().optional() }).partial()) });

/** A call that did not give what was asked: `retry` as in DiscountCall. Never leaves this module. */
class Refusal {
  constructor(
    readonly retry: boolean,
    readonly reason: string,
  ) {}
}

type Answer = { status: number; json: unknown };

/**
 * A UUID (version 5 layout, hex without dashes, as Shopware writes ids) that is the same for the
 * same name: the promotion and its parts get the same ids on every try for one code.
 */
export function shopwareId(name: string): string {
  const bytes = createHash("sha1").update(`treue:shopware:${name}`).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  return bytes.toString("hex");
}

/** Shopware's error codes (and where they point) from an error answer, only if they look like codes. */
function errorCodes(json: unknown): string[] {
  const parsed = errorsSchema.safeParse(json);
  if (!parsed.success) return [];
  return parsed.data.errors.flatMap((error) => {
    if (typeof error.code !== "string" || !/^[A-Za-z0-9_.:-]{1,80}$/.test(error.code)) return [];
    const pointer = error.source?.pointer;
    return [typeof pointer === "string" && /^[\w/.-]{1,80}$/.test(pointer) ? `${error.code} at ${pointer}` : error.code];
  });
}

function refusalFor(answer: Answer, what: string): Refusal {
  const { status } = answer;
  if (status === 429 || status >= 500) return new Refusal(true, `the shop's Admin API answered ${status} to ${what}`);
  if (status >= 300 && status < 400) return new Refusal(false, `the shop's Admin API answered ${what} with a redirect (${status}), which is not followed: check the shop's URL`);
  if (status === 401) return new Refusal(false, `the shop refused the app's credentials (401) at ${what}: install or confirm the app again`);
  if (status === 403) return new Refusal(false, `the app lacks a permission for ${what} (403): update the app in the shop so it has the permissions of Treue's manifest`);
  if (status === 404) return new Refusal(false, `the shop's Admin API answered 404 to ${what}: check the shop's URL`);
  const codes = errorCodes(answer.json);
  if (codes.some((code) => code.startsWith(CODE_TAKEN))) return new Refusal(false, "another promotion in the shop already has this code");
  return new Refusal(false, `the shop refused ${what} (${status}${codes.length ? `: ${codes.slice(0, 3).join(", ")}` : ""})`);
}

type Rule = { id: string; name: string; priority: number; conditions: { id: string; type: string; value: Record<string, unknown> }[] };

function rule(id: string, name: string, conditions: { type: string; value: Record<string, unknown> }[]): Rule {
  return { id, name, priority: 1, conditions: conditions.map((condition, index) => ({ id: shopwareId(`${id}:condition:${index}`), ...condition })) };
}

/** The money in the currency's major units (Shopware's prices), from Treue's minor units. */
function major(cents: number, currency: string): number {
  const digits = currencyDigits(currency);
  return Number((cents / 10 ** digits).toFixed(digits));
}

/** What the discount asks that Shopware cannot take, checked before any call. */
function invalid(discount: ShopDiscount): string | null {
  if (discount.code.trim() !== discount.code || discount.code === "") return "the code is empty or has spaces at its ends";
  if (!(discount.endsAt > discount.startsAt)) return "the coupon ends before it starts";
  try {
    currencyDigits(discount.currency);
  } catch {
    return `${discount.currency} is not a currency`;
  }
  switch (discount.kind) {
    case "amount_off":
      return discount.valueCents !== null && Number.isInteger(discount.valueCents) && discount.valueCents > 0 ? null : "an amount-off reward needs an amount above zero";
    case "percent_off":
      return discount.percentOff !== null && discount.percentOff > 0 && discount.percentOff <= 100 ? null : "a percent-off reward needs a percentage from 1 to 100";
    case "free_shipping":
      return null;
    case "free_product":
      return discount.sku?.trim() ? null : "a free-product reward needs the product's SKU";
    default:
      return `a ${discount.kind} reward is not a discount Shopware can give`;
  }
}

/** `resolve`: DNS unless a test passes its own; `timeoutMs`: how long one call may take (10 s). */
export function shopwareDiscounts(credentials: ShopwareCredentials, options: { resolve?: Resolve; timeoutMs?: number } = {}): DiscountAdapter {
  const base = credentials.shopUrl.replace(/\/+$/, "");

  async function send(method: string, path: string, body?: unknown, token?: string): Promise<Answer> {
    // Judged right before the call: the name may point elsewhere since registration.
    const verdict = await checkShopUrl(`${base}${path}`, options.resolve);
    if (!verdict.ok) throw new Refusal(verdict.reason === "unresolvable", `the shop's URL ${REFUSED[verdict.reason]}, so its Admin API was not called`);
    let response: Awaited<ReturnType<typeof pinnedRequest>>;
    try {
      response = await pinnedRequest(verdict.url, verdict.addresses[0]!, {
        method,
        headers: { accept: "application/json", ...(body !== undefined && { "content-type": "application/json" }), ...(token && { authorization: `Bearer ${token}` }) },
        body: body === undefined ? undefined : JSON.stringify(body),
        timeoutMs: options.timeoutMs ?? TIMEOUT_MS,
        maxBytes: MAX_ANSWER_BYTES,
      });
    } catch (error) {
      if (!(error instanceof PinnedRequestError)) throw error;
      throw new Refusal(true, `the shop's Admin API did not answer ${method} ${path} (${error.message})`);
    }
    const text = response.body.toString("utf8");
    let json: unknown = null;
    if (text.trim() !== "") {
      try {
        json = JSON.parse(text) as unknown;
      } catch {
        json = undefined;
      }
    }
    return { status: response.status, json };
  }

  async function token(): Promise<string> {
    const answer = await send("POST", "/api/oauth/token", { grant_type: "client_credentials", client_id: credentials.apiKey, client_secret: credentials.secretKey });
    if (answer.status !== 200) throw refusalFor(answer, "the token request");
    const parsed = tokenSchema.safeParse(answer.json);
    if (!parsed.success) throw new Refusal(false, "the shop's Admin API gave no access token for the app's credentials");
    return parsed.data.access_token;
  }

  /** The ids of `entity` (Admin API spelling, e.g. sales-channel) that match every `equals` filter. */
  async function ids(bearer: string, entity: string, equals: Record<string, string | boolean> = {}): Promise<string[]> {
    const criteria = {
      limit: SEARCH_LIMIT,
      ...(Object.keys(equals).length > 0 && { filter: Object.entries(equals).map(([field, value]) => ({ type: "equals", field, value })) }),
      includes: { [entity.replace(/-/g, "_")]: ["id"] },
    };
    const answer = await send("POST", `/api/search/${entity}`, criteria, bearer);
    if (answer.status !== 200) throw refusalFor(answer, `the ${entity} search`);
    const parsed = idsSchema.safeParse(answer.json);
    if (!parsed.success) throw new Refusal(false, `the shop's Admin API listed ${entity} in an unexpected shape`);
    return parsed.data.data.map((row) => row.id);
  }

  async function attempt<T>(work: () => Promise<DiscountCall<T>>): Promise<DiscountCall<T>> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof Refusal) return { ok: false, retry: error.retry, reason: error.reason };
      throw error;
    }
  }

  return {
    platform: "shopware",

    create: (discount) =>
      attempt<{ externalId: string }>(async () => {
        const problem = invalid(discount);
        if (problem) return { ok: false, retry: false, reason: problem };
        const bearer = await token();
        const wantsCategory = discount.category !== null && discount.category.trim() !== "" && discount.kind !== "free_product";
        const [salesChannelIds, customerIds, currencyIds, productIds, categoryIds] = await Promise.all([
          ids(bearer, "sales-channel"),
          // Registered customers only: a guest order makes a new guest record each time, so a
          // promotion bound to one would not follow the shopper to the next checkout.
          ids(bearer, "customer", { email: discount.customer.email, guest: false }),
          discount.kind === "amount_off" ? ids(bearer, "currency", { isoCode: discount.currency }) : Promise.resolve([]),
          discount.kind === "free_product" ? ids(bearer, "product", { productNumber: discount.sku!.trim() }) : Promise.resolve([]),
          wantsCategory ? ids(bearer, "category", { name: discount.category!.trim() }) : Promise.resolve([]),
        ]);
        if (salesChannelIds.length === 0) return { ok: false, retry: false, reason: "the shop has no sales channel to offer the promotion in" };
        if (discount.kind === "amount_off" && currencyIds.length === 0) return { ok: false, retry: false, reason: `the shop has no currency ${discount.currency}` };
        if (discount.kind === "free_product" && productIds.length === 0) return { ok: false, retry: false, reason: `the shop has no product with the number ${discount.sku!.trim()}` };
        if (wantsCategory && categoryIds.length === 0) return { ok: false, retry: false, reason: `the shop has no category named ${discount.category!.trim()}` };

        const id = shopwareId(`promotion:${discount.code}`);
        const label = `Treue ${discount.code}`;
        const categoryCondition = { type: "cartLineItemInCategory", value: { operator: "=", categoryIds } };

        // The discount itself. Rules on a discount limit the items it applies to.
        const discountRules: Rule[] = [];
        if (discount.kind === "free_product") discountRules.push(rule(shopwareId(`product-rule:${discount.code}`), `${label}: Artikel ${discount.sku!.trim()}`, [{ type: "cartLineItem", value: { operator: "=", identifiers: productIds } }]));
        else if (wantsCategory && discount.kind !== "free_shipping") discountRules.push(rule(shopwareId(`category-rule:${discount.code}`), `${label}: Kategorie ${discount.category!.trim()}`, [categoryCondition]));
        const common = {
          id: shopwareId(`discount:${discount.code}`),
          considerAdvancedRules: discountRules.length > 0,
          ...(discountRules.length > 0 && { discountRules, sorterKey: "PRICE_ASC", applierKey: "ALL", usageKey: discount.kind === "free_product" ? "1" : "ALL" }),
        };
        const value = discount.kind === "amount_off" ? major(discount.valueCents!, discount.currency) : 0;
        const promotionDiscount =
          discount.kind === "amount_off"
            ? { ...common, scope: "cart", type: "absolute", value, promotionDiscountPrices: currencyIds.map((currencyId) => ({ currencyId, price: value })) }
            : discount.kind === "percent_off"
              ? { ...common, scope: "cart", type: "percentage", value: discount.percentOff! }
              : discount.kind === "free_shipping"
                ? { ...common, scope: "delivery", type: "percentage", value: 100 }
                : { ...common, scope: "cart", type: "percentage", value: 100 };

        // Conditions on the cart decide whether the code applies at all (all must hold).
        const cartConditions: { type: string; value: Record<string, unknown> }[] = [];
        // Goods only: the cart's total would count shipping and this very discount.
        if (discount.minOrderCents !== null && discount.minOrderCents > 0) cartConditions.push({ type: "cartGoodsPrice", value: { operator: ">=", amount: major(discount.minOrderCents, discount.currency) } });
        // Shipping has no items to limit: free shipping for a category needs an item of it in the cart.
        if (wantsCategory && discount.kind === "free_shipping") cartConditions.push(categoryCondition);

        const promotion = {
          id,
          name: discount.title,
          active: true,
          validFrom: discount.startsAt.toISOString(),
          validUntil: discount.endsAt.toISOString(),
          maxRedemptionsGlobal: 1,
          maxRedemptionsPerCustomer: 1,
          useCodes: true,
          useIndividualCodes: false,
          code: discount.code,
          customerRestriction: customerIds.length > 0,
          ...(customerIds.length > 0 && { personaCustomers: customerIds.map((customerId) => ({ id: customerId })) }),
          salesChannels: salesChannelIds.map((salesChannelId) => ({ salesChannelId, priority: 1 })),
          discounts: [promotionDiscount],
          ...(cartConditions.length > 0 && { cartRules: [rule(shopwareId(`cart-rule:${discount.code}`), `${label}: Bedingungen`, cartConditions)] }),
        };
        const answer = await send("POST", "/api/promotion", promotion, bearer);
        if (answer.status === 204 || answer.status === 200) return { ok: true, externalId: id };
        // An earlier try made it and its answer was lost.
        if (errorCodes(answer.json).some((code) => code.startsWith(ID_EXISTS))) return { ok: true, externalId: id };
        throw refusalFor(answer, "the promotion");
      }),

    disable: (externalId) =>
      attempt<object>(async () => {
        if (!/^[0-9a-f]{32}$/.test(externalId)) return { ok: false, retry: false, reason: "not a Shopware promotion id" };
        const bearer = await token();
        const answer = await send("PATCH", `/api/promotion/${externalId}`, { active: false }, bearer);
        // Gone (deleted in the shop) is as ended as inactive.
        if (answer.status === 204 || answer.status === 200 || answer.status === 404) return { ok: true };
        throw refusalFor(answer, "the promotion update");
      }),

    check: () =>
      attempt<{ detail: string }>(async () => {
        const bearer = await token();
        const answer = await send("POST", "/api/search/promotion", { limit: 1, includes: { promotion: ["id"] } }, bearer);
        if (answer.status !== 200) throw refusalFor(answer, "the promotion search");
        return { ok: true, detail: "Shopware Admin API: promotions readable" };
      }),
  };
}
