// A stand-in WooCommerce REST API v3 for tests and the e2e run: what the WooCommerce adapter uses,
// answered as WooCommerce documents it (wp-json/wc/v3: coupons, products by SKU or id, product
// categories), with HTTP Basic auth by the REST key. It checks each request strictly (route,
// method, credentials, JSON body with the coupon schema's fields and types) and records what broke
// the contract in `violations`. WordPress errors have the shape { code, message, data: { status } }.
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { FakeAdmin, FakeDiscount, FakeRequest } from "../fake-admin";
import { wooCommerceDiscounts } from "../woocommerce";

export type WooFakeAdmin = FakeAdmin & {
  /** Puts a product with this SKU in the stand-in shop; returns its id. */
  addProduct(sku: string, name?: string): number;
  /** Puts a product category in the stand-in shop (name as WooCommerce returns it, HTML-escaped); returns its id. */
  addCategory(name: string, slug?: string): number;
};

type Coupon = { id: number; status: "publish" | "trash" | "deleted"; created: string; data: Record<string, unknown>; received: unknown };
type Product = { id: number; sku: string; name: string };
type Category = { id: number; name: string; slug: string };

const WRITABLE = new Set([
  "code", "amount", "status", "discount_type", "description", "date_expires", "date_expires_gmt", "individual_use", "product_ids",
  "excluded_product_ids", "usage_limit", "usage_limit_per_user", "limit_usage_to_x_items", "free_shipping", "product_categories",
  "excluded_product_categories", "exclude_sale_items", "minimum_amount", "maximum_amount", "email_restrictions", "meta_data",
]);
const DISCOUNT_TYPES = ["percent", "fixed_cart", "fixed_product"];
const DECIMAL = /^\d{1,12}(\.\d{1,4})?$/;
/** What WooCommerce's date props read as an instant: site-local without an offset, else the offset given. */
const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})?$/;
const GMT_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export async function startFakeWooCommerce(): Promise<WooFakeAdmin> {
  const consumerKey = `ck_${randomBytes(20).toString("hex")}`;
  const consumerSecret = `cs_${randomBytes(20).toString("hex")}`;
  const coupons = new Map<number, Coupon>();
  const products: Product[] = [
    { id: 101, sku: "TASSE-EMAILLE", name: "Emaille-Tasse" },
    { id: 102, sku: "STIRNLAMPE-200", name: "Stirnlampe 200 lm" },
  ];
  const categories: Category[] = [
    { id: 15, name: "Zelte &amp; Planen", slug: "zelte-planen" },
    { id: 16, name: "Schlafsäcke", slug: "schlafsaecke" },
  ];
  const requests: FakeRequest[] = [];
  const violations: string[] = [];
  let nextId = 1000;
  let failures: { count: number; how: "down" | "rate-limited" } = { count: 0, how: "down" };
  let refuseCreate = false;

  const error = (status: number, code: string, message: string, extra: Record<string, unknown> = {}) => ({ status, body: { code, message, data: { status, ...extra } } });
  const invalidParam = (param: string, why: string) => error(400, "rest_invalid_param", `Invalid parameter(s): ${param}`, { params: { [param]: why } });

  function view(coupon: Coupon) {
    const d = coupon.data;
    const expires = typeof d.date_expires_at === "number" ? new Date(d.date_expires_at).toISOString().slice(0, 19) : null;
    return {
      id: coupon.id,
      code: d.code,
      amount: Number(d.amount ?? 0).toFixed(2),
      status: coupon.status === "trash" ? "trash" : "publish",
      date_created: coupon.created,
      date_created_gmt: coupon.created,
      date_modified: coupon.created,
      date_modified_gmt: coupon.created,
      discount_type: d.discount_type ?? "fixed_cart",
      description: d.description ?? "",
      date_expires: expires,
      date_expires_gmt: expires,
      usage_count: 0,
      individual_use: d.individual_use ?? false,
      product_ids: d.product_ids ?? [],
      excluded_product_ids: d.excluded_product_ids ?? [],
      usage_limit: d.usage_limit || null,
      usage_limit_per_user: d.usage_limit_per_user || null,
      limit_usage_to_x_items: d.limit_usage_to_x_items || null,
      free_shipping: d.free_shipping ?? false,
      product_categories: d.product_categories ?? [],
      excluded_product_categories: d.excluded_product_categories ?? [],
      exclude_sale_items: d.exclude_sale_items ?? false,
      minimum_amount: Number(d.minimum_amount ?? 0).toFixed(2),
      maximum_amount: Number(d.maximum_amount ?? 0).toFixed(2),
      email_restrictions: d.email_restrictions ?? [],
      used_by: [],
      meta_data: [],
    };
  }

  /** The coupon schema's checks, as WordPress validates args and WC_Coupon's setters refuse. */
  function validateCoupon(body: Record<string, unknown>): { status: number; body: unknown } | null {
    const off = (what: string) => violations.push(`POST /coupons: ${what}`);
    for (const key of Object.keys(body)) if (!WRITABLE.has(key)) off(`${key} is not a writable coupon field`);
    if (typeof body.code !== "string" || body.code.trim() === "") {
      off("code is missing or empty");
      return error(400, "woocommerce_rest_empty_coupon_code", "The coupon code cannot be empty.");
    }
    if (body.discount_type !== undefined && !DISCOUNT_TYPES.includes(body.discount_type as string)) {
      off(`discount_type ${JSON.stringify(body.discount_type)} is not one of ${DISCOUNT_TYPES.join(", ")}`);
      return invalidParam("discount_type", `discount_type is not one of ${DISCOUNT_TYPES.join(", ")}.`);
    }
    for (const key of ["amount", "minimum_amount", "maximum_amount"]) {
      if (body[key] === undefined) continue;
      if (typeof body[key] !== "string") {
        off(`${key} must be a decimal string, got ${typeof body[key]}`);
        return invalidParam(key, `${key} is not of type string.`);
      }
      if (!DECIMAL.test(body[key] as string)) off(`${key} ${JSON.stringify(body[key])} is not a decimal amount`);
    }
    if (body.amount === undefined) off("amount is missing (WooCommerce would make a coupon worth 0)");
    if (body.discount_type === "percent" && Number(body.amount) > 100) {
      off("a percent coupon's amount is over 100");
      return error(400, "coupon_invalid_amount", "Invalid discount amount.");
    }
    for (const key of ["individual_use", "free_shipping", "exclude_sale_items"]) {
      if (body[key] !== undefined && typeof body[key] !== "boolean") {
        off(`${key} must be a boolean`);
        return invalidParam(key, `${key} is not of type boolean.`);
      }
    }
    for (const key of ["usage_limit", "usage_limit_per_user", "limit_usage_to_x_items"]) {
      if (body[key] !== undefined && body[key] !== null && !(Number.isInteger(body[key]) && (body[key] as number) >= 0)) {
        off(`${key} must be a non-negative integer`);
        return invalidParam(key, `${key} is not of type integer.`);
      }
    }
    for (const key of ["product_ids", "excluded_product_ids", "product_categories", "excluded_product_categories"]) {
      const value = body[key];
      if (value === undefined) continue;
      if (!Array.isArray(value) || !value.every((id) => Number.isInteger(id) && id > 0)) {
        off(`${key} must be an array of integer ids`);
        return invalidParam(key, `${key}[0] is not of type integer.`);
      }
      const known = key.includes("categories") ? categories.map((c) => c.id) : products.map((p) => p.id);
      for (const id of value as number[]) if (!known.includes(id)) off(`${key} names ${id}, which the shop does not have`);
    }
    if (body.email_restrictions !== undefined) {
      const emails = body.email_restrictions;
      if (!Array.isArray(emails) || !emails.every((e) => typeof e === "string")) {
        off("email_restrictions must be an array of strings");
        return invalidParam("email_restrictions", "email_restrictions[0] is not of type string.");
      }
      if (!emails.every((e: string) => EMAIL.test(e))) {
        off("email_restrictions holds something that is no e-mail address");
        return error(400, "coupon_invalid_email_address", "Invalid email address restriction.");
      }
    }
    if (body.description !== undefined && typeof body.description !== "string") off("description must be a string");
    if (body.date_expires !== undefined && body.date_expires !== null && !(typeof body.date_expires === "string" && LOCAL_DATE.test(body.date_expires))) {
      off(`date_expires ${JSON.stringify(body.date_expires)} is not YYYY-MM-DDTHH:MM:SS (with an optional offset)`);
    }
    if (body.date_expires_gmt !== undefined && body.date_expires_gmt !== null && !(typeof body.date_expires_gmt === "string" && GMT_DATE.test(body.date_expires_gmt))) {
      off(`date_expires_gmt ${JSON.stringify(body.date_expires_gmt)} is not YYYY-MM-DDTHH:MM:SS in GMT`);
    }
    return null;
  }

  function findByCode(code: string) {
    return [...coupons.values()].find((c) => c.status === "publish" && String(c.data.code).toLowerCase() === code.toLowerCase());
  }

  function createCoupon(body: Record<string, unknown>): { status: number; body: unknown } {
    const refused = validateCoupon(body);
    if (refused) return refused;
    if (refuseCreate) {
      refuseCreate = false;
      // As if the code had been taken by a coupon made by hand in the shop's admin.
      return error(400, "woocommerce_rest_coupon_code_already_exists", "The coupon code already exists");
    }
    if (findByCode(String(body.code))) return error(400, "woocommerce_rest_coupon_code_already_exists", "The coupon code already exists");
    // WooCommerce writes date_expires (site time zone UTC here, or the offset given) and drops date_expires_gmt.
    const expires = typeof body.date_expires === "string" ? body.date_expires : null;
    const data: Record<string, unknown> = {
      ...body,
      email_restrictions: Array.isArray(body.email_restrictions) ? (body.email_restrictions as string[]).map((e) => e.toLowerCase()) : [],
      date_expires_at: expires ? Date.parse(/Z|[+-]\d{2}:\d{2}$/.test(expires) ? expires : `${expires}Z`) : null,
    };
    delete data.date_expires;
    delete data.date_expires_gmt;
    const coupon: Coupon = { id: nextId++, status: "publish", created: new Date().toISOString().slice(0, 19), data, received: structuredClone(body) };
    coupons.set(coupon.id, coupon);
    return { status: 201, body: view(coupon) };
  }

  function perPage(params: URLSearchParams): number | { status: number; body: unknown } {
    const raw = params.get("per_page");
    if (raw === null) return 10;
    const n = Number(raw);
    if (!/^\d+$/.test(raw) || n < 1 || n > 100) {
      violations.push(`per_page ${raw} is not an integer from 1 to 100`);
      return invalidParam("per_page", "per_page must be between 1 (inclusive) and 100 (inclusive)");
    }
    return n;
  }

  async function route(method: string, url: URL, req: IncomingMessage, rawBody: string): Promise<{ status: number; body: unknown }> {
    const path = url.pathname;
    const params = url.searchParams;
    const noRoute = () => {
      violations.push(`${method} ${path}: no such WooCommerce REST route`);
      return error(404, "rest_no_route", "No route was found matching the URL and request method.");
    };
    if (!path.startsWith("/wp-json/wc/v3/")) return noRoute();
    const rest = path.slice("/wp-json/wc/v3".length);
    const action = method === "GET" ? "view" : method === "POST" ? "create" : method === "DELETE" ? "delete" : "edit";

    const auth = req.headers.authorization ?? "";
    const basic = /^Basic ([A-Za-z0-9+/=]+)$/.exec(auth);
    if (!basic) {
      violations.push(`${method} ${path}: no HTTP Basic authorization`);
      return error(401, `woocommerce_rest_cannot_${action}`, `Sorry, you cannot ${action === "view" ? "list resources" : `${action} resources`}.`);
    }
    const decoded = Buffer.from(basic[1]!, "base64").toString("utf8");
    const [key, ...secretParts] = decoded.split(":");
    if (key !== consumerKey) return error(401, "woocommerce_rest_authentication_error", "Consumer key is invalid.");
    if (secretParts.join(":") !== consumerSecret) return error(401, "woocommerce_rest_authentication_error", "Consumer secret is invalid.");

    let body: unknown;
    if (method === "POST" || method === "PUT") {
      if (!(req.headers["content-type"] ?? "").toLowerCase().startsWith("application/json")) violations.push(`${method} ${path}: content-type is not application/json`);
      try {
        body = JSON.parse(rawBody) as unknown;
      } catch {
        violations.push(`${method} ${path}: the body is not JSON`);
        return error(400, "rest_invalid_json", "Invalid JSON body passed.");
      }
    } else if (rawBody.length > 0) {
      violations.push(`${method} ${path}: a body where none belongs`);
    }

    if (rest === "/coupons" && method === "POST") {
      if (!body || typeof body !== "object" || Array.isArray(body)) {
        violations.push("POST /coupons: the body is not a JSON object");
        return error(400, "woocommerce_rest_empty_coupon_code", "The coupon code cannot be empty.");
      }
      return createCoupon(body as Record<string, unknown>);
    }
    if (rest === "/coupons" && method === "GET") {
      const n = perPage(params);
      if (typeof n !== "number") return n;
      const code = params.get("code");
      const listed = [...coupons.values()]
        .filter((c) => c.status === "publish" && (code === null || String(c.data.code).toLowerCase() === code.toLowerCase()))
        .reverse()
        .slice(0, n);
      return { status: 200, body: listed.map(view) };
    }
    const one = /^\/coupons\/(\d+)$/.exec(rest);
    if (one && method === "DELETE") {
      const coupon = coupons.get(Number(one[1]));
      if (!coupon || coupon.status === "deleted") return error(404, "woocommerce_rest_shop_coupon_invalid_id", "Invalid ID.");
      const force = params.get("force");
      if (force !== null && !["true", "false", "1", "0"].includes(force)) {
        violations.push(`DELETE ${path}: force ${force} is not a boolean`);
        return invalidParam("force", "force is not of type boolean.");
      }
      const answer = view(coupon);
      // Without force a coupon goes to the trash (it no longer applies, but its code stays taken there).
      coupon.status = force === "true" || force === "1" ? "deleted" : "trash";
      return { status: 200, body: coupon.status === "trash" ? { ...answer, status: "trash" } : answer };
    }
    if (rest === "/products" && method === "GET") {
      const n = perPage(params);
      if (typeof n !== "number") return n;
      const skus = params.get("sku")?.split(",").map((s) => s.trim());
      const listed = products.filter((p) => !skus || skus.includes(p.sku)).slice(0, n);
      return { status: 200, body: listed.map((p) => ({ id: p.id, name: p.name, sku: p.sku, type: "simple", status: "publish" })) };
    }
    const product = /^\/products\/(\d+)$/.exec(rest);
    if (product && method === "GET") {
      const found = products.find((p) => p.id === Number(product[1]));
      if (!found) return error(404, "woocommerce_rest_product_invalid_id", "Invalid ID.");
      return { status: 200, body: { id: found.id, name: found.name, sku: found.sku, type: "simple", status: "publish" } };
    }
    if (rest === "/products/categories" && method === "GET") {
      const n = perPage(params);
      if (typeof n !== "number") return n;
      const search = params.get("search")?.toLowerCase();
      const listed = categories.filter((c) => !search || c.name.toLowerCase().includes(search) || c.slug.includes(search)).slice(0, n);
      return { status: 200, body: listed.map((c) => ({ id: c.id, name: c.name, slug: c.slug, parent: 0, count: 0 })) };
    }
    return noRoute();
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      void (async () => {
        const url = new URL(req.url ?? "/", "http://127.0.0.1");
        const method = req.method ?? "GET";
        if (fake.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, fake.delayMs));
        let answer: { status: number; body: unknown; text?: string; headers?: Record<string, string> };
        if (failures.count > 0) {
          failures = { count: failures.count - 1, how: failures.how };
          answer =
            failures.how === "down"
              ? { status: 503, body: null, text: "<!DOCTYPE html><title>Maintenance</title><p>Briefly unavailable for scheduled maintenance. Check back in a minute.</p>", headers: { "content-type": "text/html; charset=UTF-8", "retry-after": "60" } }
              : { status: 429, body: null, text: "Too Many Requests", headers: { "content-type": "text/plain", "retry-after": "30" } };
        } else {
          answer = await route(method, url, req, Buffer.concat(chunks).toString("utf8"));
        }
        requests.push({ method, path: url.pathname + url.search, status: answer.status });
        if (res.destroyed) return;
        res.writeHead(answer.status, answer.headers ?? { "content-type": "application/json; charset=UTF-8" });
        res.end(answer.text ?? JSON.stringify(answer.body));
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const fake: WooFakeAdmin = {
    url,
    credentials: { consumerKey, consumerSecret },
    adapter: () => wooCommerceDiscounts({ adminUrl: url, consumerKey, consumerSecret }),
    /** Deleted coupons stay listed, inactive (as trashed ones are). */
    discounts: (): FakeDiscount[] =>
      [...coupons.values()].map((c) => ({ externalId: String(c.id), code: String(c.data.code), active: c.status === "publish", body: c.received })),
    requests,
    violations,
    failNext(count, how) {
      failures = { count, how };
    },
    refuseNextCreate() {
      refuseCreate = true;
    },
    delayMs: 0,
    addProduct(sku, name = sku) {
      const id = Math.max(...products.map((p) => p.id)) + 1;
      products.push({ id, sku, name });
      return id;
    },
    addCategory(name, slug = name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "")) {
      const id = Math.max(...categories.map((c) => c.id)) + 1;
      categories.push({ id, name, slug });
      return id;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return fake;
}
