import "server-only";
import { readFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { migrationsFolder, type Database, type Tx } from "../connect";

let shipped: { count: number; newest: number } | undefined;

/** The migrations this build ships (drizzle-kit's journal, read once: a build's files never change): how many, and the newest's timestamp. */
function shippedMigrations(): { count: number; newest: number } {
  if (shipped) return shipped;
  const journal = JSON.parse(readFileSync(path.join(migrationsFolder, "meta/_journal.json"), "utf8")) as { entries: { when: number }[] };
  shipped = { count: journal.entries.length, newest: Math.max(...journal.entries.map((e) => e.when)) };
  return shipped;
}

export type MigrationState = { current: boolean; applied: number; shipped: number };

/** Whether the database has every migration of this build (another instance may still be migrating, or be older). */
export async function migrationState(db: Database | Tx): Promise<MigrationState> {
  const shipped = shippedMigrations();
  const { rows } = (await db.execute(sql`select count(*)::int as applied, coalesce(max(created_at), 0)::float8 as newest from drizzle.__drizzle_migrations`)) as unknown as {
    rows: { applied: number; newest: number }[];
  };
  const applied = rows[0]?.applied ?? 0;
  return { current: applied >= shipped.count && (rows[0]?.newest ?? 0) >= shipped.newest, applied, shipped: shipped.count };
}

/** The database answers a trivial query. */
export async function databaseAnswers(db: Database): Promise<boolean> {
  await db.execute(sql`select 1`);
  return true;
}
