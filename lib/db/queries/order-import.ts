import "server-only";
// Writes imported past orders in one transaction: rows are staged with COPY into a temporary table,
// then members, orders and their earn rows are made by set-based SQL, so a million orders take one
// pass and a failure leaves nothing behind. A dry run does all of it and rolls back, reporting
// exactly what the import would do. PGlite answers no COPY from the client, so there the rows are
// staged in batches of JSON instead.
import type { Pool, PoolClient } from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { PricedRow } from "../../loyalty/order-import";
import type { Connection } from "../connect";
import type { AuditActor } from "./audit";

export type ImportOutcome = {
  rows: number;
  knownOrders: number;
  newOrders: number;
  newMembers: number;
  points: number;
  applied: boolean;
  /** The members the new orders belong to: their tiers are settled after the import (lib/db/queries/tiers.ts settleTiersOf). */
  memberIds: string[];
};

type Raw = { query: <T>(text: string, params?: unknown[]) => Promise<T[]>; stage: (rows: readonly PricedRow[]) => Promise<void> };

const STAGE = `create temp table import_rows (
  line int not null, order_id text not null, paid_at timestamptz not null, customer_id text, email text not null,
  subtotal_cents int not null, category text, points int not null, rule_version int, expires_at timestamptz,
  source_ref text not null, earn_key text not null, member_id uuid
) on commit drop`;
const COPY = "copy import_rows (line, order_id, paid_at, customer_id, email, subtotal_cents, category, points, rule_version, expires_at, source_ref, earn_key) from stdin with (format csv)";

function csvField(value: string | number | null): string {
  if (value === null) return "";
  const text = String(value);
  return /[",\n\r]/.test(text) || text === "" ? `"${text.replace(/"/g, '""')}"` : text;
}

const BATCH = 5_000;

/** A staged row's columns, in COPY's order. */
function stagedFields(r: PricedRow) {
  return [r.line, r.orderId, r.paidAt.toISOString(), r.customerId, r.email, r.subtotalCents, r.category, r.points, r.ruleVersion, r.expiresAt?.toISOString() ?? null, r.sourceRef, r.earnKey];
}

/** The staged rows as CSV, in chunks of a few thousand lines. */
async function* csvChunks(rows: readonly PricedRow[]): AsyncIterable<string> {
  for (let i = 0; i < rows.length; i += BATCH) {
    let chunk = "";
    for (const r of rows.slice(i, i + BATCH)) chunk += `${stagedFields(r).map(csvField).join(",")}\n`;
    yield chunk;
  }
}

async function copyRows(client: PoolClient, rows: readonly PricedRow[]): Promise<void> {
  const stream = client.query(copyFrom(COPY));
  const done = new Promise<void>((resolve, reject) => {
    stream.on("finish", resolve);
    stream.on("error", reject);
  });
  for await (const chunk of csvChunks(rows)) if (!stream.write(chunk)) await new Promise((resolve) => stream.once("drain", resolve));
  stream.end();
  await done;
}

async function insertRows(client: PoolClient, rows: readonly PricedRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) {
    await client.query(
      `insert into import_rows (line, order_id, paid_at, customer_id, email, subtotal_cents, category, points, rule_version, expires_at, source_ref, earn_key)
       select (r->>0)::int, r->>1, (r->>2)::timestamptz, r->>3, r->>4, (r->>5)::int, r->>6, (r->>7)::int, (r->>8)::int, (r->>9)::timestamptz, r->>10, r->>11
       from jsonb_array_elements($1::jsonb) as r`,
      [JSON.stringify(rows.slice(i, i + BATCH).map(stagedFields))],
    );
  }
}

/** The import's SQL, the same on both databases. */
async function run(raw: Raw, rows: readonly PricedRow[], currency: string, actor: AuditActor, dryRun: boolean): Promise<Omit<ImportOutcome, "applied">> {
  await raw.query(STAGE);
  await raw.stage(rows);
  await raw.query("create index on import_rows (order_id)");
  await raw.query("analyze import_rows");
  // Only rows not imported before make members: a re-run changes nothing.
  const [known] = await raw.query<{ n: string }>("with gone as (delete from import_rows r where exists (select 1 from orders o where o.shop_order_id = r.order_id) returning 1) select count(*) as n from gone");
  const [created] = await raw.query<{ n: string }>(`
    with made as (
      insert into members (email, shop_customer_id)
      select distinct on (r.email) r.email, r.customer_id from import_rows r
      where not exists (select 1 from members m where m.shop_customer_id = r.customer_id)
        and not exists (select 1 from members m where m.email = r.email)
      order by r.email, r.line
      on conflict do nothing
      returning id)
    select count(*) as n from made`);
  if (dryRun) {
    // Every staged row is now a new order (the file's order ids are unique): count instead of
    // writing a million orders and earn rows only to roll them back.
    const [would] = await raw.query<{ orders: string; points: string }>("select count(*) as orders, coalesce(sum(points), 0) as points from import_rows");
    return { rows: rows.length, knownOrders: Number(known?.n ?? 0), newOrders: Number(would?.orders ?? 0), newMembers: Number(created?.n ?? 0), points: Number(would?.points ?? 0), memberIds: [] };
  }
  await raw.query("update import_rows r set member_id = m.id from members m where m.shop_customer_id = r.customer_id");
  await raw.query("update import_rows r set member_id = m.id from members m where r.member_id is null and m.email = r.email");
  // Orders first (a re-sent order id is skipped), then one earn row per new order that earns.
  await raw.query(
    `create temp table placed on commit drop as
     with p as (
       insert into orders (member_id, shop_order_id, currency, subtotal_cents, items, paid_at, points_earned, rule_version)
       select member_id, order_id, $1, subtotal_cents,
              case when category is null then '[]'::jsonb
                   else jsonb_build_array(jsonb_build_object('sku', order_id, 'name', order_id, 'quantity', 1, 'unit_price_cents', subtotal_cents, 'category', category)) end,
              paid_at, points, rule_version
       from import_rows order by member_id, paid_at
       on conflict (shop_order_id) do nothing
       returning shop_order_id, member_id, points_earned, paid_at, rule_version)
     select * from p`,
    [currency],
  );
  const [totals] = await raw.query<{ orders: string; points: string }>(
    `with earned as (
       insert into ledger_entries (member_id, delta, kind, source_ref, idempotency_key, created_at, expires_at, rule_version)
       select p.member_id, p.points_earned, 'earn_order', r.source_ref, r.earn_key, p.paid_at, r.expires_at, p.rule_version
       from placed p join import_rows r on r.order_id = p.shop_order_id
       where p.points_earned > 0
       order by p.member_id
       on conflict (idempotency_key) do nothing
       returning delta)
     select (select count(*) from placed) as orders, (select coalesce(sum(delta), 0) from earned) as points`,
  );
  const outcome = { rows: rows.length, knownOrders: Number(known?.n ?? 0), newOrders: Number(totals?.orders ?? 0), newMembers: Number(created?.n ?? 0), points: Number(totals?.points ?? 0) };
  await raw.query("insert into audit_log (actor_id, actor_email, action, target, after) values ($1, $2, 'orders.import', 'orders', $3)", [actor.id, actor.email, JSON.stringify(outcome)]);
  const touched = await raw.query<{ id: string }>("select distinct member_id as id from placed");
  return { ...outcome, memberIds: touched.map((r) => r.id) };
}

class DryRun extends Error {
  constructor(readonly outcome: Omit<ImportOutcome, "applied">) {
    super("dry run");
  }
}

/** Imports (or with `dryRun` only counts) the priced rows in one transaction. */
export async function importOrders(connection: Connection, rows: readonly PricedRow[], options: { currency: string; actor: AuditActor; dryRun: boolean }): Promise<ImportOutcome> {
  const pool = (connection.db as unknown as { $client: Pool }).$client;
  const client: PoolClient = await pool.connect();
  try {
    await client.query("begin");
    const raw: Raw = {
      query: async <T>(text: string, params?: unknown[]) => (await client.query(text, params)).rows as T[],
      stage: (staged) => (connection.kind === "postgres" ? copyRows(client, staged) : insertRows(client, staged)),
    };
    const outcome = await run(raw, rows, options.currency, options.actor, options.dryRun);
    if (options.dryRun) throw new DryRun(outcome);
    await client.query("commit");
    return { ...outcome, applied: true };
  } catch (error) {
    await client.query("rollback").catch(() => {});
    if (error instanceof DryRun) return { ...error.outcome, applied: false };
    throw error;
  } finally {
    client.release();
  }
}
