// Insights at scale on PostgreSQL: 100,000 members, 1,000,000 orders over two years and 20,000
// survey answers, then the metrics API's numbers for one year (computed live) and the Insights
// page's data (the period, the one before, the series by month) computed afresh and from its
// snapshot, each timed (median of 3). Goal: <= 1 s for the API and the page.
// Makes and drops its own database at TEST_DATABASE_URL.
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { admin, adminUrl } from "./admin-db";
import { connect, type Database } from "../lib/db/connect";
import { getInsights } from "../lib/db/queries/metric-snapshots";
import { getMetrics } from "../lib/db/queries/metrics";
import { cliSurveyTemplate, npsSurveyTemplate } from "../lib/loyalty/survey-templates";

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 100_000);
const ORDERS = Number(process.env.BENCH_ORDERS ?? 1_000_000);
const ANSWERS = Number(process.env.BENCH_ANSWERS ?? 20_000);
async function median(work: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    await work();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[1]!;
}

async function main() {
  // BENCH_DATABASE=<name of a kept database> measures again without seeding.
  const reuse = process.env.BENCH_DATABASE;
  const name = reuse ?? `treue_bench_insights_${randomBytes(4).toString("hex")}`;
  if (!reuse) await admin(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const { db, close } = await connect({ kind: "postgres", url: url.toString(), poolSize: 8 });
  try {
    if (!reuse) await seed(db);
    await measure(db);
  } finally {
    await close();
    // BENCH_KEEP=1 leaves the database for a look with EXPLAIN (its name is printed).
    if (process.env.BENCH_KEEP === "1" || reuse) console.log(`insights: kept database ${name}`);
    else await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

async function seed(db: Database) {
  const t0 = performance.now();
  const run = (statement: string) => db.execute(sql.raw(statement));
  await run(`insert into programs (id, name, launched_at) values ('default', 'Bench', now() - interval '2 years')`);
  await db.execute(sql`insert into tasks (id, program_id, kind, title, points, config) values
    ('nps', 'default', 'survey', '{"de":"NPS","en":"NPS"}', 10, ${JSON.stringify({ questions: npsSurveyTemplate })}::jsonb),
    ('cli', 'default', 'survey', '{"de":"CLI","en":"CLI"}', 10, ${JSON.stringify({ questions: cliSurveyTemplate })}::jsonb)`);
  await run(`insert into members (email, email_verified, created_at)
    select 'm' || i || '@example.com', case when i % 3 <> 0 then now() - interval '1 year' end, now() - interval '2 years' + (i % 700) * interval '1 day'
    from generate_series(1, ${MEMBERS}) i`);
  await run(`create table bench_members as select row_number() over (order by id) as n, id from members`);
  const categories = "array['zelte','apparel','shoes','bags','bike']";
  await run(`insert into orders (member_id, shop_order_id, currency, subtotal_cents, refunded_cents, items, paid_at, points_earned)
    select m.id, 'o' || i, 'EUR', 1000 + (i * 7919) % 30000, case when i % 50 = 0 then 1000 + (i * 7919) % 30000 when i % 20 = 0 then 500 else 0 end,
           jsonb_build_array(jsonb_build_object('sku', 'SKU' || (i % 400), 'category', (${categories})[1 + i % 5], 'quantity', 1, 'unit_price_cents', 1000)),
           now() - (i % 730) * interval '1 day' - (i % 1440) * interval '1 minute', 10
    from generate_series(1::bigint, ${ORDERS}) i join bench_members m on m.n = 1 + (i * 31) % ${MEMBERS}`);
  await run(`insert into ledger_entries (member_id, delta, kind, source_ref, idempotency_key, created_at)
    select member_id, points_earned, 'earn_order', 'order:' || shop_order_id, 'o:' || shop_order_id, paid_at from orders`);
  await run(`insert into task_submissions (member_id, task_id, kind, client_id, status, payload, points, created_at)
    select m.id, case when i % 2 = 0 then 'nps' else 'cli' end, 'survey', 's' || i, 'completed',
           case when i % 2 = 0 then jsonb_build_object('answers', jsonb_build_object('nps', i % 11))
                else jsonb_build_object('answers', jsonb_build_object('cli_recommend', i % 11, 'cli_buy_again', (i * 3) % 11, 'cli_try_other', (i * 7) % 11)) end,
           10, now() - (i % 700) * interval '1 day'
    from generate_series(1::bigint, ${ANSWERS}) i join bench_members m on m.n = 1 + (i * 17) % ${MEMBERS}`);
  // What autovacuum does after a bulk load: statistics, and the visibility map index-only scans need.
  await run(`vacuum analyze`);
  console.log(`insights: seeded ${MEMBERS.toLocaleString("en")} members, ${ORDERS.toLocaleString("en")} orders, ${ANSWERS.toLocaleString("en")} answers in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

async function measure(db: Database) {
  const today = new Date();
  const to = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + 1)).toISOString().slice(0, 10);
  const from = new Date(Date.UTC(today.getUTCFullYear() - 1, today.getUTCMonth(), today.getUTCDate() + 1)).toISOString().slice(0, 10);
  const period = { from, to };
  const api = await median(() => getMetrics(db, period, "Europe/Berlin"));
  const afresh = await median(() => getInsights(db, period, "Europe/Berlin", "month", { maxAgeMs: 0 }));
  const page = await median(() => getInsights(db, period, "Europe/Berlin", "month"));
  console.log(`insights on PostgreSQL, one year (${from}..${to}): metrics API ${api.toFixed(0)} ms live; Insights page data (period, previous, monthly series) ${page.toFixed(0)} ms from its snapshot (at most 15 min old, kept fresh by the jobs), ${afresh.toFixed(0)} ms computed afresh (goal <= 1000 ms, median of 3)`);
}

void main();
