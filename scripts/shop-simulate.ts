// `npm run shop:simulate`: behaves like a shop's backend and sends signed events to Treue,
// so a newcomer can watch points arrive in the demo.
//
//   npm run shop:simulate -- --email anna@demo.treue.shop --amount 59.90
//   npm run shop:simulate -- --refund 1050 --amount 20
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { signRequest } from "../lib/shop-api/signature";

const { values } = parseArgs({
  options: {
    email: { type: "string" },
    name: { type: "string" },
    customer: { type: "string" },
    amount: { type: "string" },
    order: { type: "string" },
    refund: { type: "string" },
    // The program's currency (an order in another one is refused): the demo's is EUR.
    currency: { type: "string", default: "EUR" },
    url: { type: "string", default: process.env.TREUE_URL ?? "http://localhost:3000" },
    help: { type: "boolean", short: "h" },
  },
});

function fail(message: string): never {
  console.error(`shop:simulate: ${message}`);
  process.exit(1);
}

function shopSecret(): string {
  if (process.env.TREUE_SHOP_SECRET) return process.env.TREUE_SHOP_SECRET;
  const demo = path.resolve(process.env.TREUE_DATA_DIR ?? "data", "demo-secrets.json");
  if (existsSync(demo)) return JSON.parse(readFileSync(demo, "utf8")).shopSecret;
  fail("set TREUE_SHOP_SECRET (the demo keeps it in data/demo-secrets.json)");
}

function cents(amount: string | undefined): number {
  const value = Number(amount?.replace(",", "."));
  if (!amount || !Number.isFinite(value) || value <= 0) fail("--amount must be a positive amount in the program's currency, e.g. 59.90");
  return Math.round(value * 100);
}

async function main() {
  if (values.help || (!values.email && !values.refund)) {
    console.log("usage: npm run shop:simulate -- --email <address> --amount <amount> [--currency <ISO 4217, default EUR>] [--order <id>] [--customer <id>] [--name <name>]");
    console.log("       npm run shop:simulate -- --refund <order id> --amount <amount>");
    return;
  }
  const stamp = Date.now().toString(36);
  const event = values.refund
    ? { id: `sim_refund_${stamp}`, type: "order.refunded", occurred_at: new Date().toISOString(), data: { order_id: values.refund, amount_cents: cents(values.amount) } }
    : {
        id: `sim_paid_${stamp}`,
        type: "order.paid",
        occurred_at: new Date().toISOString(),
        data: {
          order_id: values.order ?? `SIM-${stamp.toUpperCase()}`,
          customer: { id: values.customer ?? `sim:${values.email!.toLowerCase()}`, email: values.email, ...(values.name && { name: values.name }) },
          currency: values.currency.toUpperCase(),
          subtotal_cents: cents(values.amount),
          items: [{ sku: "SIM-1", name: "Simulierter Artikel", quantity: 1, unit_price_cents: cents(values.amount) }],
        },
      };
  const body = JSON.stringify(event);
  const url = new URL("/api/v1/events", values.url);
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...signRequest(shopSecret(), { method: "POST", url: url.href, body }) },
    body,
  }).catch((error: Error) => fail(`cannot reach ${values.url}: ${error.message}`));
  const answer = await response.text();
  console.log(`${event.type} ${event.data.order_id ?? ""} → ${response.status}`);
  console.log(answer);
  if (!response.ok) process.exit(1);
}

void main();
