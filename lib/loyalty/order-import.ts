// Past orders imported from the shop (CSV): each row checked on its own with its line number, then
// the points each order would have earned — under the earn-rule version in force when it was paid
// and the tier the customer held then, from the imported history. Pure: rows and rules in, rows out.
import { toCents } from "./money";
import type { EarnRule } from "./earn-rule";
import { orderEarnKey, orderSource } from "./ledger-keys";
import { creditOrder } from "./order-credit";
import type { QualifyingOrder, TierRule } from "./tier-standing";
import type { TierDefinition } from "./tiers";

export const IMPORT_COLUMNS = ["order_id", "date", "customer_id", "email", "subtotal", "currency", "category"] as const;
export const REQUIRED_COLUMNS = IMPORT_COLUMNS.filter((c) => c !== "category" && c !== "customer_id");

export type ImportRow = {
  line: number;
  orderId: string;
  paidAt: Date;
  customerId: string | null;
  email: string;
  subtotalCents: number;
  category: string | null;
};
/** A row as the import writes it: the credit (lib/loyalty/order-credit.ts) and the ledger's names for it. */
export type PricedRow = ImportRow & { points: number; ruleVersion: number | null; expiresAt: Date | null; sourceRef: string; earnKey: string };
/**
 * What is wrong with a line: `message` in English for logs and the API, `problem` and `values` for
 * the console to say it in the staff member's language (console.import.problems).
 */
export type RowError = { line: number; message: string; problem: RowProblem; values?: Record<string, string> };
export type RowProblem = "orderId" | "date" | "email" | "subtotal" | "currency" | "customerId" | "header" | "duplicate" | "unreadable" | "empty";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Which required columns a header lacks (names compared trimmed and lower-cased). */
export function missingColumns(header: readonly string[]): string[] {
  const names = new Set(header.map((h) => h.trim().toLowerCase()));
  return REQUIRED_COLUMNS.filter((c) => !names.has(c));
}

/**
 * One CSV record as an order, or what is wrong with it. A date without time is the start of that
 * day in the program's time zone's UTC offset-free reading (00:00 UTC); amounts are decimals
 * ("59.90", never "59,90").
 */
export function parseImportRow(record: Record<string, string | undefined>, line: number, currency: string): ImportRow | RowError {
  const get = (name: string) => (record[name] ?? "").trim();
  const orderId = get("order_id");
  if (!orderId || orderId.length > 128) return { line, message: "order_id is missing or longer than 128 characters", problem: "orderId" };
  const date = get("date");
  const paidAt = DATE.test(date) ? new Date(/[T ]\d/.test(date) && !/(Z|[+-]\d{2}:?\d{2})$/.test(date) ? `${date.replace(" ", "T")}Z` : date.length === 10 ? `${date}T00:00:00Z` : date.replace(" ", "T")) : null;
  if (!paidAt || Number.isNaN(paidAt.getTime())) return { line, message: `date "${date}" is not a date (YYYY-MM-DD or ISO 8601)`, problem: "date", values: { value: date } };
  const email = get("email").toLowerCase();
  if (!EMAIL.test(email) || email.length > 254) return { line, message: `email "${email}" is not an e-mail address`, problem: "email", values: { value: email } };
  const subtotalCents = toCents(get("subtotal"));
  if (subtotalCents === null || subtotalCents < 0 || subtotalCents > 1_000_000_000) return { line, message: `subtotal "${get("subtotal")}" is not an amount such as 59.90`, problem: "subtotal", values: { value: get("subtotal") } };
  const rowCurrency = get("currency").toUpperCase();
  if (rowCurrency !== currency) return { line, message: `currency "${rowCurrency}" is not the program's ${currency}`, problem: "currency", values: { value: rowCurrency, currency } };
  const customerId = get("customer_id") || null;
  if (customerId && customerId.length > 128) return { line, message: "customer_id is longer than 128 characters", problem: "customerId" };
  const category = get("category") || null;
  return { line, orderId, paidAt, customerId, email, subtotalCents, category };
}

export type PricingRules = {
  mode: "points" | "tiers-only";
  /** The earn rule in force at a moment (versions kept by the console). */
  ruleAt: (at: Date) => { rule: EarnRule; version: number | null };
  tierRule: TierRule;
  tiers: readonly (TierDefinition & { multiplierPercent: number })[];
};

/**
 * Prices every row: customers' orders in date order, each at the tier their earlier imported orders
 * had reached. "tiers-only" keeps the orders for tier qualification and credits no points.
 */
export function priceRows(rows: readonly ImportRow[], rules: PricingRules): PricedRow[] {
  const byCustomer = new Map<string, ImportRow[]>();
  for (const row of rows) {
    const key = row.customerId ? `id:${row.customerId}` : `email:${row.email}`;
    const list = byCustomer.get(key);
    if (list) list.push(row);
    else byCustomer.set(key, [row]);
  }
  const priced: PricedRow[] = [];
  for (const list of byCustomer.values()) {
    list.sort((a, b) => a.paidAt.getTime() - b.paidAt.getTime() || a.line - b.line);
    const history: QualifyingOrder[] = [];
    for (const row of list) {
      const keys = { sourceRef: orderSource(row.orderId), earnKey: orderEarnKey(row.orderId) };
      if (rules.mode === "tiers-only") {
        priced.push({ ...row, ...keys, points: 0, ruleVersion: null, expiresAt: null });
      } else {
        // The order as the shop API would have credited it when it was paid: the tier of the history before it.
        const lines = row.category ? [{ sku: row.orderId, quantity: 1, unit_price_cents: row.subtotalCents, category: row.category }] : [];
        const credit = creditOrder(rules, history, { subtotalCents: row.subtotalCents, items: lines, paidAt: row.paidAt }, row.paidAt);
        priced.push({ ...row, ...keys, points: credit.points, ruleVersion: credit.ruleVersion, expiresAt: credit.expiresAt });
      }
      history.push({ paidAt: row.paidAt, netCents: row.subtotalCents });
    }
  }
  return priced;
}
