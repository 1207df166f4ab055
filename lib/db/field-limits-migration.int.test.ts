// Migration 0024 repairs rows written past the console's limits before it adds its CHECKs, and
// leaves unset values unset. Runs the migrations' own SQL on an embedded database.
import { readFileSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, describe, expect, it } from "vitest";

const folder = path.join(process.cwd(), "lib/db/migrations");
const journal = JSON.parse(readFileSync(path.join(folder, "meta/_journal.json"), "utf8")) as { entries: { tag: string }[] };

async function run(db: PGlite, tag: string) {
  for (const statement of readFileSync(path.join(folder, `${tag}.sql`), "utf8").split("--> statement-breakpoint")) {
    if (statement.trim()) await db.exec(statement);
  }
}

describe("migration 0024 (field limits) on rows past them", () => {
  const db = new PGlite();
  afterAll(() => db.close());

  it("clamps and cuts them to the limits, keeps unset values unset, and the checks then hold", async () => {
    const tags = journal.entries.map((e) => e.tag);
    const limitsAt = tags.findIndex((t) => t.startsWith("0024_"));
    for (const tag of tags.slice(0, limitsAt)) await run(db, tag);
    await db.exec(`
      insert into programs (id, name, point_value_milli_cents) values ('p', '${"n".repeat(90)}', 0);
      insert into rewards (id, program_id, kind, name, description, points_cost, value_cents, coupon_valid_days, stock, per_member_limit, position, sku)
        values ('laut', 'p', 'amount_off', '{}', '{}', 2000000, 0, 1000, 20000000, 0, 5000, ''),
               ('still', 'p', 'amount_off', '{}', '{}', 500, 500, 30, null, null, 0, null);
      insert into tiers (id, program_id, name, threshold_cents, multiplier_percent, position) values ('t', 'p', '{}', 0, 50, 0);
      insert into members (id, email) values ('00000000-0000-4000-8000-000000000001', 'a@example.com');
      insert into support_requests (member_id, order_number, order_date, status, reply, points_granted)
        values ('00000000-0000-4000-8000-000000000001', '1', '2026-01-01', 'resolved', 'ok', 2000000);
    `);
    await run(db, tags[limitsAt]!);

    const program = (await db.query<{ name: string; point_value_milli_cents: number }>("select name, point_value_milli_cents from programs")).rows[0]!;
    expect(program).toEqual({ name: "n".repeat(80), point_value_milli_cents: 1 });
    const byId = Object.fromEntries((await db.query<Record<string, unknown>>("select id, points_cost, value_cents, coupon_valid_days, stock, per_member_limit, position, sku from rewards")).rows.map((r) => [r.id, r]));
    expect(byId.laut).toEqual({ id: "laut", points_cost: 1_000_000, value_cents: 1, coupon_valid_days: 730, stock: 10_000_000, per_member_limit: 1, position: 1000, sku: null });
    expect(byId.still).toEqual({ id: "still", points_cost: 500, value_cents: 500, coupon_valid_days: 30, stock: null, per_member_limit: null, position: 0, sku: null });
    expect((await db.query("select multiplier_percent from tiers")).rows).toEqual([{ multiplier_percent: 100 }]);
    expect((await db.query("select reply, points_granted from support_requests")).rows).toEqual([{ reply: "ok.", points_granted: 1_000_000 }]);
    await expect(db.exec("update rewards set stock = 20000000 where id = 'still'")).rejects.toThrow(/rewards_stock_range/);
  });
});
