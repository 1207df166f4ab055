import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { PgDialect, getTableConfig, type PgTable } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import * as limits from "../../validations/limits";
import { ledgerEntries, programs, rewards, supportRequests, taskSubmissions, tasks, tiers } from "./index";

type Range = { readonly min: number; readonly max: number };

// Every console field kept as a plain column, with the limit from limits.ts its CHECK must hold.
const expected: [PgTable, string, string, Range][] = [
  [programs, "programs_name_length", "name", limits.TEXT.programName],
  [programs, "programs_point_value_range", "point_value_milli_cents", limits.POINT_VALUE_MILLI_CENTS],
  [tiers, "tiers_threshold_range", "threshold_cents", limits.TIER_THRESHOLD_CENTS],
  [tiers, "tiers_multiplier_range", "multiplier_percent", limits.TIER_MULTIPLIER_PERCENT],
  [rewards, "rewards_cost_range", "points_cost", limits.REWARD_POINTS_COST],
  [rewards, "rewards_value_range", "value_cents", limits.REWARD_VALUE_CENTS],
  [rewards, "rewards_percent_range", "percent_off", limits.REWARD_PERCENT_OFF],
  [rewards, "rewards_min_order_range", "min_order_cents", limits.MIN_ORDER_CENTS],
  [rewards, "rewards_validity_range", "coupon_valid_days", limits.COUPON_VALID_DAYS],
  [rewards, "rewards_stock_range", "stock", limits.REWARD_STOCK],
  [rewards, "rewards_per_member_range", "per_member_limit", limits.PER_MEMBER_LIMIT],
  [rewards, "rewards_position_range", "position", limits.LIST_POSITION],
  [rewards, "rewards_step_value_range", "step_value_cents", limits.REWARD_VALUE_CENTS],
  [rewards, "rewards_min_value_range", "min_value_cents", limits.POINTS_OFF_VALUE_CENTS],
  [rewards, "rewards_max_value_range", "max_value_cents", limits.POINTS_OFF_VALUE_CENTS],
  [rewards, "rewards_sku_length", "sku", limits.TEXT.sku],
  [rewards, "rewards_category_length", "category", limits.TEXT.category],
  [tasks, "tasks_points_range", "points", limits.TASK_POINTS],
  [tasks, "tasks_position_range", "position", limits.LIST_POSITION],
  [taskSubmissions, "submissions_reason_length", "reason", limits.TEXT.reason],
  [supportRequests, "support_requests_points_range", "points_granted", limits.SUPPORT_POINTS],
  [supportRequests, "support_requests_reply_length", "reply", limits.TEXT.supportReply],
  [ledgerEntries, "ledger_adjust_range", "delta", limits.POINTS_ADJUSTMENT],
];

const dialect = new PgDialect();

/** The schema's CHECKs as drizzle-kit writes them into a snapshot: name → SQL. */
function schemaChecks(table: PgTable): Record<string, string> {
  const config = getTableConfig(table);
  return Object.fromEntries(config.checks.map((c) => [c.name, dialect.sqlToQuery(c.value).sql]));
}

/** The CHECKs of the newest migration snapshot, i.e. what the migrations give the database. */
function migratedChecks(table: PgTable): Record<string, string> {
  const meta = path.join(process.cwd(), "lib/db/migrations/meta");
  const newest = readdirSync(meta)
    .filter((f) => f.endsWith("_snapshot.json"))
    .sort()
    .at(-1)!;
  const snapshot = JSON.parse(readFileSync(path.join(meta, newest), "utf8")) as { tables: Record<string, { checkConstraints: Record<string, { value: string }> }> };
  const checks = snapshot.tables[`public.${getTableConfig(table).name}`]!.checkConstraints;
  return Object.fromEntries(Object.entries(checks).map(([name, c]) => [name, c.value]));
}

describe("the database's CHECKs hold the console's field limits", () => {
  it.each(expected)("%#: %s bounds %s by limits.ts", (table, name, column, range) => {
    const check = schemaChecks(table)[name];
    expect(check, `${name} is missing from the schema`).toBeDefined();
    const bounds = new RegExp(`(?:char_length\\()?"${getTableConfig(table).name}"\\."${column}"\\)? between (-?\\d+) and (-?\\d+)`).exec(check!);
    expect(bounds, check).not.toBeNull();
    expect({ min: Number(bounds![1]), max: Number(bounds![2]) }).toEqual({ min: range.min, max: range.max });
  });

  it("are the ones the migrations create (a changed limit needs `npm run db:generate`)", () => {
    for (const table of new Set(expected.map(([t]) => t))) {
      expect(migratedChecks(table), getTableConfig(table).name).toEqual(schemaChecks(table));
    }
  });
});
