// Console member search on 100,000 members in PostgreSQL: the staff's search-as-you-type
// (e-mail and name prefixes, shop customer ids, coupon codes), p50/p95 over a mixed set of
// queries. Goal: p95 <= 50 ms. Needs the PostgreSQL at TEST_DATABASE_URL; makes and drops its own database.
// Runs lib/db directly, so it starts node with the react-server condition ("server-only" is then a no-op).
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { admin, adminUrl } from "./admin-db";
import { connect } from "../lib/db/connect";
import { searchMembers } from "../lib/db/queries/console-members";

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 100_000);
const QUERIES = Number(process.env.BENCH_SEARCHES ?? 400);
const firstNames = ["anna", "ben", "clara", "david", "emma", "felix", "greta", "hannah", "jonas", "lea", "lukas", "mia", "noah", "paul", "sophie"];

async function main() {
  const name = `treue_bench_search_${randomBytes(4).toString("hex")}`;
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const connection = await connect({ kind: "postgres", url: url.toString(), poolSize: 4 });
  try {
    const t0 = performance.now();
    // Generated in the server: 100,000 members with German-looking names, shop ids and a coupon each tenth.
    await connection.db.execute(sql.raw(`
      insert into members (email, name, shop_customer_id, points_balance)
      select (array[${firstNames.map((n) => `'${n}'`).join(",")}])[1 + i % ${firstNames.length}] || '.' || md5(i::text) || '@example.com',
             initcap((array[${firstNames.map((n) => `'${n}'`).join(",")}])[1 + i % ${firstNames.length}]) || ' ' || initcap(substr(md5((i * 7)::text), 1, 6)),
             'cust_' || i, 0
      from generate_series(1, ${MEMBERS}) as i`));
    await connection.db.execute(sql.raw(`insert into programs (id, name) values ('default', 'Bench')`));
    await connection.db.execute(sql.raw(`insert into rewards (id, program_id, kind, name, description, points_cost) values ('r', 'default', 'free_shipping', '{"de":"x","en":"x"}', '{"de":"x","en":"x"}', 1)`));
    await connection.db.execute(sql.raw(`
      insert into coupons (member_id, reward_id, code, request_id, points_cost, terms, expires_at)
      select id, 'r', 'TREUE-' || upper(substr(md5(id::text), 1, 12)), 'bench', 1, '{}'::jsonb, now() + interval '30 days'
      from members where shop_customer_id like 'cust_%0'`));
    await connection.db.execute(sql.raw(`analyze`));
    console.log(`member search: ${MEMBERS.toLocaleString("en")} members seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const codes = (await connection.db.execute(sql.raw(`select code from coupons order by random() limit 50`))) as unknown as { rows: { code: string }[] };
    const queries: string[] = [];
    for (let i = 0; i < QUERIES; i++) {
      const kind = i % 5;
      const first = firstNames[i % firstNames.length]!;
      if (kind === 0) queries.push(first.slice(0, 1 + (i % 3))); // a short prefix while typing: many matches
      else if (kind === 1) queries.push(`${first}.${(i * 2654435761).toString(16).slice(0, 2)}`); // e-mail prefix
      else if (kind === 2) queries.push(`${first} ${String.fromCharCode(97 + (i % 6))}`); // full name prefix
      else if (kind === 3) queries.push(`cust_${1 + ((i * 7_919) % MEMBERS)}`); // shop customer id
      else queries.push(codes.rows[i % codes.rows.length]!.code.toLowerCase()); // coupon code as typed
    }
    for (const q of queries.slice(0, 20)) await searchMembers(connection.db, q); // warm-up
    const latencies: number[] = [];
    for (const q of queries) {
      const started = performance.now();
      await searchMembers(connection.db, q, { limit: 25 });
      latencies.push(performance.now() - started);
    }
    latencies.sort((a, b) => a - b);
    const p = (percent: number) => latencies[Math.min(latencies.length - 1, Math.floor((percent / 100) * latencies.length))]!.toFixed(1);
    console.log(`member search on PostgreSQL, ${QUERIES} queries (prefix, e-mail, name, customer id, coupon code): p50 ${p(50)} ms, p95 ${p(95)} ms, max ${p(100)} ms (goal p95 <= 50 ms)`);
  } finally {
    await connection.close();
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

void main();
