// A stand-in for Shopify's GraphQL Admin API, for tests and the e2e run: it answers exactly the
// operations the Shopify adapter sends (discountCodeBasicCreate, discountCodeFreeShippingCreate,
// discountCodeDelete, codeDiscountNodeByCode, the customer and product-variant lookups, the
// connection check), checks each request as Shopify documents it and records every departure in
// `violations`. codeDiscountNodeByCode is answered from its selection set as GraphQL does: the
// unions DiscountCode and DiscountContext only through inline fragments, each field only if asked.
// Its shop has a small catalogue (the demo's free products) and no customers until a test adds
// some; any well-formed customer GID in a discount's `context` is taken as a customer of the shop.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { FakeAdmin, FakeDiscount, FakeRequest } from "../fake-admin";
import { SHOPIFY_ADMIN_API_VERSION, shopifyDiscounts } from "../shopify";

export type FakeShopifyAdmin = FakeAdmin & {
  /** A customer of the stand-in shop; returns its id as Shopify's webhooks carry it (numeric). */
  addCustomer(email: string): string;
  /** A product variant with this SKU and price (a decimal string, e.g. "24.90"); returns its GID. */
  addProduct(sku: string, price: string): string;
  /** The next `count` calls answer as Shopify's GraphQL rate limit does: 200 with a THROTTLED error. */
  throttleNext(count: number): void;
  /**
   * The next create is saved but its answer is lost: a 503 ("down") or a 200 with an
   * INTERNAL_SERVER_ERROR ("internal"), as when Shopify fails after writing the discount.
   */
  loseNextCreateAnswer(how: "down" | "internal"): void;
};

type Json = Record<string, unknown>;
type Answer = { status: number; body: unknown; headers?: Record<string, string> };
type StoredDiscount = FakeDiscount & { kind: "basic" | "free_shipping" };
/** A GraphQL selection set: its fields (with their own selection, if any) and its inline fragments by type. */
type Selection = { fields: Map<string, Selection | null>; on: Map<string, Selection> };

export const FAKE_SHOP_NAME = "Gipfelglück Outdoor";
const DEFAULT_TOKEN = "treue-test-shopify-admin-token";
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const MONEY = /^\d{1,12}(\.\d{1,2})?$/;
const CUSTOMER_GID = /^gid:\/\/shopify\/Customer\/\d+$/;
const VARIANT_GID = /^gid:\/\/shopify\/ProductVariant\/\d+$/;
const DISCOUNT_GID = /^gid:\/\/shopify\/DiscountCodeNode\/\d+$/;
const COMMON_FIELDS = ["title", "code", "startsAt", "endsAt", "context", "usageLimit", "appliesOncePerCustomer", "minimumRequirement", "combinesWith", "recurringCycleLimit", "tags", "customerSelection"];
const BASIC_FIELDS = new Set([...COMMON_FIELDS, "customerGets"]);
const FREE_SHIPPING_FIELDS = new Set([...COMMON_FIELDS, "destination", "maximumShippingPrice", "appliesOnOneTimePurchase", "appliesOnSubscription"]);

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);

/** The members of the unions codeDiscountNodeByCode answers with (Admin API: DiscountCode, DiscountContext). */
const DISCOUNT_CODE_TYPES = new Set(["DiscountCodeApp", "DiscountCodeBasic", "DiscountCodeBxgy", "DiscountCodeFreeShipping"]);
const DISCOUNT_CONTEXT_TYPES = new Set(["DiscountBuyerSelectionAll", "DiscountCustomers", "DiscountCustomerSegments"]);
/** The fields of DiscountCodeBasic and DiscountCodeFreeShipping the stand-in answers. */
const CODE_DISCOUNT_FIELDS = new Set(["__typename", "title", "usageLimit", "appliesOncePerCustomer", "startsAt", "endsAt", "context"]);

/** The selection set that starts at `tokens[start]` (just after its "{"), and the index after its "}"; null if malformed. */
function parseSelection(tokens: string[], start: number): { selection: Selection; next: number } | null {
  const selection: Selection = { fields: new Map(), on: new Map() };
  let i = start;
  while (i < tokens.length && tokens[i] !== "}") {
    if (tokens[i] === "...") {
      const type = tokens[i + 2];
      if (tokens[i + 1] !== "on" || !type || !/^\w+$/.test(type) || tokens[i + 3] !== "{") return null;
      const inner = parseSelection(tokens, i + 4);
      if (!inner) return null;
      selection.on.set(type, inner.selection);
      i = inner.next;
    } else if (/^\w+$/.test(tokens[i]!)) {
      const name = tokens[i]!;
      if (tokens[i + 1] === "{") {
        const inner = parseSelection(tokens, i + 2);
        if (!inner) return null;
        selection.fields.set(name, inner.selection);
        i = inner.next;
      } else {
        selection.fields.set(name, null);
        i += 1;
      }
    } else {
      return null;
    }
  }
  return i < tokens.length ? { selection, next: i + 1 } : null;
}

export async function startFakeShopify(options: { accessToken?: string } = {}): Promise<FakeShopifyAdmin> {
  const accessToken = options.accessToken ?? DEFAULT_TOKEN;
  const path = `/admin/api/${SHOPIFY_ADMIN_API_VERSION}/graphql.json`;
  const discounts = new Map<string, StoredDiscount>();
  const customers: { id: string; email: string }[] = [];
  const variants: { id: string; sku: string; price: string }[] = [];
  const requests: FakeRequest[] = [];
  const violations: string[] = [];
  let nextId = 1001;
  let failures: { count: number; how: "down" | "rate-limited" | "throttled" } = { count: 0, how: "down" };
  let refuseCreate = false;
  let loseCreate: "down" | "internal" | null = null;

  const addProduct = (sku: string, price: string) => {
    const id = `gid://shopify/ProductVariant/${nextId++}`;
    variants.push({ id, sku, price });
    return id;
  };
  addProduct("FLASCHE-075", "24.90");
  addProduct("ZELTLAMPE-USB", "19.90");

  const violation = (text: string) => void violations.push(text);
  const graphqlError = (message: string, code: string): Answer => ({ status: 200, body: { errors: [{ message, extensions: { code } }] } });
  const invalidVariable = (name: string, type: string) => graphqlError(`Variable $${name} of type ${type} was provided invalid value`, "INVALID_VARIABLE");

  /** Checks a discount input as Shopify's schema and rules do; each problem becomes a violation. */
  function checkInput(input: unknown, allowed: Set<string>, where: string): input is Json {
    const before = violations.length;
    if (!isObject(input)) {
      violation(`${where}: the input is not an object`);
      return false;
    }
    for (const key of Object.keys(input)) if (!allowed.has(key)) violation(`${where}: unknown field ${key}`);
    if ("customerSelection" in input) violation(`${where}: uses the deprecated customerSelection instead of context`);
    if (typeof input.title !== "string" || !input.title.trim()) violation(`${where}: title is required`);
    if (typeof input.code !== "string" || !input.code.trim() || input.code.length > 255) violation(`${where}: code must be 1–255 characters`);
    for (const field of ["startsAt", "endsAt"] as const) {
      const value = input[field];
      if (field === "startsAt" && value === undefined) violation(`${where}: startsAt is required`);
      if (value !== undefined && (typeof value !== "string" || !ISO_DATE_TIME.test(value) || Number.isNaN(Date.parse(value)))) violation(`${where}: ${field} is not an ISO 8601 date-time`);
    }
    if (typeof input.startsAt === "string" && typeof input.endsAt === "string" && Date.parse(input.endsAt) <= Date.parse(input.startsAt)) violation(`${where}: endsAt is not after startsAt`);
    if (input.usageLimit !== 1) violation(`${where}: usageLimit is not 1 (one use)`);
    if (input.appliesOncePerCustomer !== true) violation(`${where}: appliesOncePerCustomer is not true`);
    checkContext(input.context, where);
    if (input.minimumRequirement !== undefined) {
      const subtotal = isObject(input.minimumRequirement) ? input.minimumRequirement.subtotal : undefined;
      const keys = isObject(input.minimumRequirement) ? Object.keys(input.minimumRequirement) : [];
      if (keys.length !== 1 || !isObject(subtotal) || typeof subtotal.greaterThanOrEqualToSubtotal !== "string" || !MONEY.test(subtotal.greaterThanOrEqualToSubtotal)) {
        violation(`${where}: minimumRequirement must be { subtotal: { greaterThanOrEqualToSubtotal: "12.34" } }`);
      }
    }
    return violations.length === before;
  }

  function checkContext(context: unknown, where: string) {
    if (!isObject(context)) return violation(`${where}: context is required (customers.add or all)`);
    const keys = Object.keys(context);
    if (keys.length !== 1) return violation(`${where}: context must name exactly one of customers, customerSegments, all`);
    if (keys[0] === "all") {
      if (context.all !== "ALL") violation(`${where}: context.all must be ALL`);
      return;
    }
    const add = isObject(context.customers) ? context.customers.add : undefined;
    if (keys[0] !== "customers" || !Array.isArray(add) || add.length === 0 || !add.every((id) => typeof id === "string" && CUSTOMER_GID.test(id))) {
      violation(`${where}: context.customers.add must list customer GIDs`);
    }
  }

  function checkCustomerGets(gets: unknown, where: string): boolean {
    const before = violations.length;
    if (!isObject(gets)) {
      violation(`${where}: customerGets is required`);
      return false;
    }
    const value = gets.value;
    if (!isObject(value) || Object.keys(value).length !== 1) {
      violation(`${where}: customerGets.value must be one of percentage, discountAmount`);
    } else if ("percentage" in value) {
      if (typeof value.percentage !== "number" || !(value.percentage > 0 && value.percentage <= 1)) violation(`${where}: percentage must be a number in (0, 1]`);
    } else if (isObject(value.discountAmount)) {
      const { amount, appliesOnEachItem } = value.discountAmount;
      if (typeof amount !== "string" || !MONEY.test(amount) || Number(amount) <= 0) violation(`${where}: discountAmount.amount must be a positive decimal string`);
      if (typeof appliesOnEachItem !== "boolean") violation(`${where}: discountAmount.appliesOnEachItem must be a boolean`);
    } else {
      violation(`${where}: customerGets.value must be one of percentage, discountAmount`);
    }
    const items = gets.items;
    if (!isObject(items) || Object.keys(items).length !== 1) {
      violation(`${where}: customerGets.items must be one of all, products, collections`);
    } else if ("all" in items) {
      if (items.all !== true) violation(`${where}: customerGets.items.all must be true`);
    } else {
      const add = isObject(items.products) ? items.products.productVariantsToAdd : undefined;
      if (!Array.isArray(add) || add.length === 0 || !add.every((id) => typeof id === "string" && VARIANT_GID.test(id))) {
        violation(`${where}: customerGets.items.products.productVariantsToAdd must list variant GIDs`);
      }
    }
    return violations.length === before;
  }

  function create(kind: StoredDiscount["kind"], variables: Json): Answer {
    const [name, type, field, allowed] =
      kind === "basic"
        ? (["basicCodeDiscount", "DiscountCodeBasicInput!", "discountCodeBasicCreate", BASIC_FIELDS] as const)
        : (["freeShippingCodeDiscount", "DiscountCodeFreeShippingInput!", "discountCodeFreeShippingCreate", FREE_SHIPPING_FIELDS] as const);
    const input = variables[name];
    let valid = checkInput(input, allowed, field);
    if (kind === "basic" && isObject(input)) valid = checkCustomerGets(input.customerGets, field) && valid;
    if (kind === "free_shipping" && isObject(input) && input.destination !== undefined && !(isObject(input.destination) && input.destination.all === true)) {
      violation(`${field}: destination must be { all: true }`);
      valid = false;
    }
    if (!valid || !isObject(input)) return invalidVariable(name, type);
    const userError = (part: string, code: string, message: string) => ({ status: 200, body: { data: { [field]: { codeDiscountNode: null, userErrors: [{ field: [name, part], code, message }] } } } });
    if (refuseCreate) {
      refuseCreate = false;
      return userError("code", "TAKEN", "Code must be unique. Please try a different code.");
    }
    const code = String(input.code);
    if ([...discounts.values()].some((d) => d.code.toLowerCase() === code.toLowerCase())) return userError("code", "TAKEN", "Code must be unique. Please try a different code.");
    const gets = isObject(input.customerGets) ? input.customerGets : {};
    const products = isObject(gets.items) && isObject(gets.items.products) ? gets.items.products.productVariantsToAdd : [];
    if (Array.isArray(products) && products.some((id) => !variants.some((v) => v.id === id))) return userError("customerGets", "INVALID", "Product variant does not exist");
    const externalId = `gid://shopify/DiscountCodeNode/${nextId++}`;
    discounts.set(externalId, { externalId, code, active: true, body: input, kind });
    const lost = loseCreate;
    loseCreate = null;
    if (lost === "down") return { status: 503, body: "<html><body>Service Unavailable</body></html>", headers: { "content-type": "text/html" } };
    if (lost === "internal") {
      return {
        status: 200,
        body: { errors: [{ message: "Internal error. Looks like something went wrong on our end.", extensions: { code: "INTERNAL_SERVER_ERROR", requestId: "fake-request" } }] },
      };
    }
    return { status: 200, body: { data: { [field]: { codeDiscountNode: { id: externalId }, userErrors: [] } } } };
  }

  function remove(variables: Json): Answer {
    const id = variables.id;
    if (typeof id !== "string" || !DISCOUNT_GID.test(id)) {
      violation("discountCodeDelete: id must be a DiscountCodeNode GID");
      return invalidVariable("id", "ID!");
    }
    if (!discounts.delete(id)) {
      return { status: 200, body: { data: { discountCodeDelete: { deletedCodeDiscountId: null, userErrors: [{ field: ["id"], code: null, message: "Discount does not exist" }] } } } };
    }
    return { status: 200, body: { data: { discountCodeDelete: { deletedCodeDiscountId: id, userErrors: [] } } } };
  }

  /**
   * codeDiscountNodeByCode(code: String!): DiscountCodeNode — the code discount with this code
   * (compared regardless of case), or null. Its codeDiscount is the union DiscountCode and its
   * context the union DiscountContext: fields are only selected through inline fragments there.
   */
  function byCode(query: string, variables: Json): Answer {
    const where = "codeDiscountNodeByCode";
    const tokens = (query.match(/\.\.\.|[A-Za-z_]\w*|[{}()$:!]/g) ?? []) as string[];
    const at = tokens.indexOf(where);
    const head = tokens.slice(at, at + 8).join(" ");
    if (at < 0 || head !== `${where} ( code : $ code ) {`) {
      violation(`${where}: must be called as ${where}(code: $code) with a selection`);
      return graphqlError("Field 'codeDiscountNodeByCode' is missing required arguments: code", "missingRequiredArguments");
    }
    const parsed = parseSelection(tokens, at + 8);
    if (!parsed) {
      violation(`${where}: the selection set is not well-formed`);
      return graphqlError("syntax error", "syntaxError");
    }
    const code = variables.code;
    if (typeof code !== "string" || code === "") return invalidVariable("code", "String!");

    const problems: string[] = [];
    const only = (selection: Selection, allowed: Set<string>, on: Set<string> | null, path: string) => {
      for (const name of selection.fields.keys()) if (!allowed.has(name)) problems.push(`${path}.${name} is not selectable there`);
      for (const type of selection.on.keys()) if (!on?.has(type)) problems.push(`${path}: ... on ${type} does not apply there`);
    };
    const node = parsed.selection;
    only(node, new Set(["id", "codeDiscount"]), null, where);
    const discountSelection = node.fields.get("codeDiscount");
    if (node.fields.has("codeDiscount") && !discountSelection) problems.push(`${where}.codeDiscount needs a selection`);
    if (discountSelection) {
      only(discountSelection, new Set(["__typename"]), DISCOUNT_CODE_TYPES, `${where}.codeDiscount`);
      for (const [type, fragment] of discountSelection.on) {
        if (type !== "DiscountCodeBasic" && type !== "DiscountCodeFreeShipping") continue;
        only(fragment, CODE_DISCOUNT_FIELDS, null, `${where}.codeDiscount(${type})`);
        for (const [name, sub] of fragment.fields) if (name !== "context" && sub) problems.push(`${type}.${name} is a scalar`);
        if (!fragment.fields.has("context")) continue;
        const context = fragment.fields.get("context");
        if (!context) {
          problems.push(`${type}.context needs a selection`);
          continue;
        }
        only(context, new Set(["__typename"]), DISCOUNT_CONTEXT_TYPES, `${type}.context`);
        const customers = context.on.get("DiscountCustomers");
        if (customers) {
          only(customers, new Set(["__typename", "customers"]), null, `${type}.context(DiscountCustomers)`);
          const list = customers.fields.get("customers");
          if (customers.fields.has("customers") && !list) problems.push("DiscountCustomers.customers needs a selection");
          if (list) only(list, new Set(["id"]), null, "DiscountCustomers.customers");
        }
        const all = context.on.get("DiscountBuyerSelectionAll");
        if (all) only(all, new Set(["__typename", "all"]), null, `${type}.context(DiscountBuyerSelectionAll)`);
      }
    }
    if (problems.length > 0) {
      for (const problem of problems) violation(`${where}: ${problem}`);
      return graphqlError("Selections can't be made directly on unions", "selectionMismatch");
    }

    const stored = [...discounts.values()].find((d) => d.code.toLowerCase() === code.toLowerCase());
    if (!stored) return { status: 200, body: { data: { [where]: null } } };
    const input = stored.body as Json;
    const typename = stored.kind === "basic" ? "DiscountCodeBasic" : "DiscountCodeFreeShipping";
    const contextValue = (selection: Selection): Json => {
      const ctx = isObject(input.context) ? input.context : {};
      const ids = isObject(ctx.customers) && Array.isArray(ctx.customers.add) ? (ctx.customers.add as string[]) : null;
      const type = ids ? "DiscountCustomers" : "DiscountBuyerSelectionAll";
      const out: Json = {};
      if (selection.fields.has("__typename")) out.__typename = type;
      const fragment = selection.on.get(type);
      if (fragment?.fields.has("__typename")) out.__typename = type;
      if (ids && fragment?.fields.has("customers")) out.customers = ids.map((id) => (fragment.fields.get("customers")?.fields.has("id") ? { id } : {}));
      if (!ids && fragment?.fields.has("all")) out.all = "ALL";
      return out;
    };
    const result: Json = {};
    if (node.fields.has("id")) result.id = stored.externalId;
    if (discountSelection) {
      const out: Json = {};
      if (discountSelection.fields.has("__typename")) out.__typename = typename;
      const fragment = discountSelection.on.get(typename);
      for (const name of fragment?.fields.keys() ?? []) {
        if (name === "__typename") out.__typename = typename;
        else if (name === "context") out.context = contextValue(fragment!.fields.get("context")!);
        else if (name === "usageLimit") out.usageLimit = typeof input.usageLimit === "number" ? input.usageLimit : null;
        else if (name === "appliesOncePerCustomer") out.appliesOncePerCustomer = input.appliesOncePerCustomer === true;
        else if (name === "endsAt") out.endsAt = typeof input.endsAt === "string" ? new Date(input.endsAt).toISOString().replace(/\.\d{3}Z$/, "Z") : null;
        else if (name === "startsAt") out.startsAt = new Date(String(input.startsAt)).toISOString().replace(/\.\d{3}Z$/, "Z");
        else out[name] = input[name];
      }
      result.codeDiscount = out;
    }
    return { status: 200, body: { data: { [where]: result } } };
  }

  /** The value of `field:"…"` in Shopify's search syntax, or null (and a violation) when the query is not that. */
  function searchValue(variables: Json, field: string, where: string): string | null {
    const match = typeof variables.query === "string" ? new RegExp(`^${field}:"((?:[^"\\\\]|\\\\.)*)"$`).exec(variables.query) : null;
    if (!match) {
      violation(`${where}: query must be ${field}:"…" (quoted)`);
      return null;
    }
    return match[1]!.replace(/\\(.)/g, "$1");
  }

  function answer(query: string, variables: Json): Answer {
    const declares = (declaration: string) => query.replace(/\s+/g, "").includes(declaration.replace(/\s+/g, ""));
    const calls = (field: string) => new RegExp(`\\b${field}\\s*[({]`).test(query);
    if (calls("shop")) {
      const data: Json = { shop: { name: FAKE_SHOP_NAME } };
      if (calls("codeDiscountNodes")) data.codeDiscountNodes = { nodes: [...discounts.keys()].slice(0, 1).map((id) => ({ id })) };
      if (calls("customers")) data.customers = { nodes: customers.slice(0, 1).map((c) => ({ id: `gid://shopify/Customer/${c.id}` })) };
      if (calls("productVariants")) data.productVariants = { nodes: variants.slice(0, 1).map((v) => ({ id: v.id })) };
      return { status: 200, body: { data } };
    }
    if (/^\s*mutation\b/.test(query)) {
      if (calls("discountCodeBasicCreate")) {
        if (!declares("$basicCodeDiscount: DiscountCodeBasicInput!")) violation("discountCodeBasicCreate: $basicCodeDiscount is not declared as DiscountCodeBasicInput!");
        return create("basic", variables);
      }
      if (calls("discountCodeFreeShippingCreate")) {
        if (!declares("$freeShippingCodeDiscount: DiscountCodeFreeShippingInput!")) violation("discountCodeFreeShippingCreate: $freeShippingCodeDiscount is not declared as DiscountCodeFreeShippingInput!");
        return create("free_shipping", variables);
      }
      if (calls("discountCodeDelete")) {
        if (!declares("$id: ID!")) violation("discountCodeDelete: $id is not declared as ID!");
        return remove(variables);
      }
    } else if (calls("codeDiscountNodeByCode")) {
      if (!declares("$code: String!")) violation("codeDiscountNodeByCode: $code is not declared as String!");
      return byCode(query, variables);
    } else if (calls("customers")) {
      const email = searchValue(variables, "email", "customers");
      if (email === null) return invalidVariable("query", "String!");
      const nodes = customers.filter((c) => c.email.toLowerCase() === email.toLowerCase()).map((c) => ({ id: `gid://shopify/Customer/${c.id}`, defaultEmailAddress: { emailAddress: c.email } }));
      return { status: 200, body: { data: { customers: { nodes } } } };
    } else if (calls("productVariants")) {
      const sku = searchValue(variables, "sku", "productVariants");
      if (sku === null) return invalidVariable("query", "String!");
      const nodes = variants.filter((v) => v.sku === sku).map((v) => ({ id: v.id, sku: v.sku, price: v.price }));
      return { status: 200, body: { data: { productVariants: { nodes } } } };
    }
    violation(`an operation the adapter is not known to send: ${query.replace(/\s+/g, " ").slice(0, 80)}`);
    return graphqlError("Field doesn't exist on type", "undefinedField");
  }

  async function handle(request: IncomingMessage): Promise<Answer> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    if (fake.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, fake.delayMs));
    if (request.method !== "POST") {
      violation(`${request.method} ${request.url}: the GraphQL Admin API takes POST only`);
      return { status: 405, body: { errors: "Method Not Allowed" } };
    }
    if (request.url !== path) {
      violation(`POST ${request.url}: not ${path}`);
      return { status: 404, body: { errors: "Not Found" } };
    }
    const token = request.headers["x-shopify-access-token"];
    if (token === undefined) violation("no X-Shopify-Access-Token header");
    if (token !== accessToken) return { status: 401, body: { errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" } };
    if (!/^application\/json\b/i.test(request.headers["content-type"] ?? "")) {
      violation(`content-type is ${request.headers["content-type"] ?? "missing"}, not application/json`);
      return { status: 400, body: { errors: "Bad Request" } };
    }
    if (failures.count > 0) {
      failures.count -= 1;
      if (failures.how === "down") return { status: 503, body: "<html><body>Service Unavailable</body></html>", headers: { "content-type": "text/html" } };
      if (failures.how === "rate-limited") return { status: 429, body: { errors: "Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service." }, headers: { "retry-after": "2.0" } };
      return {
        status: 200,
        body: {
          errors: [{ message: "Throttled", extensions: { code: "THROTTLED", documentation: "https://shopify.dev/api/usage/rate-limits" } }],
          extensions: { cost: { requestedQueryCost: 10, actualQueryCost: null, throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 0, restoreRate: 100 } } },
        },
      };
    }
    let body: unknown;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    } catch {
      violation("the body is not JSON");
      return { status: 400, body: { errors: "Bad Request" } };
    }
    if (!isObject(body) || typeof body.query !== "string" || (body.variables !== undefined && !isObject(body.variables))) {
      violation("the body is not { query: string, variables?: object }");
      return { status: 400, body: { errors: "Bad Request" } };
    }
    return answer(body.query, isObject(body.variables) ? body.variables : {});
  }

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    handle(request).then(
      (result) => {
        requests.push({ method: request.method ?? "", path: request.url ?? "", status: result.status });
        const text = typeof result.body === "string" ? result.body : JSON.stringify(result.body);
        response.writeHead(result.status, { "content-type": "application/json; charset=utf-8", ...result.headers });
        response.end(text);
      },
      () => {
        requests.push({ method: request.method ?? "", path: request.url ?? "", status: 500 });
        response.writeHead(500).end();
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const fake: FakeShopifyAdmin = {
    url,
    adapter: () => shopifyDiscounts({ adminUrl: url, accessToken }),
    credentials: { adminUrl: url, accessToken },
    discounts: () => [...discounts.values()].map(({ kind, ...discount }) => discount),
    requests,
    violations,
    failNext(count, how) {
      failures = { count, how };
    },
    throttleNext(count) {
      failures = { count, how: "throttled" };
    },
    refuseNextCreate() {
      refuseCreate = true;
    },
    loseNextCreateAnswer(how) {
      loseCreate = how;
    },
    delayMs: 0,
    addCustomer(email) {
      const id = String(nextId++);
      customers.push({ id, email });
      return id;
    },
    addProduct,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
  return fake;
}
