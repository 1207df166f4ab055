// A stand-in for a Shopware 6 shop's Admin API, for tests and the e2e run: it answers exactly the
// calls the Shopware adapter makes (the OAuth client-credentials token, searches of sales channels,
// customers, currencies, products, categories and promotions, creating a promotion with its
// discount, sales channels, customers and rules in one write, and updating or deleting it), checks
// each request as Shopware documents it (Bearer token, JSON, 32-hex ids, required fields, discount
// scopes and types, rule conditions) and records every departure in `violations`.
// Its shop has two sales channels, EUR (the system currency) and CHF, a small catalogue (the demo's
// free products), two categories, and no customers until a test adds some.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { FakeAdmin, FakeDiscount, FakeRequest } from "../fake-admin";
import { shopwareDiscounts } from "../shopware";

export type FakeShopwareAdmin = FakeAdmin & {
  credentials: { shopUrl: string; apiKey: string; secretKey: string };
  /** A registered customer of the stand-in shop; `id` if it is a Shopware id (32 hex), else a new one. Returns the id. */
  addCustomer(email: string, id?: string): string;
  /** A guest customer record (what a guest checkout leaves); returns its id. */
  addGuest(email: string): string;
  /** A product with this product number (Treue's SKU); returns its id. */
  addProduct(productNumber: string): string;
  /** A category with this name; returns its id. */
  addCategory(name: string): string;
  /** The sales channels' ids. */
  salesChannelIds: readonly string[];
};

type Json = Record<string, unknown>;
type Answer = { status: number; body?: unknown; headers?: Record<string, string> };
type Row = Json & { id: string };

const API_KEY = "SWIATREUETESTSTANDIN000000";
const SECRET_KEY = "treue-test-shopware-secret-key-0000000000000000";
const HEX_ID = /^[0-9a-f]{32}$/;
const MAX_BODY_BYTES = 1024 * 1024;
/** Shopware's system currency (Defaults::CURRENCY). */
const SYSTEM_CURRENCY_ID = "b7d2554b0ce847cd82f3ac9bd1c0dfca";

const PROMOTION_FIELDS = new Set([
  "id", "name", "active", "validFrom", "validUntil", "maxRedemptionsGlobal", "maxRedemptionsPerCustomer", "priority", "exclusive", "code", "useCodes",
  "useIndividualCodes", "individualCodePattern", "useSetGroups", "customerRestriction", "preventCombination", "salesChannels", "discounts", "individualCodes",
  "personaRules", "personaCustomers", "orderRules", "cartRules", "translations", "exclusionIds", "customFields", "setgroups",
]);
const DISCOUNT_FIELDS = new Set(["id", "scope", "type", "value", "considerAdvancedRules", "maxValue", "sorterKey", "applierKey", "usageKey", "pickerKey", "discountRules", "promotionDiscountPrices"]);
const RULE_FIELDS = new Set(["id", "name", "priority", "description", "conditions", "moduleTypes", "customFields"]);
const CONDITION_FIELDS = new Set(["id", "type", "value", "position", "parentId", "children"]);
const CRITERIA_FIELDS = new Set(["limit", "page", "filter", "includes", "term", "sort", "associations", "total-count-mode", "ids"]);
const SCOPES = new Set(["cart", "delivery", "set"]);
const TYPES = new Set(["percentage", "absolute", "fixed", "fixed_unit"]);
const NUMBER_OPERATORS = new Set(["=", "!=", ">", ">=", "<", "<="]);
const ID_OPERATORS = new Set(["=", "!="]);
/** What the adapter searches, and the fields an `equals` filter may name there. */
const SEARCHABLE: Record<string, { alias: string; fields: Set<string> }> = {
  "sales-channel": { alias: "sales_channel", fields: new Set(["id", "active", "name"]) },
  customer: { alias: "customer", fields: new Set(["id", "email", "guest", "active"]) },
  currency: { alias: "currency", fields: new Set(["id", "isoCode"]) },
  product: { alias: "product", fields: new Set(["id", "productNumber"]) },
  category: { alias: "category", fields: new Set(["id", "name"]) },
  promotion: { alias: "promotion", fields: new Set(["id", "code", "active"]) },
};

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);
const isDateTime = (value: unknown) => typeof value === "string" && /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(value) && !Number.isNaN(Date.parse(value));
const isCount = (value: unknown) => value === null || (Number.isInteger(value) && (value as number) >= 0);

export async function startFakeShopware(): Promise<FakeShopwareAdmin> {
  const promotions = new Map<string, FakeDiscount>();
  const requests: FakeRequest[] = [];
  const violations: string[] = [];
  const tokens = new Set<string>();
  let serial = 1;
  let failures: { count: number; how: "down" | "rate-limited" } = { count: 0, how: "down" };
  let refuseCreate = false;

  const violation = (text: string) => void violations.push(text);
  const newId = () => (serial++).toString(16).padStart(32, "a");
  const tables: Record<string, Row[]> = {
    "sales-channel": [
      { id: newId(), name: "Storefront", active: true },
      { id: newId(), name: "Headless", active: true },
    ],
    customer: [],
    currency: [
      { id: SYSTEM_CURRENCY_ID, isoCode: "EUR" },
      { id: newId(), isoCode: "CHF" },
    ],
    product: [],
    category: [],
    promotion: [],
  };
  const add = (table: string, row: Json, given?: string) => {
    const id = given !== undefined && HEX_ID.test(given) ? given : newId();
    tables[table]!.push({ ...row, id });
    return id;
  };
  const addProduct = (productNumber: string) => add("product", { productNumber });
  const addCategory = (name: string) => add("category", { name });
  addProduct("FLASCHE-075");
  addProduct("ZELTLAMPE-USB");
  addCategory("Zelte");
  addCategory("Trinkflaschen");
  const exists = (table: string, id: unknown) => typeof id === "string" && tables[table]!.some((row) => row.id === id);

  /** Shopware's error list, as its write validation answers it. */
  const writeErrors = (problems: string[]): Answer => ({
    status: 400,
    body: { errors: problems.map((detail) => ({ status: "400", code: "FRAMEWORK__WRITE_CONSTRAINT_VIOLATION", title: "Constraint violation error", detail, source: { pointer: "/0" }, meta: { parameters: [] } })) },
  });

  function checkRule(rule: unknown, where: string, problems: string[]): void {
    if (!isObject(rule)) return void problems.push(`${where} is not an object`);
    for (const key of Object.keys(rule)) if (!RULE_FIELDS.has(key)) problems.push(`${where}.${key} is not a field of rule`);
    if (rule.id !== undefined && (typeof rule.id !== "string" || !HEX_ID.test(rule.id))) problems.push(`${where}.id is not a 32-hex id`);
    if (typeof rule.name !== "string" || !rule.name.trim()) problems.push(`${where}.name is required`);
    if (!Number.isInteger(rule.priority)) problems.push(`${where}.priority is required (an integer)`);
    if (!Array.isArray(rule.conditions) || rule.conditions.length === 0) return void problems.push(`${where}.conditions is empty: the rule would always match`);
    rule.conditions.forEach((condition: unknown, index) => {
      const at = `${where}.conditions[${index}]`;
      if (!isObject(condition)) return void problems.push(`${at} is not an object`);
      for (const key of Object.keys(condition)) if (!CONDITION_FIELDS.has(key)) problems.push(`${at}.${key} is not a field of rule_condition`);
      if (condition.id !== undefined && (typeof condition.id !== "string" || !HEX_ID.test(condition.id))) problems.push(`${at}.id is not a 32-hex id`);
      const value = condition.value;
      if (!isObject(value)) return void problems.push(`${at}.value is not an object`);
      switch (condition.type) {
        case "cartGoodsPrice":
        case "cartCartAmount":
        case "cartPositionPrice":
          if (!NUMBER_OPERATORS.has(value.operator as string)) problems.push(`${at}.value.operator is not a number comparison`);
          if (typeof value.amount !== "number" || !Number.isFinite(value.amount)) problems.push(`${at}.value.amount is not a number`);
          break;
        case "cartLineItem":
          if (!ID_OPERATORS.has(value.operator as string)) problems.push(`${at}.value.operator is not = or !=`);
          if (!Array.isArray(value.identifiers) || value.identifiers.length === 0 || !value.identifiers.every((id) => exists("product", id))) problems.push(`${at}.value.identifiers are not ids of products`);
          break;
        case "cartLineItemInCategory":
          if (!ID_OPERATORS.has(value.operator as string)) problems.push(`${at}.value.operator is not = or !=`);
          if (!Array.isArray(value.categoryIds) || value.categoryIds.length === 0 || !value.categoryIds.every((id) => exists("category", id))) problems.push(`${at}.value.categoryIds are not ids of categories`);
          break;
        default:
          problems.push(`${at}.type ${String(condition.type)} is not a rule condition the stand-in knows`);
      }
    });
  }

  function checkDiscount(discount: unknown, where: string, problems: string[]): void {
    if (!isObject(discount)) return void problems.push(`${where} is not an object`);
    for (const key of Object.keys(discount)) if (!DISCOUNT_FIELDS.has(key)) problems.push(`${where}.${key} is not a field of promotion_discount`);
    if (discount.id !== undefined && (typeof discount.id !== "string" || !HEX_ID.test(discount.id))) problems.push(`${where}.id is not a 32-hex id`);
    const scope = discount.scope;
    if (typeof scope !== "string" || !(SCOPES.has(scope) || /^setgroup-[0-9a-f]{32}$/.test(scope))) problems.push(`${where}.scope ${String(scope)} is not cart, delivery, set or setgroup-<id>`);
    if (typeof discount.type !== "string" || !TYPES.has(discount.type)) problems.push(`${where}.type ${String(discount.type)} is not percentage, absolute, fixed or fixed_unit`);
    if (typeof discount.value !== "number" || !Number.isFinite(discount.value)) problems.push(`${where}.value is not a number`);
    else if (discount.value < 0) problems.push(`${where}.value is below 0`);
    else if (discount.type === "percentage" && discount.value > 100) problems.push(`${where}.value is above 100 for a percentage`);
    if (typeof discount.considerAdvancedRules !== "boolean") problems.push(`${where}.considerAdvancedRules is required (a boolean)`);
    for (const key of ["sorterKey", "applierKey", "usageKey", "pickerKey"] as const) {
      const value = discount[key];
      if (value !== undefined && (typeof value !== "string" || value.length > 32)) problems.push(`${where}.${key} is not a string of up to 32 characters`);
    }
    for (const key of ["applierKey", "usageKey"] as const) {
      const value = discount[key];
      if (typeof value === "string" && value !== "ALL" && !/^[1-9]\d*$/.test(value)) problems.push(`${where}.${key} is neither ALL nor a count`);
    }
    if (discount.discountRules !== undefined) {
      if (!Array.isArray(discount.discountRules)) problems.push(`${where}.discountRules is not a list`);
      else discount.discountRules.forEach((rule: unknown, index) => checkRule(rule, `${where}.discountRules[${index}]`, problems));
      if (discount.considerAdvancedRules !== true) problems.push(`${where} has discountRules that only count with considerAdvancedRules`);
    }
    if (discount.promotionDiscountPrices !== undefined) {
      if (!Array.isArray(discount.promotionDiscountPrices)) problems.push(`${where}.promotionDiscountPrices is not a list`);
      else
        discount.promotionDiscountPrices.forEach((price: unknown, index) => {
          const at = `${where}.promotionDiscountPrices[${index}]`;
          if (!isObject(price)) return void problems.push(`${at} is not an object`);
          if (!exists("currency", price.currencyId)) problems.push(`${at}.currencyId is not a currency of the shop`);
          if (typeof price.price !== "number" || !Number.isFinite(price.price) || price.price < 0) problems.push(`${at}.price is not a number of at least 0`);
        });
    }
  }

  /** Shopware's checks of a promotion insert (definition flags and PromotionValidator). */
  function checkPromotion(body: Json): string[] {
    const problems: string[] = [];
    for (const key of Object.keys(body)) if (!PROMOTION_FIELDS.has(key)) problems.push(`${key} is not a field of promotion`);
    if (typeof body.id !== "string" || !HEX_ID.test(body.id)) problems.push("id is not a 32-hex id");
    if (typeof body.name !== "string" || !body.name.trim()) problems.push("name is required");
    if (typeof body.active !== "boolean") problems.push("active is required (a boolean)");
    for (const key of ["useCodes", "useIndividualCodes", "useSetGroups", "exclusive", "preventCombination", "customerRestriction"] as const) {
      if (body[key] !== undefined && typeof body[key] !== "boolean") problems.push(`${key} is not a boolean`);
    }
    for (const key of ["validFrom", "validUntil"] as const) if (body[key] !== undefined && body[key] !== null && !isDateTime(body[key])) problems.push(`${key} is not a date-time`);
    if (isDateTime(body.validFrom) && isDateTime(body.validUntil) && Date.parse(body.validUntil as string) < Date.parse(body.validFrom as string)) problems.push("validUntil is before validFrom");
    for (const key of ["maxRedemptionsGlobal", "maxRedemptionsPerCustomer"] as const) if (body[key] !== undefined && !isCount(body[key])) problems.push(`${key} is not a count`);
    if (body.priority !== undefined && !Number.isInteger(body.priority)) problems.push("priority is not an integer");
    if (body.useCodes === true && body.useIndividualCodes !== true) {
      if (typeof body.code !== "string" || body.code.trim() === "") problems.push("code is empty though useCodes is true");
      else if (body.code.trim() !== body.code) problems.push("code has spaces at its ends");
    }
    if (body.salesChannels !== undefined) {
      if (!Array.isArray(body.salesChannels)) problems.push("salesChannels is not a list");
      else
        body.salesChannels.forEach((link: unknown, index) => {
          if (!isObject(link) || !exists("sales-channel", link.salesChannelId) || !Number.isInteger(link.priority)) problems.push(`salesChannels[${index}] is not { salesChannelId of the shop, priority }`);
        });
    }
    if (body.personaCustomers !== undefined) {
      if (!Array.isArray(body.personaCustomers)) problems.push("personaCustomers is not a list");
      else body.personaCustomers.forEach((customer: unknown, index) => (isObject(customer) && exists("customer", customer.id) ? undefined : problems.push(`personaCustomers[${index}] is not { id of a customer }`)));
    }
    if (body.customerRestriction === true && !(Array.isArray(body.personaCustomers) && body.personaCustomers.length > 0)) problems.push("customerRestriction without personaCustomers: no one could redeem it");
    if (!Array.isArray(body.discounts) || body.discounts.length === 0) problems.push("discounts is empty: the promotion would give nothing");
    else body.discounts.forEach((discount: unknown, index) => checkDiscount(discount, `discounts[${index}]`, problems));
    if (body.cartRules !== undefined) {
      if (!Array.isArray(body.cartRules)) problems.push("cartRules is not a list");
      else body.cartRules.forEach((rule: unknown, index) => checkRule(rule, `cartRules[${index}]`, problems));
    }
    return problems;
  }

  function search(entity: string, criteria: Json): Answer {
    const table = SEARCHABLE[entity];
    if (!table) {
      violation(`POST /api/search/${entity}: the adapter is not known to search ${entity}`);
      return { status: 404, body: { errors: [{ status: "404", code: "FRAMEWORK__DEFINITION_NOT_FOUND", title: "Not Found", detail: `Definition for entity "${entity}" does not exist.` }] } };
    }
    const problems: string[] = [];
    for (const key of Object.keys(criteria)) if (!CRITERIA_FIELDS.has(key)) problems.push(`${key} is not a criteria field`);
    if (criteria.limit !== undefined && !(Number.isInteger(criteria.limit) && (criteria.limit as number) > 0)) problems.push("limit is not a positive integer");
    const filters = criteria.filter ?? [];
    const equals: [string, unknown][] = [];
    if (!Array.isArray(filters)) problems.push("filter is not a list");
    else
      for (const filter of filters as unknown[]) {
        if (!isObject(filter) || filter.type !== "equals" || typeof filter.field !== "string" || !("value" in filter)) problems.push("a filter is not { type: equals, field, value }");
        else if (!table.fields.has(filter.field)) problems.push(`${filter.field} is not a field of ${entity} the stand-in filters by`);
        else equals.push([filter.field, filter.value]);
      }
    if (criteria.includes !== undefined && !(isObject(criteria.includes) && Object.entries(criteria.includes).every(([alias, fields]) => alias === table.alias && Array.isArray(fields)))) {
      problems.push(`includes is not { ${table.alias}: [fields] }`);
    }
    if (problems.length > 0) {
      for (const problem of problems) violation(`POST /api/search/${entity}: ${problem}`);
      return { status: 400, body: { errors: problems.map((detail) => ({ status: "400", code: "FRAMEWORK__INVALID_CRITERIA_PARAMETERS", title: "Bad Request", detail })) } };
    }
    const same = (a: unknown, b: unknown) => (typeof a === "string" && typeof b === "string" ? a.toLowerCase() === b.toLowerCase() : a === b);
    const rows = tables[entity]!.filter((row) => equals.every(([field, value]) => same(row[field] ?? (field === "guest" || field === "active" ? false : null), value)));
    const fields = isObject(criteria.includes) ? (criteria.includes[table.alias] as string[]) : null;
    const limited = rows.slice(0, (criteria.limit as number | undefined) ?? rows.length);
    const data = limited.map((row) => ({ ...(fields ? Object.fromEntries(fields.filter((f) => f in row).map((f) => [f, row[f]])) : row), apiAlias: table.alias }));
    return { status: 200, body: { total: rows.length, data, aggregations: [] } };
  }

  function createPromotion(body: unknown): Answer {
    if (!isObject(body)) {
      violation("POST /api/promotion: the body is not an object");
      return writeErrors(["the body is not an object"]);
    }
    if (typeof body.id === "string" && promotions.has(body.id)) {
      return {
        status: 400,
        body: { errors: [{ status: "400", code: "FRAMEWORK__WRITE_TYPE_INTEND_ERROR", title: "Bad Request", detail: 'Expected command for "promotion" to be "InsertCommand". (Got: UpdateCommand)', meta: { parameters: [] } }] },
      };
    }
    const problems = checkPromotion(body);
    if (problems.length > 0) {
      for (const problem of problems) violation(`POST /api/promotion: ${problem}`);
      return writeErrors(problems);
    }
    const code = typeof body.code === "string" ? body.code : "";
    const taken = code !== "" && [...promotions.values()].some((p) => p.code.toLowerCase() === code.toLowerCase());
    if (refuseCreate || taken) {
      refuseCreate = false;
      return {
        status: 400,
        body: {
          errors: [
            {
              status: "400",
              code: "PROMOTION_DUPLICATED_CODE_VIOLATION",
              title: "Bad Request",
              detail: "Code already exists in other promotion. Please provide a different code.",
              source: { pointer: "/0/code" },
              meta: { parameters: { value: code } },
            },
          ],
        },
      };
    }
    const id = body.id as string;
    promotions.set(id, { externalId: id, code, active: body.active === true, body });
    tables.promotion!.push({ id, code, active: body.active === true });
    return { status: 204, headers: { location: `${fake.url}/api/promotion/${id}` } };
  }

  function changePromotion(method: string, id: string, body: unknown): Answer {
    const promotion = promotions.get(id);
    if (!promotion) return { status: 404, body: { errors: [{ status: "404", code: "FRAMEWORK__RESOURCE_NOT_FOUND", title: "Not Found", detail: `The promotion resource with the following primary key was not found: id(${id})` }] } };
    if (method === "DELETE") {
      promotions.delete(id);
      tables.promotion = tables.promotion!.filter((row) => row.id !== id);
      return { status: 204 };
    }
    const problems: string[] = [];
    if (!isObject(body)) problems.push("the body is not an object");
    else {
      for (const key of Object.keys(body)) if (!PROMOTION_FIELDS.has(key) || key === "id") problems.push(`${key} is not a field of promotion one updates`);
      if (body.active !== undefined && typeof body.active !== "boolean") problems.push("active is not a boolean");
    }
    if (problems.length > 0) {
      for (const problem of problems) violation(`PATCH /api/promotion/${id}: ${problem}`);
      return writeErrors(problems);
    }
    const changes = body as Json;
    if (typeof changes.active === "boolean") {
      promotion.active = changes.active;
      const row = tables.promotion!.find((r) => r.id === id);
      if (row) row.active = changes.active;
    }
    promotion.body = { ...(promotion.body as Json), ...changes };
    return { status: 204 };
  }

  async function handle(request: IncomingMessage): Promise<Answer> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of request) {
      size += (chunk as Buffer).length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk as Buffer);
    }
    if (fake.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, fake.delayMs));
    const method = request.method ?? "";
    const path = request.url ?? "";
    const where = `${method} ${path}`;
    if (size > MAX_BODY_BYTES) {
      violation(`${where}: a body of ${size} bytes`);
      return { status: 413 };
    }
    if (failures.count > 0) {
      failures.count -= 1;
      if (failures.how === "rate-limited") return { status: 429, body: { errors: [{ status: "429", code: "FRAMEWORK__RATE_LIMIT_EXCEEDED", title: "Too Many Requests", detail: "Too many requests, try again in 2 seconds." }] }, headers: { "retry-after": "2" } };
      return { status: 503, body: "<html><body><h1>503 Service Unavailable</h1></body></html>", headers: { "content-type": "text/html" } };
    }
    const text = Buffer.concat(chunks).toString("utf8");
    let body: unknown;
    if (method === "POST" || method === "PATCH") {
      if (!/^application\/json\b/i.test(request.headers["content-type"] ?? "")) violation(`${where}: content-type is ${request.headers["content-type"] ?? "missing"}, not application/json`);
      try {
        body = JSON.parse(text);
      } catch {
        violation(`${where}: the body is not JSON`);
        return { status: 400, body: { errors: [{ status: "400", code: "FRAMEWORK__INVALID_REQUEST_BODY", title: "Bad Request", detail: "The JSON payload is malformed." }] } };
      }
    } else if (text !== "") violation(`${where}: a body on ${method}`);

    if (path === "/api/oauth/token") {
      if (method !== "POST") {
        violation(`${where}: the token endpoint takes POST`);
        return { status: 405 };
      }
      if (!isObject(body) || body.grant_type !== "client_credentials") {
        violation(`${where}: grant_type is not client_credentials`);
        return { status: 400, body: { errors: [{ code: "2", status: "400", title: "The authorization grant type is not supported by the authorization server.", detail: "Check that all required parameters have been provided" }] } };
      }
      if (body.client_id !== API_KEY || body.client_secret !== SECRET_KEY) {
        return { status: 401, body: { errors: [{ code: "4", status: "401", title: "Client authentication failed", detail: "Client authentication failed" }] } };
      }
      const token = `sw-fake-token-${serial++}-${Math.random().toString(36).slice(2)}`;
      tokens.add(token);
      return { status: 200, body: { token_type: "Bearer", expires_in: 600, access_token: token } };
    }

    const authorization = request.headers.authorization ?? "";
    if (!/^Bearer /.test(authorization)) violation(`${where}: no Bearer token`);
    if (!tokens.has(authorization.replace(/^Bearer /, ""))) {
      return { status: 401, body: { errors: [{ code: "9", status: "401", title: "Unauthorized", detail: "The resource owner or authorization server denied the request." }] } };
    }
    // application/json answers plain JSON; without it Shopware answers JSON:API documents.
    if (!/\bapplication\/json\b/i.test(request.headers.accept ?? "")) violation(`${where}: accept is ${request.headers.accept ?? "missing"}, not application/json`);

    const searchMatch = /^\/api\/search\/([a-z-]+)$/.exec(path);
    if (searchMatch) {
      if (method !== "POST") {
        violation(`${where}: searches are POST`);
        return { status: 405 };
      }
      return search(searchMatch[1]!, isObject(body) ? body : {});
    }
    if (path === "/api/promotion" && method === "POST") return createPromotion(body);
    const promotionMatch = /^\/api\/promotion\/([^/?]+)$/.exec(path);
    if (promotionMatch && (method === "PATCH" || method === "DELETE")) {
      if (!HEX_ID.test(promotionMatch[1]!)) {
        violation(`${where}: the id is not 32-hex`);
        return { status: 400, body: { errors: [{ status: "400", code: "FRAMEWORK__INVALID_UUID", title: "Bad Request", detail: `Value is not a valid UUID: ${promotionMatch[1]}` }] } };
      }
      return changePromotion(method, promotionMatch[1]!, body);
    }
    violation(`${where}: a call the adapter is not known to make`);
    return { status: 404, body: { errors: [{ status: "404", code: "FRAMEWORK__ROUTE_NOT_FOUND", title: "Not Found", detail: "No route found" }] } };
  }

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    handle(request).then(
      (result) => {
        requests.push({ method: request.method ?? "", path: request.url ?? "", status: result.status });
        if (result.body === undefined) {
          response.writeHead(result.status, result.headers).end();
          return;
        }
        const text = typeof result.body === "string" ? result.body : JSON.stringify(result.body);
        response.writeHead(result.status, { "content-type": "application/json", ...result.headers }).end(text);
      },
      () => {
        requests.push({ method: request.method ?? "", path: request.url ?? "", status: 500 });
        response.writeHead(500).end();
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const credentials = { shopUrl: url, apiKey: API_KEY, secretKey: SECRET_KEY };

  const fake: FakeShopwareAdmin = {
    url,
    adapter: () => shopwareDiscounts(credentials),
    credentials,
    discounts: () => [...promotions.values()].map((p) => ({ ...p })),
    requests,
    violations,
    failNext(count, how) {
      failures = { count, how };
    },
    refuseNextCreate() {
      refuseCreate = true;
    },
    delayMs: 0,
    addCustomer: (email, id) => add("customer", { email, guest: false, active: true }, id),
    addGuest: (email) => add("customer", { email, guest: true, active: true }),
    addProduct,
    addCategory,
    salesChannelIds: tables["sales-channel"]!.map((row) => row.id),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
  return fake;
}
